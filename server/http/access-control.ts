/**
 * Who may call what, decided in one place. Every /api route declares `config.access`; this plugin
 * refuses to start if one does not, loads the caller's session, and enforces the rule, CSRF
 * protection on cookie-authenticated writes, and same-origin checks, before any handler runs.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { loadStaffIdentity, SESSION_COOKIE, type StaffIdentity } from '../accounts/sessions.js';
import type { Database } from '../db/database.js';
import { loadTeamIdentity, TEAM_COOKIE, type TeamIdentity } from '../teams/sessions.js';
import { HttpError } from './error-shape.js';

/**
 * public: anyone; staff: a signed-in lead or assessor; lead: a signed-in L&D lead; team: a browser
 * that joined a run as a team (its session reaches that one team of that one run only).
 */
export type Access = 'public' | 'staff' | 'lead' | 'team';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while a generated one-time password still has to be changed. */
    allowWithOneTimePassword?: boolean;
  }
  interface FastifyRequest {
    staff: StaffIdentity | null;
    team: TeamIdentity | null;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The access rule of every API route, collected as routes register (for tests and audits). */
export type AccessTable = Array<{ method: string; url: string; access: Access }>;

export async function registerAccessControl(app: FastifyInstance, db: Database): Promise<AccessTable> {
  const table: AccessTable = [];
  await app.register(fastifyCookie);
  app.decorateRequest('staff', null);
  app.decorateRequest('team', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api') || route.url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`${String(route.method)} ${route.url} must declare config.access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request) => {
    if (UNSAFE_METHODS.has(request.method)) refuseCrossOrigin(request);
    const { access, allowWithOneTimePassword } = request.routeOptions.config;
    if (!access || access === 'public') return;
    if (access === 'team') {
      const teamToken = request.cookies[TEAM_COOKIE];
      const team = teamToken ? await loadTeamIdentity(db, teamToken) : undefined;
      if (!team) throw new HttpError(401, 'join_required', 'Join the exercise with its code to continue.');
      request.team = team;
      refuseWithoutCsrfToken(request, team.csrfToken);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const staff = token ? await loadStaffIdentity(db, token) : undefined;
    request.staff = staff ?? null;
    if (!staff) throw new HttpError(401, 'sign_in_required', 'Sign in to continue.');
    if (access === 'lead' && staff.role !== 'lead') {
      throw new HttpError(403, 'forbidden', 'Only an L&D lead can do this.');
    }
    if (staff.mustChangePassword && !allowWithOneTimePassword) {
      throw new HttpError(403, 'password_change_required', 'Choose a new password before you continue.');
    }
    refuseWithoutCsrfToken(request, staff.csrfToken);
  });
  return table;
}

/** Cookie-authenticated writes must echo the session's CSRF token in a header. */
function refuseWithoutCsrfToken(request: FastifyRequest, expected: string): void {
  if (UNSAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== expected) {
    throw new HttpError(403, 'csrf_token_invalid', 'Your session check failed. Reload the page and try again.');
  }
}

/** Browsers send Origin on cross-site writes; a mismatch with our host is refused outright. */
function refuseCrossOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = '';
  }
  if (originHost !== request.host) {
    throw new HttpError(403, 'cross_origin_refused', 'Requests from other sites are not accepted.');
  }
}

/** The signed-in staff member of a route declared `staff` or `lead` (the hook has refused anyone else). */
export function staffOf(request: FastifyRequest): StaffIdentity {
  if (!request.staff) throw new HttpError(401, 'sign_in_required', 'Sign in to continue.');
  return request.staff;
}

/** The team of a route declared `team`. */
export function teamOf(request: FastifyRequest): TeamIdentity {
  if (!request.team) throw new HttpError(401, 'join_required', 'Join the exercise with its code to continue.');
  return request.team;
}
