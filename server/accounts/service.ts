/** Signing in (throttled per email at each client address, and per address), changing a password, managing staff. */
import { insertOrganisationAuditEntry } from '../audit/queries.js';
import type { Database } from '../db/database.js';
import { DomainError, conflict, invalidField, notFound } from '../errors.js';
import { attemptThrottle, describeWait } from '../http/attempt-throttle.js';
import { endSessionStreams } from '../live/streams.js';
import { generateOneTimePassword, hashPassword, verifyPassword } from './passwords.js';
import {
  deleteAllSessions,
  deleteOtherSessions,
  findStaffMember,
  findUserForSignIn,
  findUserPasswordHash,
  listStaffOfOrganisation,
  recordSignInAttempt,
  setDisabled,
  setOneTimePassword,
  updatePassword,
} from './queries.js';
import type { NewStaffRequest, NewStaffResponse, StaffList } from './schema.js';
import { createStaffAccount } from './staff-accounts.js';
import { loadStaffIdentity, startSession, type StaffIdentity } from './sessions.js';

// Verifying against this when the email is unknown keeps response times alike, so timing does not
// reveal which emails have accounts.
const unknownUserHash = await hashPassword('not a real account');

interface SignInAttempt {
  email: string;
  clientAddress: string;
}

const MINUTE = 60_000;

/**
 * Guesses at one account from one address wait longer after each failure past the fifth (15 s,
 * 30 s, 1 min … up to 15 min), so a guesser gets a few tries an hour; nobody else's failures slow
 * the account's owner at their own address. An address (an office behind NAT) may fail 100 times
 * in 15 minutes whatever the accounts, which stops spraying one password across many accounts.
 */
function signInThrottle(db: Database) {
  return attemptThrottle<SignInAttempt>(db, {
    dimensions: [
      {
        scope: 'sign-in:account-at-address',
        keyOf: ({ email, clientAddress }) => `${email.toLowerCase()} ${clientAddress}`,
        policy: { freeFailures: 5, firstWaitMs: 15_000, forgetAfterMs: 60 * MINUTE, successClears: true },
      },
      {
        scope: 'sign-in:address',
        keyOf: ({ clientAddress }) => clientAddress,
        policy: { freeFailures: 100, firstWaitMs: 15 * MINUTE, forgetAfterMs: 15 * MINUTE, successClears: false },
      },
    ],
    refusal: (waitMs) => `Too many failed sign-in attempts. Wait ${describeWait(waitMs)}, then try again.`,
  });
}

/** A new session for the person whose email and password these are. */
export async function signIn(
  db: Database,
  attempt: SignInAttempt & { password: string },
): Promise<{ session: { token: string; expiresAt: Date }; staff: StaffIdentity }> {
  const userId = await signInThrottle(db).attempt(attempt, async () => {
    const user = await findUserForSignIn(db, attempt.email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? unknownUserHash, attempt.password);
    // Every attempt is logged, for review (OWASP: log and review authentication failures).
    await recordSignInAttempt(db, attempt.email, attempt.clientAddress, Boolean(user && passwordMatches));
    // A disabled account is refused like a wrong password, so the refusal says nothing about the account.
    return user && passwordMatches && user.disabledAt === null
      ? { succeeded: true, value: user.id }
      : { succeeded: false, error: new DomainError('unauthenticated', 'sign_in_failed', 'The email address or password is not right.') };
  });
  const session = await startSession(db, userId);
  const staff = await loadStaffIdentity(db, session.token);
  if (!staff) throw new Error('a session that was just started could not be read back');
  return { session, staff };
}

/** Replaces the password and ends the person's other sessions; the current one stays signed in. */
export async function changePassword(db: Database, staff: StaffIdentity, request: { currentPassword: string; newPassword: string }): Promise<void> {
  const currentHash = await findUserPasswordHash(db, staff.userId);
  if (!currentHash || !(await verifyPassword(currentHash, request.currentPassword))) {
    throw invalidField('body.currentPassword', 'Your current password is not right');
  }
  await updatePassword(db, staff.userId, await hashPassword(request.newPassword));
  await endSessionStreams(db, await deleteOtherSessions(db, staff.userId, staff.tokenSha256));
}

export async function listStaff(db: Database, organisationId: string): Promise<StaffList> {
  const rows = await listStaffOfOrganisation(db, organisationId);
  return {
    staff: rows.map((row) => ({
      id: row.id,
      displayName: row.displayName,
      email: row.email,
      role: row.role,
      mustChangePassword: row.mustChangePassword,
      disabledAt: row.disabledAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/** A new lead or assessor of the lead's organisation, with a one-time password shown once. */
export async function inviteStaff(db: Database, lead: StaffIdentity, request: NewStaffRequest): Promise<NewStaffResponse> {
  const { userId, oneTimePassword } = await createStaffAccount(db, { organisationId: lead.organisationId, ...request });
  await audit(db, lead, 'staff.create', userId, { after: { email: request.email, displayName: request.displayName, role: request.role } });
  return { id: userId, email: request.email, oneTimePassword };
}

function audit(db: Database, lead: StaffIdentity, action: string, userId: string, change: { before?: unknown; after?: unknown }) {
  return insertOrganisationAuditEntry(db, { organisationId: lead.organisationId, actorUserId: lead.userId, action, subject: `user:${userId}`, ...change });
}

async function findManagedAccount(db: Database, lead: StaffIdentity, userId: string, action: string) {
  const member = await findStaffMember(db, lead.organisationId, userId);
  if (!member) throw notFound('There is no account with that id in your organisation.');
  if (member.id === lead.userId) throw conflict('own_account', `You cannot ${action} your own account. Ask another lead.`);
  return member;
}

/** Stops an account signing in and ends its sessions at once; its marks and history stay. */
export async function disableStaff(db: Database, lead: StaffIdentity, userId: string): Promise<void> {
  const member = await findManagedAccount(db, lead, userId, 'disable');
  if (member.disabledAt) return;
  await db.transaction().execute(async (trx) => {
    await setDisabled(trx, member.id, new Date());
    await deleteAllSessions(trx, member.id);
    await audit(trx, lead, 'staff.disable', member.id, { before: { disabled: false }, after: { disabled: true } });
  });
}

export async function enableStaff(db: Database, lead: StaffIdentity, userId: string): Promise<void> {
  const member = await findManagedAccount(db, lead, userId, 'enable');
  if (!member.disabledAt) return;
  await db.transaction().execute(async (trx) => {
    await setDisabled(trx, member.id, null);
    await audit(trx, lead, 'staff.enable', member.id, { before: { disabled: true }, after: { disabled: false } });
  });
}

/** A new one-time password (shown once to the lead); the person's sessions end and they choose their own at sign-in. */
export async function resetStaffPassword(db: Database, lead: StaffIdentity, userId: string): Promise<{ oneTimePassword: string }> {
  const member = await findManagedAccount(db, lead, userId, 'reset the password of');
  const oneTimePassword = generateOneTimePassword();
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    await setOneTimePassword(trx, member.id, passwordHash);
    await deleteAllSessions(trx, member.id);
    // The password itself is never logged.
    await audit(trx, lead, 'staff.password-reset', member.id, {});
  });
  return { oneTimePassword };
}
