/** GET /api/runs/:runId/console: the facilitator's live board of a run. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAgencyMessages } from '../agencies/queries.js';
import { groupIntoThreads } from '../agencies/threads.js';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { listReleasesForRun } from '../injects/queries.js';
import type { Pack } from '../packs/schema.js';
import { RunState } from '../runs/lifecycle.js';
import { findRunForStaff } from '../runs/queries.js';
import { describeTeam } from './board.js';
import { listAnswersOfRun, listDecisionsOfRun, listTeamsOfRunWithSubmission, listTeamsWithSessions } from './queries.js';
import { RunConsole } from './schema.js';

export const consoleRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/runs/:runId/console',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['console'],
        summary: "The facilitator's board: each team's progress, decisions, injects and agency requests",
        params: z.object({ runId: z.uuid() }),
        response: { 200: RunConsole, 404: ErrorResponse },
      },
    },
    async (request) => {
      const run = await findRunForStaff(db, staffOf(request), request.params.runId);
      if (!run) throw new HttpError(404, 'not_found', 'There is no run with that id that you can see.');
      const pack = run.content as unknown as Pack;
      const [teams, joined, answers, decisions, releases, messages] = await Promise.all([
        listTeamsOfRunWithSubmission(db, run.id),
        listTeamsWithSessions(db, run.id),
        listAnswersOfRun(db, run.id),
        listDecisionsOfRun(db, run.id),
        listReleasesForRun(db, run.id),
        listAgencyMessages(db, run.id),
      ]);
      const threads = groupIntoThreads(messages, pack.meta.agencies);
      return {
        run: {
          id: run.id,
          cohortLabel: run.cohortLabel,
          state: RunState.parse(run.state),
          joinCode: run.joinCode,
          wentLiveAt: run.wentLiveAt?.toISOString() ?? null,
        },
        agencies: pack.meta.agencies.map(({ id, name }) => ({ id, name })),
        microTeaches: pack.microTeaches.map(({ id, title, summary }) => ({ id, title, summary })),
        teams: teams.map((team) =>
          describeTeam(pack, {
            team,
            joined: joined.has(team.id),
            answers: answers.filter((answer) => answer.teamId === team.id),
            decisions: decisions.filter((decision) => decision.teamId === team.id),
            releases: releases.filter((release) => release.teamId === team.id),
            threads: threads.filter((thread) => thread.teamId === team.id),
          }),
        ),
      };
    },
  );
};
