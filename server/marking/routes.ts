/** HTTP for marking: a team's evidence and rubric, setting a mark, finishing a team, agreement and moderation. */
import { z } from 'zod';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { RunTeamParams } from '../runs/schema.js';
import { finishMarking, getRunMarking, getTeamMarking, setMark } from './marking-service.js';
import { refreshRunSummary } from '../review/service.js';
import { getRunAgreement, moderateMark } from './moderation-service.js';
import { MarkRequest, ModerationRequest, RunAgreementResponse, RunMarking, TeamMarking } from './schema.js';

const CriterionParams = RunTeamParams.extend({ criterionId: z.string().min(1).max(64) });

/** Under /api/runs/:runId. */
export const markingRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/marking',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['marking'],
        summary: 'Every team of the run with where your marking of it stands, for the marking list',
        response: { 200: RunMarking, 404: ErrorResponse },
      },
    },
    async (request) => getRunMarking(db, staffRunOf(request)),
  );

  app.get(
    '/teams/:teamId/marking',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['marking'],
        summary: "A team's work beside its rubric, with your marks (others' once everyone has finished)",
        params: RunTeamParams,
        response: { 200: TeamMarking, 404: ErrorResponse },
      },
    },
    async (request) => getTeamMarking(db, staffRunOf(request), request.params.teamId),
  );

  app.put(
    '/teams/:teamId/marks/:criterionId',
    {
      config: { access: 'run-assessor' },
      schema: {
        tags: ['marking'],
        summary: 'Set or change your mark on a judgement criterion (autosaved)',
        params: CriterionParams,
        body: MarkRequest,
        response: { 204: z.null(), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await setMark(db, staffRunOf(request), request.params, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/teams/:teamId/marking/finish',
    {
      config: { access: 'run-assessor' },
      schema: {
        tags: ['marking'],
        summary: 'Finish marking a team: your marks lock, and count towards unblinding',
        params: RunTeamParams,
        response: { 200: z.object({ completedAt: z.iso.datetime() }), 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const run = staffRunOf(request);
      const completedAt = await finishMarking(db, run, request.params.teamId);
      // A finished team can end the run's provisional status: keep its stored summary current.
      await refreshRunSummary(db, run);
      return { completedAt: completedAt.toISOString() };
    },
  );

  app.get(
    '/agreement',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['marking'],
        summary: "Agreement between the run's assessors on teams whose marking is finished, and marks to moderate",
        response: { 200: RunAgreementResponse, 404: ErrorResponse },
      },
    },
    async (request) => getRunAgreement(db, staffRunOf(request)),
  );

  app.put(
    '/teams/:teamId/moderations/:criterionId',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['marking'],
        summary: 'Set the final mark on a criterion, with the reason',
        params: CriterionParams,
        body: ModerationRequest,
        response: { 204: z.null(), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const run = staffRunOf(request);
      await moderateMark(db, run, request.params, request.body);
      // A moderated mark changes the run's figures, and may end their provisional status.
      await refreshRunSummary(db, run);
      return reply.status(204).send(null);
    },
  );
};
