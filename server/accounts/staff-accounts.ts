/** Creating staff accounts with a generated one-time password (used by the CLI and the demo setup). */
import type { Database } from '../db/database.js';
import { conflict } from '../errors.js';
import { generateOneTimePassword, hashPassword } from './passwords.js';
import { findUserForSignIn, insertUser } from './queries.js';
import type { StaffRole } from './schema.js';

export interface NewStaffAccount {
  organisationId: string;
  email: string;
  displayName: string;
  role: StaffRole;
}

export async function createStaffAccount(
  db: Database,
  account: NewStaffAccount,
): Promise<{ userId: string; oneTimePassword: string }> {
  if (await findUserForSignIn(db, account.email)) {
    throw conflict('email_taken', `There is already an account for ${account.email}.`);
  }
  const oneTimePassword = generateOneTimePassword();
  const userId = await insertUser(db, {
    ...account,
    passwordHash: await hashPassword(oneTimePassword),
    mustChangePassword: true,
  });
  return { userId, oneTimePassword };
}
