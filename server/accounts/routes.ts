/** Staff sign-in, sign-out, the current session and password changes. */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { clearSessionCookie, setSessionCookie, STAFF_SESSION_COOKIE } from '../http/session-cookies.js';
import { ChangePasswordRequest, SignInRequest, StaffList, StaffSession } from './schema.js';
import { changePassword, listStaff, signIn } from './service.js';
import { endSession, toStaffSession } from './sessions.js';

export const accountRoutes: FeatureRoutes = async (app, { db }) => {
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
      const { session, staff } = await signIn(db, { ...request.body, clientAddress: request.ip });
      setSessionCookie(request, reply, STAFF_SESSION_COOKIE, session);
      return toStaffSession(staff);
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
      clearSessionCookie(reply, STAFF_SESSION_COOKIE);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/staff',
    {
      config: { access: 'lead' },
      schema: { tags: ['accounts'], summary: "Your organisation's leads and assessors", response: { 200: StaffList } },
    },
    async (request) => listStaff(db, staffOf(request).organisationId),
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
      await changePassword(db, staffOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
