/**
 * HTTP for a team's own work on the day: its instrument answers, its decision log and submitting it;
 * and for staff, reopening a team's submitted work.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import { staffOf, teamOf } from '../http/access-control.js';
import { ErrorResponse, errorBody, HttpError } from '../http/error-shape.js';
import { findPackVersionContent } from '../packs/queries.js';
import { findInstrumentItem, saveAnswer } from './answers.js';
import { recordDecision } from './decisions.js';
import {
  AnswerParams,
  RecordDecisionRequest,
  RecordedDecision,
  ReopenedWork,
  ReopenParams,
  SavedAnswer,
  SaveAnswerRequest,
  SubmittedWork,
  TeamWork,
  WorkConflictResponse,
} from './schema.js';
import { loadTeamWork, reopenWork, submitWork } from './work.js';

const CONFLICT_MESSAGE = 'Someone else in your team changed this answer. Both versions are shown: keep one or combine them.';

export const workspaceRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/team/work',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: "Your team's answers, decision log and submission",
        response: { 200: TeamWork, 401: ErrorResponse },
      },
    },
    async (request) => loadTeamWork(db, teamOf(request)),
  );

  app.put(
    '/team/answers/:itemId',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: 'Save an answer on the practice instrument, from the revision your screen showed',
        params: AnswerParams,
        body: SaveAnswerRequest,
        response: { 200: SavedAnswer, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: WorkConflictResponse },
      },
    },
    async (request, reply) => {
      const team = teamOf(request);
      const pack = await findPackVersionContent(db, team.packVersionId);
      const item = pack && findInstrumentItem(pack.instrument, request.params.itemId);
      if (!item) throw new HttpError(404, 'not_found', 'That question is not on your form. Reload the page to see the current form.');
      const outcome = await saveAnswer(db, team, item, request.body);
      if ('conflict' in outcome) {
        return reply.status(409).send({ ...errorBody('answer_conflict', CONFLICT_MESSAGE), conflict: outcome.conflict });
      }
      return outcome.saved;
    },
  );

  app.post(
    '/team/decisions',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: 'Record a decision and its reasoning under the National Decision Model',
        body: RecordDecisionRequest,
        response: { 201: RecordedDecision, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await recordDecision(db, teamOf(request), request.body)),
  );

  app.post(
    '/team/submit',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: "Submit your team's work; a facilitator can reopen it",
        response: { 200: SubmittedWork, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => ({ submittedAt: (await submitWork(db, teamOf(request))).toISOString() }),
  );

  app.post(
    '/runs/:runId/teams/:teamId/reopen',
    {
      config: { access: 'staff' },
      schema: {
        tags: ['workspace'],
        summary: "Reopen a team's submitted work so it can change it",
        params: ReopenParams,
        response: { 200: ReopenedWork, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => {
      const { runId, teamId } = request.params;
      return { reopenedAt: (await reopenWork(db, staffOf(request), runId, teamId)).toISOString() };
    },
  );
};
