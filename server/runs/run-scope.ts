/**
 * Everything under /api/runs/:runId, as one encapsulated plugin. Its hooks do, once for every route,
 * what each handler used to do by hand: the run id is validated with one schema (the scope adds it to
 * each route's params, so no route declares it and OpenAPI still documents it), the run is loaded if
 * the caller may see it (anyone else is told there is no such run, so its existence never leaks),
 * the route's run-* rule is enforced, and the run is put on the request for staffRunOf.
 */
import type { FastifyRequest, RouteOptions } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forbidden, notFound } from '../errors.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import { registerScopeRoutes, type ScopeOptions } from '../http/route-deps.js';
import { RunParams } from './schema.js';
import { NO_VISIBLE_RUN } from './service.js';
import { findStaffRun, type StaffRun } from './staff-run.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the run scope; read it with staffRunOf. */
    run: StaffRun | null;
  }
}

export const runScope: FastifyPluginAsyncZod<ScopeOptions> = async (app, options) => {
  app.decorateRequest('run', null);
  app.addHook('onRoute', addRunSchema);
  // After validation, so a request that is not valid is told so before anything is looked up.
  app.addHook('preHandler', async (request) => {
    const { runId } = RunParams.parse(request.params);
    const run = await findStaffRun(options.db, options.packs, staffOf(request), runId);
    if (!run) throw notFound(NO_VISIBLE_RUN);
    if (request.routeOptions.config.access === 'run-assessor' && !run.caller.isAssignedAssessor) {
      throw forbidden('not_an_assessor', 'Only the assessors assigned to this run can mark it.');
    }
    request.run = run;
  });
  await registerScopeRoutes(app, options);
};

/** Every route of the scope takes the run id, and may answer that it is not one or not a run you can see. */
function addRunSchema(route: RouteOptions): void {
  const refused = route.config?.access === 'run-staff' ? {} : { 403: ErrorResponse };
  const declared = route.schema?.response;
  const response = { 400: ErrorResponse, 404: ErrorResponse, ...refused, ...(typeof declared === 'object' && declared !== null ? declared : {}) };
  route.schema = { ...route.schema, response };
  const params = route.schema.params;
  if (params === undefined) {
    route.schema.params = RunParams;
  } else if (params instanceof z.ZodObject) {
    const runId: unknown = params.shape.runId;
    // Fastify hands the HEAD twin of a GET route the params this hook already extended.
    if (runId === RunParams.shape.runId) return;
    if (runId !== undefined) throw new Error(`${String(route.method)} ${route.url}: leave runId out of its params; the run scope adds it`);
    route.schema.params = RunParams.extend(params.shape);
  } else {
    throw new Error(`${String(route.method)} ${route.url}: give its params as a zod object, without runId`);
  }
}

/** The run of a route under /api/runs/:runId, loaded by the run scope. */
export function staffRunOf(request: FastifyRequest): StaffRun {
  if (!request.run) throw new Error(`${request.method} ${request.url} is not in the run scope, so it has no run`);
  return request.run;
}
