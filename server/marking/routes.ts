/** HTTP for marking: a team's evidence and rubric, setting a mark, finishing a team. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import { finishMarking, getTeamMarking, setMark } from './marking-service.js';
import { getRunAgreement, moderateMark } from './moderation-service.js';
import { MarkRequest, ModerationRequest, RunAgreementResponse, TeamMarking } from './schema.js';

const TeamParams = z.object({ runId: z.uuid(), teamId: z.uuid() });

export const markingRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/runs/:runId/teams/:teamId/marking',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['marking'],
        summary: "A team's work beside its rubric, with your marks (others' once everyone has finished)",
        params: TeamParams,
        response: { 200: TeamMarking, 404: ErrorResponse },
      },
    },
    async (request) => getTeamMarking(db, staffOf(request), request.params.runId, request.params.teamId),
  );

  app.put(
    '/runs/:runId/teams/:teamId/marks/:criterionId',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['marking'],
        summary: 'Set or change your mark on a judgement criterion (autosaved)',
        params: TeamParams.extend({ criterionId: z.string().min(1).max(64) }),
        body: MarkRequest,
        response: { 204: z.null(), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { runId, teamId, criterionId } = request.params;
      await setMark(db, staffOf(request), { runId, teamId, criterionId }, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/runs/:runId/teams/:teamId/marking/finish',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['marking'],
        summary: 'Finish marking a team: your marks lock, and count towards unblinding',
        params: TeamParams,
        response: { 200: z.object({ completedAt: z.iso.datetime() }), 400: ErrorResponse, 403: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => ({
      completedAt: (await finishMarking(db, staffOf(request), request.params.runId, request.params.teamId)).toISOString(),
    }),
  );

  app.get(
    '/runs/:runId/agreement',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['marking'],
        summary: "Agreement between the run's assessors on teams whose marking is finished, and marks to moderate",
        params: z.object({ runId: z.uuid() }),
        response: { 200: RunAgreementResponse, 404: ErrorResponse },
      },
    },
    async (request) => getRunAgreement(db, staffOf(request), request.params.runId),
  );

  app.put(
    '/runs/:runId/teams/:teamId/moderations/:criterionId',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['marking'],
        summary: 'Set the final mark on a criterion, with the reason',
        params: TeamParams.extend({ criterionId: z.string().min(1).max(64) }),
        body: ModerationRequest,
        response: { 204: z.null(), 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { runId, teamId, criterionId } = request.params;
      await moderateMark(db, staffOf(request), { runId, teamId, criterionId }, request.body);
      return reply.status(204).send(null);
    },
  );
};
