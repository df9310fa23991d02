/** HTTP for the review: run review and its CSVs, year over year, the improvement plan, and the team's survey. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { teamRunOf } from '../teams/team-scope.js';
import { runReviewCsv, yearOverYearCsv } from './csv-tables.js';
import {
  CompareCsvParams,
  CompareQuery,
  CsvTableParams,
  ImprovementItem,
  ImprovementItemInput,
  ImprovementItemList,
  ImprovementParams,
  ImprovementQuery,
  LrsStatus,
  RunReview,
  SurveyAnswerRequest,
  SurveyStatus,
  YearOverYear,
} from './schema.js';
import {
  answerSurvey,
  compareRuns,
  createImprovement,
  getLrsStatus,
  getRunReview,
  getRunStatements,
  getRunWorkbook,
  getSurveyStatus,
  listImprovements,
  sendToLrsAgain,
  updateImprovement,
} from './service.js';

const CsvText = z.string().meta({ description: 'CSV, UTF-8 with a byte-order mark' });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// The bytes of an .xlsx file: a Buffer here, a binary string in the OpenAPI document (Fastify sends a
// Buffer as it is, never through the response serialiser).
const Workbook = z.custom<Buffer>((value) => Buffer.isBuffer(value)).meta({ type: 'string', format: 'binary', description: 'An Excel workbook (.xlsx)' });

function fileName(name: string): string {
  return name.replace(/[^a-z0-9.-]+/gi, '-');
}

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName(name)}"`)
    .send(csv);
}

/** Under /api/runs/:runId. */
export const reviewRunRoutes: FeatureRoutes = async (app, { db, lrs, publicOrigin }) => {
  app.get(
    '/review',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: "The run review for L&D: attainment per objective, difficulty per criterion, bands, decision times, hints, agency requests, agreement, confidence shift",
        response: { 200: RunReview, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getRunReview(db, staffRunOf(request)),
  );

  app.get(
    '/review/csv/:table',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: 'One table of the run review as CSV',
        params: CsvTableParams,
        response: { 200: CsvText, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const run = staffRunOf(request);
      const review = await getRunReview(db, run);
      return sendCsv(reply, `${run.cohortLabel}-${run.exerciseDate}-${request.params.table}.csv`, runReviewCsv(review, request.params.table));
    },
  );

  app.get(
    '/review/workbook',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: "The run's workbook (.xlsx): the run, marks per team per criterion, decisions with their times and justifications, and the instrument answers, one sheet each",
        produces: [XLSX_TYPE],
        response: { 200: Workbook, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const run = staffRunOf(request);
      const workbook = await getRunWorkbook(db, run);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${fileName(`${run.cohortLabel}-${run.exerciseDate}-workbook.xlsx`)}"`)
        .send(workbook);
    },
  );

  app.get(
    '/review/xapi',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: "xAPI 1.0.3 statements of the run's final marks (team as a Group, criteria as activities, stable statement ids)",
        response: { 200: z.array(z.unknown()), 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const run = staffRunOf(request);
      // The address people use when it is set, so a download and what the LRS receives are the same statements.
      const statements = await getRunStatements(db, run, publicOrigin ?? `${request.protocol}://${request.host}`);
      reply.header('content-disposition', `attachment; filename="${fileName(`${run.cohortLabel}-${run.exerciseDate}-xapi.json`)}"`);
      return statements;
    },
  );

  app.get(
    '/review/lrs',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: "Whether a learning record store is configured, and the run's deliveries of statements to it (newest first)",
        response: { 200: LrsStatus, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => getLrsStatus(db, lrs, staffRunOf(request)),
  );

  app.post(
    '/review/lrs',
    {
      config: { access: 'run-lead' },
      schema: {
        tags: ['review'],
        summary: "Send the run's statements to the learning record store again (same statement ids, so the store keeps one of each)",
        response: { 202: LrsStatus, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(202).send(await sendToLrsAgain(db, lrs, staffRunOf(request))),
  );
};

/** Under /api. */
export const reviewRoutes: FeatureRoutes = async (app, { db, packs }) => {
  app.get(
    '/review/compare',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['review'],
        summary: 'Year over year: runs of a pack family or a cohort label side by side, per objective and criterion',
        querystring: CompareQuery,
        response: { 200: YearOverYear, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => compareRuns(db, packs, staffOf(request).organisationId, request.query),
  );

  app.get(
    '/review/compare/csv/:table',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['review'],
        summary: 'One table of the year-over-year view as CSV',
        querystring: CompareQuery,
        params: CompareCsvParams,
        response: { 200: CsvText, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const comparison = await compareRuns(db, packs, staffOf(request).organisationId, request.query);
      const name = request.query.packId ?? request.query.cohort ?? 'comparison';
      return sendCsv(reply, `${name}-year-over-year-${request.params.table}.csv`, yearOverYearCsv(comparison, request.params.table));
    },
  );

  app.get(
    '/review/improvements',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['review'],
        summary: "The improvement plan of a pack family: what will change, who owns it, when, and its status",
        querystring: ImprovementQuery,
        response: { 200: ImprovementItemList, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => listImprovements(db, staffOf(request).organisationId, request.query.packId, request.query.openOnly === 'true'),
  );

  app.post(
    '/review/improvements',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['review'],
        summary: 'Add an item to the improvement plan',
        body: ImprovementItemInput,
        response: { 201: ImprovementItem, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await createImprovement(db, staffOf(request).organisationId, request.body)),
  );

  app.put(
    '/review/improvements/:itemId',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['review'],
        summary: 'Change an item of the improvement plan (its status, owner, due date …)',
        params: ImprovementParams,
        body: ImprovementItemInput,
        response: { 200: ImprovementItem, 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => updateImprovement(db, staffOf(request).organisationId, request.params.itemId, request.body),
  );
};

/** Under /api/team. */
export const reviewTeamRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/survey',
    {
      config: { access: 'team' },
      schema: {
        tags: ['review'],
        summary: 'The anonymous confidence survey: its objectives and which phase this device may answer now',
        headers: z.object({ 'x-survey-device': z.string().min(16, 'is not a device token').max(200) }),
        response: { 200: SurveyStatus, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => getSurveyStatus(db, teamRunOf(request), request.headers['x-survey-device']),
  );

  app.post(
    '/survey',
    {
      config: { access: 'team' },
      schema: {
        tags: ['review'],
        summary: 'Answer the confidence survey, once per device and phase; nothing links the answer to a person or team',
        body: SurveyAnswerRequest,
        response: { 204: z.null(), 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await answerSurvey(db, teamRunOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
