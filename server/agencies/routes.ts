/**
 * HTTP for the agency inbox: a team writes to an agency the pack names; an assessor playing that
 * agency answers in role, in their own words or with one of the scenario's prepared injects.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf, teamOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { releaseToTeam } from '../injects/releases.js';
import { listTeamsOfRun } from '../injects/queries.js';
import { publish } from '../live/notifications.js';
import { findPackVersionContent } from '../packs/queries.js';
import type { Pack } from '../packs/schema.js';
import { findRunForStaff } from '../runs/queries.js';
import { insertAgencyMessage, listAgencyMessages } from './queries.js';
import { AgencyReplyRequest, AgencyThreads, TeamMessageRequest } from './schema.js';
import { groupIntoThreads } from './threads.js';

const AgencyParams = z.object({ agencyId: z.string().min(1) });

export const agencyRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/team/agency-threads',
    {
      config: { access: 'team' },
      schema: { tags: ['agencies'], summary: "Your team's conversations with partner agencies", response: { 200: AgencyThreads } },
    },
    async (request) => {
      const team = teamOf(request);
      const pack = await findPackVersionContent(db, team.packVersionId);
      return { threads: groupIntoThreads(await listAgencyMessages(db, team.runId, team.teamId), pack?.meta.agencies ?? []) };
    },
  );

  app.post(
    '/team/agencies/:agencyId/messages',
    {
      config: { access: 'team' },
      schema: {
        tags: ['agencies'],
        summary: 'Write to a partner agency',
        params: AgencyParams,
        body: TeamMessageRequest,
        response: { 201: z.object({ id: z.uuid() }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const team = teamOf(request);
      if (team.runState !== 'live') throw new HttpError(409, 'run_not_live', 'Messages can be sent only while the exercise is live.');
      const pack = await findPackVersionContent(db, team.packVersionId);
      const { agencyId } = request.params;
      if (!pack?.meta.agencies.some((agency) => agency.id === agencyId)) {
        throw new HttpError(404, 'not_found', `This exercise has no agency "${agencyId}".`);
      }
      const id = await db.transaction().execute(async (trx) => {
        const messageId = await insertAgencyMessage(trx, {
          runId: team.runId,
          teamId: team.teamId,
          agencyId,
          authorKind: 'team',
          authorUserId: null,
          body: request.body.body,
          injectId: null,
        });
        await publish(trx, { type: 'agency-message', runId: team.runId, teamId: team.teamId, agencyId });
        return messageId;
      });
      return reply.status(201).send({ id });
    },
  );

  app.get(
    '/runs/:runId/agency-threads',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['agencies'],
        summary: "Every team's conversations with agencies in a run, latest first",
        params: z.object({ runId: z.uuid() }),
        response: { 200: AgencyThreads, 404: ErrorResponse },
      },
    },
    async (request) => {
      const run = await findRunForStaff(db, staffOf(request), request.params.runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      const pack = run.content as unknown as Pack;
      return { threads: groupIntoThreads(await listAgencyMessages(db, run.id), pack.meta.agencies) };
    },
  );

  app.post(
    '/runs/:runId/teams/:teamId/agencies/:agencyId/replies',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['agencies'],
        summary: 'Answer a team in role as an agency, in your own words or with a prepared inject',
        params: AgencyParams.extend({ runId: z.uuid(), teamId: z.uuid() }),
        body: AgencyReplyRequest,
        response: { 201: z.object({ id: z.uuid() }), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const { runId, teamId, agencyId } = request.params;
      const run = await findRunForStaff(db, staff, runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      if (run.state !== 'live') throw new HttpError(409, 'run_not_live', 'Agencies can answer only while the run is live.');
      const pack = run.content as unknown as Pack;
      const agency = pack.meta.agencies.find((candidate) => candidate.id === agencyId);
      if (!agency) throw new HttpError(404, 'not_found', `This exercise has no agency "${agencyId}".`);
      const team = (await listTeamsOfRun(db, run.id)).find((candidate) => candidate.id === teamId);
      if (!team) throw new HttpError(404, 'not_found', 'That team is not in this run.');
      const scenario = pack.scenarios.find((candidate) => candidate.id === team.scenarioId)!;
      const { body, injectId } = request.body;
      const inject = injectId ? scenario.injects.find((candidate) => candidate.id === injectId) : undefined;
      if (injectId && !inject) {
        throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
          { path: 'body.injectId', message: `${team.name}'s scenario has no inject "${injectId}"` },
        ]);
      }
      const id = await db.transaction().execute(async (trx) => {
        const messageId = await insertAgencyMessage(trx, {
          runId,
          teamId,
          agencyId,
          authorKind: 'agency',
          authorUserId: staff.userId,
          body: body || `${inject!.title}: see your information feed.`,
          injectId: inject?.id ?? null,
        });
        if (inject) {
          await releaseToTeam(trx, { runId, teamId, scenario }, {
            kind: 'inject',
            contentId: inject.id,
            trigger: 'manual',
            releasedBy: staff.userId,
            reason: `Answer from ${agency.name}`,
          });
        }
        await publish(trx, { type: 'agency-message', runId, teamId, agencyId });
        return messageId;
      });
      return reply.status(201).send({ id });
    },
  );
};
