/** Signing in (throttled per email at each client address, and per address), changing a password, listing staff. */
import type { Database } from '../db/database.js';
import { DomainError, invalidField } from '../errors.js';
import { attemptThrottle, describeWait } from '../http/attempt-throttle.js';
import { endSessionStreams } from '../live/streams.js';
import { hashPassword, verifyPassword } from './passwords.js';
import {
  deleteOtherSessions,
  findUserForSignIn,
  findUserPasswordHash,
  listStaffOfOrganisation,
  recordSignInAttempt,
  updatePassword,
} from './queries.js';
import type { StaffList } from './schema.js';
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
    return user && passwordMatches
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
  return { staff: await listStaffOfOrganisation(db, organisationId) };
}
