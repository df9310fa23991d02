/**
 * Teams join a run with its code and pick their team; then they see a holding screen until the run
 * goes live, and their scenario (never the rubric or model answers) once it is.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { teamOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { findPackVersionContent } from '../packs/queries.js';
import { toTeamScenarioView } from '../packs/views.js';
import { normaliseJoinCode } from '../runs/join-codes.js';
import { RunState, scenarioVisibleToTeams, teamsMayJoin } from '../runs/lifecycle.js';
import { countRecentJoinFailures, findRunByJoinCode, listTeamNames, recordJoinFailure, teamBelongsToRun } from './queries.js';
import { FindRunByCodeRequest, JoinableRun, JoinTeamRequest, TeamScenarioResponse, TeamSession } from './schema.js';
import { loadTeamIdentity, startTeamSession, TEAM_COOKIE, toTeamSession } from './sessions.js';

// A room of teams mistypes a code a few times; a script guessing codes makes thousands of tries.
const JOIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
const MAX_JOIN_FAILURES = 30;

export const teamRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  async function findJoinableRun(typedCode: string, clientAddress: string) {
    const failures = await countRecentJoinFailures(db, clientAddress, new Date(Date.now() - JOIN_FAILURE_WINDOW_MS));
    if (failures >= MAX_JOIN_FAILURES) {
      throw new HttpError(429, 'too_many_attempts', 'Too many codes tried that did not work. Wait 15 minutes, then try again.');
    }
    const run = await findRunByJoinCode(db, normaliseJoinCode(typedCode));
    if (!run || !teamsMayJoin(RunState.parse(run.state))) {
      await recordJoinFailure(db, clientAddress);
      throw new HttpError(404, 'join_code_not_found', 'No exercise is open with that code. Check it with your facilitator.');
    }
    return run;
  }

  app.post(
    '/join/lookup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['teams'],
        summary: 'Find the run a join code opens, and its teams',
        body: FindRunByCodeRequest,
        response: { 200: JoinableRun, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const run = await findJoinableRun(request.body.joinCode, request.ip);
      return { cohortLabel: run.cohortLabel, exerciseDate: run.exerciseDate, teams: await listTeamNames(db, run.id) };
    },
  );

  app.post(
    '/join',
    {
      config: { access: 'public' },
      schema: {
        tags: ['teams'],
        summary: 'Join a run as one of its teams',
        body: JoinTeamRequest,
        response: { 200: TeamSession, 400: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const run = await findJoinableRun(request.body.joinCode, request.ip);
      if (!(await teamBelongsToRun(db, run.id, request.body.teamId))) {
        throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
          { path: 'body.teamId', message: 'Choose one of the teams in this exercise' },
        ]);
      }
      const session = await startTeamSession(db, request.body.teamId);
      reply.setCookie(TEAM_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        expires: session.expiresAt,
      });
      return toTeamSession((await loadTeamIdentity(db, session.token))!);
    },
  );

  app.get(
    '/team/session',
    {
      config: { access: 'team' },
      schema: { tags: ['teams'], summary: 'Which team and run this browser is in', response: { 200: TeamSession, 401: ErrorResponse } },
    },
    async (request) => toTeamSession(teamOf(request)),
  );

  app.get(
    '/team/scenario',
    {
      config: { access: 'team' },
      schema: {
        tags: ['teams'],
        summary: "The team's scenario, once the run is live",
        response: { 200: TeamScenarioResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const team = teamOf(request);
      if (!scenarioVisibleToTeams(team.runState)) return { status: 'waiting' as const };
      const pack = await findPackVersionContent(db, team.packVersionId);
      const view = pack && toTeamScenarioView(pack, team.scenarioId);
      if (!view) throw new HttpError(404, 'not_found', 'Your scenario could not be found. Ask your facilitator.');
      return { status: 'ready' as const, scenario: view };
    },
  );
};
