/**
 * Who may call what, decided in one place. Every /api route declares `config.access`; this plugin
 * refuses to start if one does not, loads the caller's session, and enforces the rule, CSRF
 * protection on cookie-authenticated writes, and same-origin checks, before any handler runs. The
 * run-scoped rules finish in the run scope (server/runs/run-scope.ts), once the run is loaded.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadStaffIdentity, type StaffIdentity } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { DomainError, forbidden, joinRequired } from '../errors.js';
import type { TeamCredentialCache, TeamCredentials } from '../teams/session-credentials.js';
import { loadTeamIdentity, type TeamIdentity } from '../teams/sessions.js';
import { STAFF_SESSION_COOKIE, TEAM_SESSION_COOKIE } from './session-cookies.js';

/**
 * public: anyone; staff: a signed-in lead or assessor; lead: a signed-in L&D lead; team: a browser
 * that joined a run as a team (its session reaches that one team of that one run only).
 *
 * The run-* rules are for routes under /api/runs/:runId and say how the caller relates to that run.
 * run-staff: a lead of the run's organisation or an assessor assigned to the run (anyone else is
 * told there is no such run, so its existence does not leak); run-assessor: as run-staff, and
 * assigned to the run as an assessor; run-lead: as run-staff, and an L&D lead.
 */
export type Access = 'public' | 'staff' | 'lead' | 'team' | RunAccess;
export type RunAccess = 'run-staff' | 'run-assessor' | 'run-lead';

/** Routes under these prefixes are served by the run scope and the team scope, which load the run. */
export const RUN_SCOPE_PREFIX = '/api/runs/:runId';
export const TEAM_SCOPE_PREFIX = '/api/team';

export function isRunAccess(access: Access): access is RunAccess {
  return access === 'run-staff' || access === 'run-assessor' || access === 'run-lead';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while a generated one-time password still has to be changed. */
    allowWithOneTimePassword?: boolean;
    /**
     * For a `team` route whose handler checks, in its own write statement, that the session still
     * exists and what state the run is in: only the session's unchanging credentials are loaded, from
     * memory when they can be (request.teamCredentials, not request.team). The team's autosave.
     */
    teamSession?: 'credentials-checked-by-handler';
  }
  interface FastifyRequest {
    staff: StaffIdentity | null;
    team: TeamIdentity | null;
    teamCredentials: TeamCredentials | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const signInRequired = () => new DomainError('unauthenticated', 'sign_in_required', 'Sign in to continue.');

/** The access rule of every API route, collected as routes register (for tests and audits). */
export type AccessTable = Array<{ method: string; url: string; access: Access }>;

export async function registerAccessControl(
  app: FastifyInstance,
  db: Database,
  teamCredentials: TeamCredentialCache,
  publicOrigin: string | undefined,
): Promise<AccessTable> {
  const table: AccessTable = [];
  await app.register(fastifyCookie);
  app.decorateRequest('staff', null);
  app.decorateRequest('team', null);
  app.decorateRequest('teamCredentials', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const name = `${String(route.method)} ${route.url}`;
    const access = route.config?.access;
    if (!access) throw new Error(`${name} must declare config.access`);
    // A scope's hooks load what its rules need, so each rule is declared in its own scope only.
    if (isRunAccess(access) !== isUnder(route.url, RUN_SCOPE_PREFIX)) {
      throw new Error(`${name}: the run-* access rules are for the routes under ${RUN_SCOPE_PREFIX}, and only those`);
    }
    if ((access === 'team') !== isUnder(route.url, TEAM_SCOPE_PREFIX)) {
      throw new Error(`${name}: the team access rule is for the routes under ${TEAM_SCOPE_PREFIX}, and only those`);
    }
    if (route.config?.teamSession && access !== 'team') throw new Error(`${name}: teamSession is for team routes only`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    if (UNSAFE_METHODS.has(request.method)) refuseCrossOrigin(request, publicOrigin);
    const { access, allowWithOneTimePassword, teamSession } = request.routeOptions.config;
    if (!access || access === 'public') return;
    if (access === 'team') {
      const teamToken = request.cookies[TEAM_SESSION_COOKIE];
      if (teamSession === 'credentials-checked-by-handler') {
        const credentials = teamToken ? await teamCredentials.find(teamToken) : undefined;
        if (!credentials) throw joinRequired();
        request.teamCredentials = credentials;
        refuseWithoutCsrfToken(request, credentials.csrfToken);
        return;
      }
      const team = teamToken ? await loadTeamIdentity(db, teamToken) : undefined;
      if (!team) throw joinRequired();
      request.team = team;
      refuseWithoutCsrfToken(request, team.csrfToken);
      return;
    }
    // Every other rule needs a member of staff.
    const token = request.cookies[STAFF_SESSION_COOKIE];
    const staff = token ? await loadStaffIdentity(db, token) : undefined;
    request.staff = staff ?? null;
    if (!staff) throw signInRequired();
    // Checked before any run is loaded, so an assessor is refused alike whether or not the run exists.
    if ((access === 'lead' || access === 'run-lead') && staff.role !== 'lead') {
      throw forbidden('forbidden', 'Only an L&D lead can do this.');
    }
    if (staff.mustChangePassword && !allowWithOneTimePassword) {
      throw forbidden('password_change_required', 'Choose a new password before you continue.');
    }
    refuseWithoutCsrfToken(request, staff.csrfToken);
  });
  return table;
}

function isUnder(url: string, prefix: string): boolean {
  return url === prefix || url.startsWith(`${prefix}/`);
}

/** Cookie-authenticated writes must echo the session's CSRF token in a header. */
function refuseWithoutCsrfToken(request: FastifyRequest, expected: string): void {
  if (UNSAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== expected) {
    throw forbidden('csrf_token_invalid', 'Your session check failed. Reload the page and try again.');
  }
}

/**
 * Browsers send Origin on cross-site writes; one that is not ours is refused outright. Ours is
 * PUBLIC_ORIGIN when configured, else the request's Host (Fastify reads X-Forwarded-Host instead
 * only when the connection comes from a trusted proxy).
 */
function refuseCrossOrigin(request: FastifyRequest, publicOrigin: string | undefined): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(origin);
  } catch {
    parsed = undefined;
  }
  const ours = publicOrigin ? parsed?.origin === publicOrigin : parsed?.host === request.host;
  if (!ours) {
    throw forbidden('cross_origin_refused', 'Requests from other sites are not accepted.');
  }
}

/** The signed-in staff member of a route with a staff, lead or run-* rule (the hook has refused anyone else). */
export function staffOf(request: FastifyRequest): StaffIdentity {
  if (!request.staff) throw signInRequired();
  return request.staff;
}

/** The team of a route declared `team`. */
export function teamOf(request: FastifyRequest): TeamIdentity {
  if (!request.team) throw joinRequired();
  return request.team;
}
