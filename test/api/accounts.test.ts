import { describe, expect, it } from 'vitest';
import { createStaffAccount } from '../../server/accounts/staff-accounts.js';
import { useTestApp } from '../helpers/app.js';
import { ensureOrganisation, signedInStaff, signIn } from '../helpers/staff.js';

const context = useTestApp();

async function newAccount(role: 'lead' | 'assessor' = 'lead') {
  const organisationId = await ensureOrganisation(context.app, 'northmoor');
  const email = `person-${Math.random().toString(36).slice(2)}@example.org`;
  const { oneTimePassword } = await createStaffAccount(context.app.database.db, { organisationId, email, displayName: 'A Person', role });
  return { email, oneTimePassword };
}

describe('staff sign-in', () => {
  it('signs in with a one-time password and sets an httpOnly, SameSite session cookie', async () => {
    const { email, oneTimePassword } = await newAccount();
    const { response } = await signIn(context.app, email.toUpperCase(), oneTimePassword);
    expect(response.json().user).toMatchObject({ email, role: 'lead', mustChangePassword: true });
    const cookie = response.cookies.find((candidate) => candidate.name === 'rh_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('keeps a person with a one-time password away from everything until they choose a new one', async () => {
    const { email, oneTimePassword } = await newAccount();
    const { headers } = await signIn(context.app, email, oneTimePassword);
    const before = await context.app.inject({ method: 'GET', url: '/api/packs', headers });
    expect(before.statusCode).toBe(403);
    expect(before.json().error.code).toBe('password_change_required');

    const change = await context.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: oneTimePassword, newPassword: 'correct horse battery staple' },
    });
    expect(change.statusCode).toBe(204);
    const after = await context.app.inject({ method: 'GET', url: '/api/packs', headers });
    expect(after.statusCode).toBe(200);
  });

  it('refuses a short new password with a message on the field', async () => {
    const { email, oneTimePassword } = await newAccount();
    const { headers } = await signIn(context.app, email, oneTimePassword);
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers,
      payload: { currentPassword: oneTimePassword, newPassword: 'short' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.newPassword', message: 'Choose a new password of at least 12 characters' },
    ]);
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const { email } = await newAccount();
    const wrongPassword = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: 'nope' } });
    const unknownEmail = await context.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: 'nobody@example.org', password: 'nope' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownEmail.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownEmail.json());
    expect(wrongPassword.json().error.message).toBe('The email address or password is not right.');
  });

  it('refuses a badly formed email with a 400 naming the field', async () => {
    const response = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'not-an-email', password: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      { path: 'body.email', message: 'Enter an email address in the correct format, like name@example.org' },
    ]);
  });
});

describe('sessions and request protection', () => {
  it('ends the session on sign-out', async () => {
    const staff = await signedInStaff(context.app, 'lead');
    const signOut = await context.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: staff.headers });
    expect(signOut.statusCode).toBe(204);
    const after = await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('sign_in_required');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const staff = await signedInStaff(context.app, 'lead');
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: staff.headers.cookie },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('csrf_token_invalid');
  });

  it('refuses writes that a browser sends from another site', async () => {
    const staff = await signedInStaff(context.app, 'lead');
    const response = await context.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { ...staff.headers, origin: 'https://attacker.example.com', host: 'localhost:80' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('cross_origin_refused');
  });

  it('keeps lead-only routes from assessors', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const response = await context.app.inject({ method: 'GET', url: '/api/packs', headers: assessor.headers });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe('Only an L&D lead can do this.');
  });

  it("lists the organisation's staff for a lead, and no one else's", async () => {
    const lead = await signedInStaff(context.app, 'lead', 'eastfield');
    const assessor = await signedInStaff(context.app, 'assessor', 'eastfield');
    await signedInStaff(context.app, 'assessor', 'westfield');
    const response = await context.app.inject({ method: 'GET', url: '/api/staff', headers: lead.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json().staff.map((person: { email: string; role: string }) => `${person.role} ${person.email}`)).toEqual([
      `lead ${lead.email}`,
      `assessor ${assessor.email}`,
    ]);
    expect((await context.app.inject({ method: 'GET', url: '/api/staff', headers: assessor.headers })).statusCode).toBe(403);
  });
});
