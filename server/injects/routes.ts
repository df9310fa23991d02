/**
 * HTTP for injects and micro-teaches: a team's feed and its live event stream; a facilitator's
 * releases, the release log and the console's event stream.
 */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { runTeamsTopic, runTopic, teamTopic } from '../live/events.js';
import { staffRunOf } from '../runs/run-scope.js';
import { teamRunOf } from '../teams/team-scope.js';
import { ReleaseOutcome, ReleaseRequest, RunReleaseLog, TeamFeed } from './schema.js';
import { listRunReleases, listTeamFeed, markFeedItemRead, releaseByFacilitator } from './service.js';

/** Under /api/team. */
export const injectTeamRoutes: FeatureRoutes = async (app, { db, live }) => {
  app.get(
    '/feed',
    {
      config: { access: 'team' },
      schema: { tags: ['injects'], summary: 'What has been released to your team, newest first', response: { 200: TeamFeed } },
    },
    async (request) => listTeamFeed(db, teamRunOf(request)),
  );

  app.post(
    '/feed/:releaseId/read',
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
      await markFeedItemRead(db, teamRunOf(request), request.params.releaseId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/events',
    { config: { access: 'team' }, schema: { tags: ['injects'], summary: "Server-Sent Events for your team: releases and the run's state" } },
    (request, reply) => {
      const team = teamRunOf(request);
      live.stream(request, reply, [teamTopic(team.teamId), runTeamsTopic(team.runId)], {
        kind: 'team',
        tokenSha256: team.tokenSha256,
        expiresAt: team.sessionExpiresAt,
      });
    },
  );
};

/** Under /api/runs/:runId. */
export const injectRunRoutes: FeatureRoutes = async (app, { db, live }) => {
  app.post(
    '/releases',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['injects'],
        summary: 'Release an inject or micro-teach to some or all teams',
        body: ReleaseRequest,
        response: { 200: ReleaseOutcome, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => releaseByFacilitator(db, staffRunOf(request), request.body),
  );

  app.get(
    '/releases',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['injects'],
        summary: 'Every release of the run: what, to whom, when, by whom and why',
        response: { 200: RunReleaseLog, 404: ErrorResponse },
      },
    },
    async (request) => listRunReleases(db, staffRunOf(request)),
  );

  app.get(
    '/events',
    { config: { access: 'run-staff' }, schema: { tags: ['injects'], summary: 'Server-Sent Events for the facilitator console of a run' } },
    (request, reply) => {
      const run = staffRunOf(request);
      const staff = staffOf(request);
      live.stream(request, reply, [runTopic(run.id)], { kind: 'staff', tokenSha256: staff.tokenSha256, expiresAt: staff.sessionExpiresAt });
    },
  );
};
