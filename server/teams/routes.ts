/**
 * Teams join a run with its code and pick their team; then they see a holding screen until the run
 * goes live, and their scenario (never the rubric or model answers) once it is.
 */
import { z } from 'zod';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { clearSessionCookie, setSessionCookie, TEAM_SESSION_COOKIE } from '../http/session-cookies.js';
import { RunTeamParams } from '../runs/schema.js';
import { staffRunOf } from '../runs/run-scope.js';
import { EndedTeamDevices, FindRunByCodeRequest, JoinableRun, JoinTeamRequest, TeamScenarioResponse, TeamSession } from './schema.js';
import { describeTeamScenario, endTeamDevices, joinTeam, lookUpJoinCode } from './service.js';
import { endTeamSession, loadTeamIdentity, toTeamSession } from './sessions.js';
import { teamRunOf } from './team-scope.js';

/** Under /api: finding a run by its code and joining it. */
export const joinRoutes: FeatureRoutes = async (app, { db }) => {
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
    async (request) => lookUpJoinCode(db, request.body.joinCode, request.ip),
  );

  app.post(
    '/join',
    {
      config: { access: 'public' },
      schema: {
        tags: ['teams'],
        summary: "Join a run as one of its teams: the run's code for a team nobody has joined, else the team's own code",
        body: JoinTeamRequest,
        response: { 200: TeamSession, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const currentToken = request.cookies[TEAM_SESSION_COOKIE];
      const current = currentToken ? await loadTeamIdentity(db, currentToken) : undefined;
      const { session, team } = await joinTeam(db, request.body, request.ip, current);
      setSessionCookie(request, reply, TEAM_SESSION_COOKIE, session);
      return toTeamSession(team);
    },
  );
};

/** Under /api/team: the team's session and its scenario. */
export const teamSessionRoutes: FeatureRoutes = async (app, { db }) => {
  app.post(
    '/sign-out',
    {
      config: { access: 'team' },
      schema: { tags: ['teams'], summary: 'Sign this device out of its team (the team’s saved work stays)', response: { 204: z.null(), 401: ErrorResponse } },
    },
    async (request, reply) => {
      await endTeamSession(db, teamRunOf(request));
      clearSessionCookie(reply, TEAM_SESSION_COOKIE);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      config: { access: 'team' },
      schema: { tags: ['teams'], summary: 'Which team and run this browser is in', response: { 200: TeamSession, 401: ErrorResponse } },
    },
    async (request) => toTeamSession(teamRunOf(request)),
  );

  app.get(
    '/scenario',
    {
      config: { access: 'team' },
      schema: {
        tags: ['teams'],
        summary: "The team's scenario once the run is live; until then, that it is waiting",
        response: { 200: TeamScenarioResponse, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => describeTeamScenario(db, teamRunOf(request)),
  );
};

/** Under /api/runs/:runId: a facilitator signs a team's devices out. */
export const teamDeviceRunRoutes: FeatureRoutes = async (app, { db }) => {
  app.post(
    '/teams/:teamId/sign-out-devices',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['teams'],
        summary: "Sign every device of a team out (its work stays; it can join again with the code)",
        params: RunTeamParams,
        response: { 200: EndedTeamDevices, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => endTeamDevices(db, staffRunOf(request), request.params.teamId),
  );
};
