/** A lead manages the organisation's staff accounts: adding, disabling and resetting passwords. */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app.js';
import { signIn, signedInStaff, type SignedInStaff } from '../helpers/staff.js';

const context = useTestApp();
let lead: SignedInStaff;

beforeAll(async () => {
  lead = await signedInStaff(context.app, 'lead');
});

function add(payload: object, by: SignedInStaff = lead) {
  return context.app.inject({ method: 'POST', url: '/api/staff', headers: by.headers, payload });
}

async function idOf(staff: SignedInStaff): Promise<string> {
  return (await context.app.inject({ method: 'GET', url: '/api/auth/session', headers: staff.headers })).json().user.id;
}

describe('staff accounts managed by a lead', () => {
  it('adds an assessor with a one-time password that must be changed at first sign-in', async () => {
    const response = await add({ email: 'Sam.Okafor@example.org', displayName: 'DS Sam Okafor', role: 'assessor' });
    expect(response.statusCode, response.body).toBe(201);
    const { id, oneTimePassword } = response.json();
    const list = (await context.app.inject({ method: 'GET', url: '/api/staff', headers: lead.headers })).json().staff;
    expect(list.find((person: { id: string }) => person.id === id)).toMatchObject({
      displayName: 'DS Sam Okafor',
      role: 'assessor',
      mustChangePassword: true,
      disabledAt: null,
    });
    const first = await signIn(context.app, 'sam.okafor@example.org', oneTimePassword);
    expect(first.response.json().user.mustChangePassword).toBe(true);
    const runs = await context.app.inject({ method: 'GET', url: '/api/runs', headers: first.headers });
    expect(runs.json().error.code).toBe('password_change_required');
  });

  it('refuses an email that already has an account, and a form with mistakes, naming each field', async () => {
    expect((await add({ email: lead.email, displayName: 'Again', role: 'lead' })).json().error.code).toBe('email_taken');
    const bad = await add({ email: 'not an email', displayName: ' ', role: 'boss' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.map((detail: { path: string }) => detail.path)).toEqual(['body.email', 'body.displayName', 'body.role']);
  });

  it('is for leads only', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    expect((await add({ email: 'x@example.org', displayName: 'X', role: 'lead' }, assessor)).statusCode).toBe(403);
    expect((await context.app.inject({ method: 'GET', url: '/api/staff', headers: assessor.headers })).statusCode).toBe(403);
  });

  it('disables an account only when confirmed: its sessions end and it cannot sign in, until enabled again', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const userId = await idOf(assessor);
    const unconfirmed = await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/disable`, headers: lead.headers, payload: {} });
    expect(unconfirmed.statusCode).toBe(400);
    const disabled = await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/disable`, headers: lead.headers, payload: { confirm: true } });
    expect(disabled.statusCode).toBe(204);
    expect((await context.app.inject({ method: 'GET', url: '/api/runs', headers: assessor.headers })).statusCode).toBe(401);
    const signInAgain = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: assessor.email, password: assessor.password } });
    expect(signInAgain.statusCode).toBe(401);

    expect((await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/enable`, headers: lead.headers })).statusCode).toBe(204);
    await signIn(context.app, assessor.email, assessor.password);
  });

  it('does not let a lead disable or reset their own account, or touch another organisation’s', async () => {
    const me = await idOf(lead);
    const own = await context.app.inject({ method: 'POST', url: `/api/staff/${me}/disable`, headers: lead.headers, payload: { confirm: true } });
    expect(own.statusCode).toBe(409);
    expect(own.json().error.message).toBe('You cannot disable your own account. Ask another lead.');
    const stranger = await signedInStaff(context.app, 'assessor', 'southvale');
    const other = await context.app.inject({ method: 'POST', url: `/api/staff/${await idOf(stranger)}/password-reset`, headers: lead.headers });
    expect(other.statusCode).toBe(404);
  });

  it('resets a password to a one-time password shown once: the old password stops working and sessions end', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const reset = await context.app.inject({ method: 'POST', url: `/api/staff/${await idOf(assessor)}/password-reset`, headers: lead.headers });
    expect(reset.statusCode).toBe(200);
    const { oneTimePassword } = reset.json();
    expect((await context.app.inject({ method: 'GET', url: '/api/runs', headers: assessor.headers })).statusCode).toBe(401);
    const old = await context.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: assessor.email, password: assessor.password } });
    expect(old.statusCode).toBe(401);
    const fresh = await signIn(context.app, assessor.email, oneTimePassword);
    expect(fresh.response.json().user.mustChangePassword).toBe(true);
  });

  it('records who added, disabled, enabled and reset whose account in the audit log, never the password', async () => {
    const assessor = await signedInStaff(context.app, 'assessor');
    const userId = await idOf(assessor);
    await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/disable`, headers: lead.headers, payload: { confirm: true } });
    await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/enable`, headers: lead.headers });
    const reset = await context.app.inject({ method: 'POST', url: `/api/staff/${userId}/password-reset`, headers: lead.headers });
    const audit = await context.app.inject({ method: 'GET', url: '/api/audit', headers: lead.headers });
    const entries = audit.json().entries.filter((entry: { subject: string }) => entry.subject === `user:${userId}`);
    expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['staff.password-reset', 'staff.enable', 'staff.disable']);
    expect(audit.body).not.toContain(reset.json().oneTimePassword);
  });
});
