/** Staff sign-in, sign-out, the current session and password changes. */
import { z } from 'zod';
import { staffOf } from '../http/access-control.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { FeatureRoutes } from '../http/route-deps.js';
import { clearSessionCookie, setSessionCookie, STAFF_SESSION_COOKIE } from '../http/session-cookies.js';
import {
  ChangePasswordRequest,
  DisableStaffRequest,
  NewStaffRequest,
  NewStaffResponse,
  OneTimePasswordResponse,
  SignInRequest,
  StaffList,
  StaffMemberParams,
  StaffSession,
} from './schema.js';
import { changePassword, disableStaff, enableStaff, inviteStaff, listStaff, resetStaffPassword, signIn } from './service.js';
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
    '/staff',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['accounts'],
        summary: 'Add a lead or assessor to your organisation; answers their one-time password, shown only now',
        body: NewStaffRequest,
        response: { 201: NewStaffResponse, 400: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteStaff(db, staffOf(request), request.body)),
  );

  app.post(
    '/staff/:userId/disable',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['accounts'],
        summary: 'Disable an account (not your own): it cannot sign in and its sessions end now',
        params: StaffMemberParams,
        body: DisableStaffRequest,
        response: { 204: z.null(), 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await disableStaff(db, staffOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/staff/:userId/enable',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['accounts'],
        summary: 'Let a disabled account sign in again',
        params: StaffMemberParams,
        response: { 204: z.null(), 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await enableStaff(db, staffOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/staff/:userId/password-reset',
    {
      config: { access: 'lead' },
      schema: {
        tags: ['accounts'],
        summary: "Replace someone's password with a one-time password (shown only now); their sessions end",
        params: StaffMemberParams,
        response: { 200: OneTimePasswordResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request) => resetStaffPassword(db, staffOf(request), request.params.userId),
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
