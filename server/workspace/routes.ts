/**
 * HTTP for a team's own work on the day: its instrument answers, its decision log and submitting it;
 * and for staff, reopening a team's submitted work.
 */
import { ErrorResponse, errorBody } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { RunTeamParams } from '../runs/schema.js';
import { teamCredentialsRunOf, teamRunOf } from '../teams/team-scope.js';
import { saveAnswer } from './answers.js';
import { recordDecision } from './decisions.js';
import {
  AnswerParams,
  RecordDecisionRequest,
  RecordedDecision,
  ReopenedWork,
  SaveAnswerResponse,
  SaveAnswerRequest,
  SubmittedWork,
  SubmitWorkRequest,
  TeamWork,
  WorkConflictResponse,
} from './schema.js';
import { deriveFromAnswers, loadDerivedWork, loadTeamWork, reopenWork, submitWork } from './work.js';

const CONFLICT_MESSAGE = 'Someone else in your team changed this answer. Both versions are shown: keep one or combine them.';

/** Under /api/team. */
export const workspaceTeamRoutes: FeatureRoutes = async (app, { db, answers, clock }) => {
  app.get(
    '/work',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: "Your team's answers, decision log and submission",
        response: { 200: TeamWork, 401: ErrorResponse },
      },
    },
    async (request) => loadTeamWork(db, teamRunOf(request)),
  );

  app.put(
    '/answers/:itemId',
    {
      // The write statement checks the session and the run's state itself: one round trip per save.
      config: { access: 'team', teamSession: 'credentials-checked-by-handler' },
      schema: {
        tags: ['workspace'],
        summary: 'Save an answer on the practice instrument, from the revision your screen showed',
        params: AnswerParams,
        body: SaveAnswerRequest,
        response: { 200: SaveAnswerResponse, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: WorkConflictResponse },
      },
    },
    async (request, reply) => {
      const team = teamCredentialsRunOf(request);
      const outcome = await saveAnswer(db, answers, team, request.params.itemId, request.body);
      // Both versions travel with the refusal, so the screen can show them and nothing typed is lost.
      if ('conflict' in outcome) {
        return reply.status(409).send({ ...errorBody('answer_conflict', CONFLICT_MESSAGE), conflict: outcome.conflict });
      }
      // A replayed retry did not read the answers; it reads them now.
      const derived = outcome.answersAfter ? deriveFromAnswers(team.pack, outcome.answersAfter) : await loadDerivedWork(db, team);
      return { ...outcome.saved, ...derived };
    },
  );

  app.post(
    '/decisions',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: 'Record a decision and its reasoning under the National Decision Model',
        body: RecordDecisionRequest,
        response: { 201: RecordedDecision, 400: ErrorResponse, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await recordDecision(db, teamRunOf(request), request.body, clock())),
  );

  app.post(
    '/submit',
    {
      config: { access: 'team' },
      schema: {
        tags: ['workspace'],
        summary: "Submit your team's work; a facilitator can reopen it. Refused while decision points are unrecorded unless confirmed",
        body: SubmitWorkRequest.nullish(),
        response: { 200: SubmittedWork, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => ({ submittedAt: (await submitWork(db, teamRunOf(request), request.body ?? { confirmUnrecorded: false })).toISOString() }),
  );
};

/** Under /api/runs/:runId. */
export const workspaceRunRoutes: FeatureRoutes = async (app, { db }) => {
  app.post(
    '/teams/:teamId/reopen',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['workspace'],
        summary: "Reopen a team's submitted work so it can change it",
        params: RunTeamParams,
        response: { 200: ReopenedWork, 401: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => ({ reopenedAt: (await reopenWork(db, staffRunOf(request), request.params.teamId)).toISOString() }),
  );
};
