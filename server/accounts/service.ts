/** Signing in (throttled per email and per client address), changing a password, listing staff. */
import type { Database } from '../db/database.js';
import { DomainError, invalidField } from '../errors.js';
import { attemptThrottle } from '../http/attempt-throttle.js';
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
import type { StaffList } from './schema.js';
import { loadStaffIdentity, startSession, type StaffIdentity } from './sessions.js';

// Verifying against this when the email is unknown keeps response times alike, so timing does not
// reveal which emails have accounts.
const unknownUserHash = await hashPassword('not a real account');

interface SignInAttempt {
  email: string;
  clientAddress: string;
}

function signInThrottle(db: Database) {
  return attemptThrottle(
    {
      windowMs: 15 * 60 * 1000,
      limits: [
        { dimension: 'email', maxFailures: 5 },
        { dimension: 'address', maxFailures: 20 },
      ],
      refusal: 'Too many failed sign-in attempts. Wait 15 minutes, then try again.',
    },
    {
      countFailuresSince: async ({ email, clientAddress }: SignInAttempt, since) => {
        const failures = await countRecentFailures(db, email, clientAddress, since);
        return { email: failures.forEmail, address: failures.forAddress };
      },
      record: ({ email, clientAddress }, succeeded) => recordSignInAttempt(db, email, clientAddress, succeeded),
    },
  );
}

/** A new session for the person whose email and password these are. */
export async function signIn(
  db: Database,
  attempt: SignInAttempt & { password: string },
): Promise<{ session: { token: string; expiresAt: Date }; staff: StaffIdentity }> {
  const userId = await signInThrottle(db).attempt(attempt, async () => {
    const user = await findUserForSignIn(db, attempt.email);
    const passwordMatches = await verifyPassword(user?.passwordHash ?? unknownUserHash, attempt.password);
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
  await deleteOtherSessions(db, staff.userId, staff.tokenSha256);
}

export async function listStaff(db: Database, organisationId: string): Promise<StaffList> {
  return { staff: await listStaffOfOrganisation(db, organisationId) };
}
