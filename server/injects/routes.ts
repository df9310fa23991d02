/**
 * HTTP for injects and micro-teaches: a team's feed and its live event stream; a facilitator's
 * releases, the release log and the console's event stream.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf, teamOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { runTeamsTopic, runTopic, teamTopic } from '../live/events.js';
import type { LiveStreams } from '../live/streams.js';
import { findPackVersionContent } from '../packs/queries.js';
import type { Pack, Scenario } from '../packs/schema.js';
import { findRunForStaff } from '../runs/queries.js';
import { listReleasesForRun, listReleasesForTeam, listTeamsOfRun, markReleaseRead, type ReleaseKind } from './queries.js';
import { contentExists, releaseToTeam } from './releases.js';
import { ReleaseOutcome, ReleaseRequest, RunReleaseLog, TeamFeed } from './schema.js';

const RunParams = z.object({ runId: z.uuid('is not a run id') });

export const injectRoutes: FastifyPluginAsyncZod<{ db: Database; live: LiveStreams }> = async (app, { db, live }) => {
  app.get(
    '/team/feed',
    {
      config: { access: 'team' },
      schema: { tags: ['injects'], summary: 'What has been released to your team, newest first', response: { 200: TeamFeed } },
    },
    async (request) => {
      const team = teamOf(request);
      const pack = await findPackVersionContent(db, team.packVersionId);
      const scenario = pack?.scenarios.find((candidate) => candidate.id === team.scenarioId);
      const rows = await listReleasesForTeam(db, team.teamId);
      const items = rows.flatMap((row) => {
        const content = pack && scenario ? describeContent(pack, scenario, row.kind as ReleaseKind, row.contentId) : undefined;
        if (!content) return [];
        return [
          {
            releaseId: row.id,
            kind: row.kind as ReleaseKind,
            contentId: row.contentId,
            ...content,
            releasedAt: row.releasedAt.toISOString(),
            readAt: row.readAt?.toISOString() ?? null,
          },
        ];
      });
      return { items, unread: items.filter((item) => item.readAt === null).length };
    },
  );

  app.post(
    '/team/feed/:releaseId/read',
    {
      config: { access: 'team' },
      schema: {
        tags: ['injects'],
        summary: 'Mark an item of your feed as read',
        params: z.object({ releaseId: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await markReleaseRead(db, teamOf(request).teamId, request.params.releaseId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/team/events',
    { config: { access: 'team' }, schema: { tags: ['injects'], summary: "Server-Sent Events for your team: releases and the run's state" } },
    (request, reply) => {
      const team = teamOf(request);
      live.stream(request, reply, [teamTopic(team.teamId), runTeamsTopic(team.runId)]);
    },
  );

  app.post(
    '/runs/:runId/releases',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['injects'],
        summary: 'Release an inject or micro-teach to some or all teams',
        params: RunParams,
        body: ReleaseRequest,
        response: { 200: ReleaseOutcome, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const staff = staffOf(request);
      const run = await findRunForStaff(db, staff, request.params.runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      if (run.state !== 'live') throw new HttpError(409, 'run_not_live', 'Injects can be released only while the run is live.');
      const pack = run.content as unknown as Pack;
      const teams = await listTeamsOfRun(db, run.id);
      const { kind, contentId, teamIds, reason } = request.body;
      const chosen = teamIds.map((teamId) => {
        const team = teams.find((candidate) => candidate.id === teamId);
        if (!team) throw badRequest('body.teamIds', `No team of this run has the id ${teamId}`);
        const scenario = pack.scenarios.find((candidate) => candidate.id === team.scenarioId)!;
        if (!contentExists(pack, scenario, kind, contentId)) {
          throw badRequest('body.contentId', `${team.name}'s scenario has no ${kind} "${contentId}"`);
        }
        return { teamId, scenario };
      });
      return db.transaction().execute(async (trx) => {
        const released: Array<{ teamId: string; releaseIds: string[] }> = [];
        const alreadyReleased: string[] = [];
        for (const { teamId, scenario } of chosen) {
          const releaseIds = await releaseToTeam(trx, { runId: run.id, teamId, scenario }, {
            kind,
            contentId,
            trigger: 'manual',
            releasedBy: staff.userId,
            reason: reason ?? null,
          });
          if (releaseIds.length > 0) released.push({ teamId, releaseIds });
          else alreadyReleased.push(teamId);
        }
        return { released, alreadyReleased };
      });
    },
  );

  app.get(
    '/runs/:runId/releases',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['injects'],
        summary: 'Every release of the run: what, to whom, when, by whom and why',
        params: RunParams,
        response: { 200: RunReleaseLog, 404: ErrorResponse },
      },
    },
    async (request) => {
      const run = await findRunForStaff(db, staffOf(request), request.params.runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      const pack = run.content as unknown as Pack;
      const teams = await listTeamsOfRun(db, run.id);
      const rows = await listReleasesForRun(db, run.id);
      return {
        releases: rows.map((row) => {
          const scenario = pack.scenarios.find((candidate) => candidate.id === teams.find((team) => team.id === row.teamId)?.scenarioId);
          const content = scenario ? describeContent(pack, scenario, row.kind as ReleaseKind, row.contentId) : undefined;
          return {
            id: row.id,
            teamId: row.teamId,
            kind: row.kind as ReleaseKind,
            contentId: row.contentId,
            title: content?.title ?? row.contentId,
            trigger: row.trigger as 'manual' | 'time' | 'decision',
            releasedBy: row.releasedByName,
            reason: row.reason,
            releasedAt: row.releasedAt.toISOString(),
            readAt: row.readAt?.toISOString() ?? null,
          };
        }),
      };
    },
  );

  app.get(
    '/runs/:runId/events',
    {
      config: { access: 'staff' },
      schema: { tags: ['injects'], summary: 'Server-Sent Events for the facilitator console of a run', params: RunParams },
    },
    async (request, reply) => {
      const run = await findRunForStaff(db, staffOf(request), request.params.runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      live.stream(request, reply, [runTopic(run.id)]);
    },
  );
};

function describeContent(pack: Pack, scenario: Scenario, kind: ReleaseKind, contentId: string) {
  if (kind === 'inject') {
    const inject = scenario.injects.find((candidate) => candidate.id === contentId);
    return inject && { title: inject.title, from: inject.from, body: inject.body };
  }
  const microTeach = pack.microTeaches.find((candidate) => candidate.id === contentId);
  return microTeach && { title: microTeach.title, summary: microTeach.summary, body: microTeach.body };
}

function badRequest(path: string, message: string): HttpError {
  return new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [{ path, message }]);
}
