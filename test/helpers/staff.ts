/** Staff accounts for API tests: created directly, then signed in through the real API. */
import { randomBytes } from 'node:crypto';
import { findOrganisationBySlug, insertOrganisation } from '../../server/accounts/queries.js';
import type { StaffRole } from '../../server/accounts/schema.js';
import { createStaffAccount } from '../../server/accounts/staff-accounts.js';
import type { App } from '../../server/app.js';

export interface SignedInStaff {
  email: string;
  password: string;
  organisationId: string;
  /** Headers for a request as this person: the session cookie, and the CSRF token for writes. */
  headers: { cookie: string; 'x-csrf-token': string };
}

export async function ensureOrganisation(app: App, slug: string, name = `${slug} police`): Promise<string> {
  const existing = await findOrganisationBySlug(app.database.db, slug);
  return existing?.id ?? insertOrganisation(app.database.db, slug, name);
}

/** A new account that has signed in and replaced its one-time password, ready to use the API. */
export async function signedInStaff(app: App, role: StaffRole, organisationSlug = 'northmoor'): Promise<SignedInStaff> {
  const organisationId = await ensureOrganisation(app, organisationSlug);
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  const { oneTimePassword } = await createStaffAccount(app.database.db, { organisationId, email, displayName: `Test ${role}`, role });
  const first = await signIn(app, email, oneTimePassword);
  const password = 'a long new password for tests';
  const change = await app.inject({
    method: 'POST',
    url: '/api/auth/password',
    headers: first.headers,
    payload: { currentPassword: oneTimePassword, newPassword: password },
  });
  if (change.statusCode !== 204) throw new Error(`password change failed: ${change.body}`);
  return { email, password, organisationId, headers: first.headers };
}

export async function signIn(app: App, email: string, password: string) {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
  const cookie = response.cookies.find((candidate) => candidate.name === 'rh_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { response, headers: { cookie: `rh_session=${cookie.value}`, 'x-csrf-token': response.json().csrfToken as string } };
}
