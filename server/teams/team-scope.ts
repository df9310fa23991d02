/**
 * Everything under /api/team, as one encapsulated plugin: once the access hook has loaded the team's
 * session, the scope loads the pack and scenario of its run (from the pack cache) and puts them on
 * the request for teamRunOf, so no team handler loads them by hand.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { teamOf } from '../http/access-control.js';
import { registerScopeRoutes, type ScopeOptions } from '../http/route-deps.js';
import { loadTeamCredentialsRun, loadTeamRun, type TeamCredentialsRun, type TeamRun } from './team-run.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the team scope; read it with teamRunOf. */
    teamRun: TeamRun | null;
    /** Set by the team scope instead, on a route that checks the session itself; read it with teamCredentialsRunOf. */
    teamCredentialsRun: TeamCredentialsRun | null;
  }
}

export const teamScope: FastifyPluginAsyncZod<ScopeOptions> = async (app, options) => {
  app.decorateRequest('teamRun', null);
  app.decorateRequest('teamCredentialsRun', null);
  // After validation, like the run scope, so a request that is not valid is told so first.
  app.addHook('preHandler', async (request) => {
    if (request.teamCredentials) request.teamCredentialsRun = await loadTeamCredentialsRun(options.packs, request.teamCredentials);
    else request.teamRun = await loadTeamRun(options.packs, teamOf(request));
  });
  await registerScopeRoutes(app, options);
};

/** The team, pack and scenario of a route under /api/team, loaded by the team scope. */
export function teamRunOf(request: FastifyRequest): TeamRun {
  if (!request.teamRun) throw new Error(`${request.method} ${request.url} is not in the team scope, so it has no team run`);
  return request.teamRun;
}

/** The credentials and pack of a route declared `teamSession: 'credentials-checked-by-handler'`. */
export function teamCredentialsRunOf(request: FastifyRequest): TeamCredentialsRun {
  if (!request.teamCredentialsRun) throw new Error(`${request.method} ${request.url} does not load the team's credentials only`);
  return request.teamCredentialsRun;
}
