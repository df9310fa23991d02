/** HTTP for the agency inbox: teams write to partner agencies; assessors answer in role. */
import { z } from 'zod';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { staffRunOf } from '../runs/run-scope.js';
import { RunTeamParams } from '../runs/schema.js';
import { teamRunOf } from '../teams/team-scope.js';
import { AgencyReplyRequest, AgencyThreads, TeamMessageRequest } from './schema.js';
import { listRunThreads, listTeamThreads, replyAsAgency, sendTeamMessage } from './service.js';

const AgencyParams = z.object({ agencyId: z.string().min(1) });
const Created = z.object({ id: z.uuid() });

/** Under /api/team. */
export const agencyTeamRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/agency-threads',
    {
      config: { access: 'team' },
      schema: { tags: ['agencies'], summary: "Your team's conversations with partner agencies", response: { 200: AgencyThreads } },
    },
    async (request) => listTeamThreads(db, teamRunOf(request)),
  );

  app.post(
    '/agencies/:agencyId/messages',
    {
      config: { access: 'team' },
      schema: {
        tags: ['agencies'],
        summary: 'Write to a partner agency',
        params: AgencyParams,
        body: TeamMessageRequest,
        response: { 201: Created, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const id = await sendTeamMessage(db, teamRunOf(request), request.params.agencyId, request.body);
      return reply.status(201).send({ id });
    },
  );
};

/** Under /api/runs/:runId. */
export const agencyRunRoutes: FeatureRoutes = async (app, { db }) => {
  app.get(
    '/agency-threads',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['agencies'],
        summary: "Every team's conversations with agencies in a run, latest first",
        response: { 200: AgencyThreads, 404: ErrorResponse },
      },
    },
    async (request) => listRunThreads(db, staffRunOf(request)),
  );

  app.post(
    '/teams/:teamId/agencies/:agencyId/replies',
    {
      config: { access: 'run-staff' },
      schema: {
        tags: ['agencies'],
        summary: 'Answer a team in role as an agency, in your own words or with a prepared inject',
        params: RunTeamParams.extend(AgencyParams.shape),
        body: AgencyReplyRequest,
        response: { 201: Created, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const id = await replyAsAgency(db, staffRunOf(request), request.params, request.body);
      return reply.status(201).send({ id });
    },
  );
};
