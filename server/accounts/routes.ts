/** Staff sign-in, sign-out, the current session and password changes. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse, HttpError } from '../http/error-shape.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  countRecentFailures,
  deleteOtherSessions,
  findUserForSignIn,
  findUserPasswordHash,
  listStaffOfOrganisation,
  recordSignInAttempt,
  updatePassword,
} from './queries.js';
import { ChangePasswordRequest, SignInRequest, StaffList, StaffRole, StaffSession } from './schema.js';
import { endSession, loadStaffIdentity, SESSION_COOKIE, startSession, toStaffSession } from './sessions.js';

const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
// Verifying against this when the email is unknown keeps response times alike, so timing does not
// reveal which emails have accounts.
const unknownUserHash = await hashPassword('not a real account');

export const accountRoutes: FastifyPluginAsyncZod<{ db: Database }> = async (app, { db }) => {
  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in as an L&D lead or assessor',
        body: SignInRequest,
        response: { 200: StaffSession, 400: ErrorResponse, 401: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const failures = await countRecentFailures(db, email, request.ip, new Date(Date.now() - THROTTLE_WINDOW_MS));
      if (failures.forEmail >= MAX_FAILURES_PER_EMAIL || failures.forAddress >= MAX_FAILURES_PER_ADDRESS) {
        throw new HttpError(429, 'too_many_attempts', 'Too many failed sign-in attempts. Wait 15 minutes, then try again.');
      }
      const user = await findUserForSignIn(db, email);
      const passwordMatches = await verifyPassword(user?.passwordHash ?? unknownUserHash, password);
      await recordSignInAttempt(db, email, request.ip, Boolean(user && passwordMatches));
      if (!user || !passwordMatches) {
        throw new HttpError(401, 'sign_in_failed', 'The email address or password is not right.');
      }
      const session = await startSession(db, user.id);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        path: '/',
        expires: session.expiresAt,
      });
      const identity = await loadStaffIdentity(db, session.token);
      return toStaffSession(identity!);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'staff', allowWithOneTimePassword: true },
      schema: { tags: ['accounts'], summary: 'Who is signed in', response: { 200: StaffSession, 401: ErrorResponse } },
    },
    async (request) => toStaffSession(staffOf(request)),
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'staff', allowWithOneTimePassword: true },
      schema: { tags: ['accounts'], summary: 'Sign out', response: { 204: z.null(), 401: ErrorResponse, 403: ErrorResponse } },
    },
    async (request, reply) => {
      await endSession(db, staffOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/staff',
    {
      config: { access: 'lead' },
      schema: { tags: ['accounts'], summary: "Your organisation's leads and assessors", response: { 200: StaffList } },
    },
    async (request) => {
      const rows = await listStaffOfOrganisation(db, staffOf(request).organisationId);
      return { staff: rows.map((row) => ({ ...row, role: StaffRole.parse(row.role) })) };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'staff', allowWithOneTimePassword: true },
      schema: {
        tags: ['accounts'],
        summary: 'Change your password (and end your other sessions)',
        body: ChangePasswordRequest,
        response: { 204: z.null(), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const staff = staffOf(request);
      const currentHash = await findUserPasswordHash(db, staff.userId);
      if (!currentHash || !(await verifyPassword(currentHash, request.body.currentPassword))) {
        throw new HttpError(400, 'validation_failed', 'Some of the information sent is not valid.', [
          { path: 'body.currentPassword', message: 'Your current password is not right' },
        ]);
      }
      await updatePassword(db, staff.userId, await hashPassword(request.body.newPassword));
      await deleteOtherSessions(db, staff.userId, staff.tokenSha256);
      return reply.status(204).send(null);
    },
  );
};
