/**
 * The session cookies. Staff and teams have one each, so a facilitator can play a team in a second
 * window of the same browser. Both are httpOnly, SameSite=Lax, and Secure when the request came over
 * HTTPS (behind a proxy only with TRUST_PROXY).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export const STAFF_SESSION_COOKIE = 'rh_session';
export const TEAM_SESSION_COOKIE = 'rh_team';

export type SessionCookie = typeof STAFF_SESSION_COOKIE | typeof TEAM_SESSION_COOKIE;

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: SessionCookie,
  session: { token: string; expiresAt: Date },
): void {
  reply.setCookie(name, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    expires: session.expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, name: SessionCookie): void {
  reply.clearCookie(name, { path: '/' });
}
