/** SQL for organisations, staff accounts, sessions and sign-in attempts. */
import type { Database } from '../db/database.js';
import type { StaffRole } from './schema.js';

export async function findOrganisationBySlug(db: Database, slug: string) {
  return db.selectFrom('organisations').select(['id', 'slug', 'name']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertOrganisation(db: Database, slug: string, name: string): Promise<string> {
  const { id } = await db.insertInto('organisations').values({ slug, name }).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function countOrganisations(db: Database): Promise<number> {
  const { count } = await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

export interface NewUser {
  organisationId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  passwordHash: string;
  mustChangePassword: boolean;
}

export async function insertUser(db: Database, user: NewUser): Promise<string> {
  const { id } = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function findUserForSignIn(db: Database, email: string) {
  return db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'disabledAt'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function findUserPasswordHash(db: Database, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('passwordHash').where('id', '=', userId).executeTakeFirst();
  return row?.passwordHash;
}

export async function updatePassword(db: Database, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, mustChangePassword: false }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: Database,
  session: { tokenSha256: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** The live session for a token hash, with its user and organisation. */
export async function findLiveSession(db: Database, tokenSha256: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .innerJoin('organisations', 'organisations.id', 'users.organisationId')
    .select([
      'sessions.csrfToken',
      'sessions.expiresAt as sessionExpiresAt',
      'users.id as userId',
      'users.email',
      'users.displayName',
      'users.role',
      'users.mustChangePassword',
      'organisations.id as organisationId',
      'organisations.name as organisationName',
    ])
    .where('sessions.tokenSha256', '=', tokenSha256)
    .where('sessions.expiresAt', '>', new Date())
    .where('users.disabledAt', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Database, tokenSha256: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenSha256', '=', tokenSha256).execute();
}

/** Deletes staff sessions that expired before `before`; returns how many. */
export async function deleteExpiredSessions(db: Database, before: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every other session of a user, e.g. after a password change. */
/** Deletes the person's other sessions; returns their token hashes, so their streams can be closed. */
export async function deleteOtherSessions(db: Database, userId: string, keepTokenSha256: string): Promise<string[]> {
  const deleted = await db
    .deleteFrom('sessions')
    .where('userId', '=', userId)
    .where('tokenSha256', '!=', keepTokenSha256)
    .returning('tokenSha256')
    .execute();
  return deleted.map((row) => row.tokenSha256);
}

export async function recordSignInAttempt(db: Database, email: string, clientAddress: string, succeeded: boolean): Promise<void> {
  await db.insertInto('loginAttempts').values({ email: email.toLowerCase(), clientAddress, succeeded }).execute();
}

/** Everyone with a staff account in the organisation, for choosing a run's assessors. */
export async function listStaffOfOrganisation(db: Database, organisationId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role', 'mustChangePassword', 'disabledAt', 'createdAt'])
    .where('organisationId', '=', organisationId)
    .orderBy('role', 'desc')
    .orderBy('displayName')
    .execute();
}

/** One account of the organisation, for a lead managing it. */
export async function findStaffMember(db: Database, organisationId: string, userId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role', 'disabledAt'])
    .where('organisationId', '=', organisationId)
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setDisabled(db: Database, userId: string, disabledAt: Date | null): Promise<void> {
  await db.updateTable('users').set({ disabledAt }).where('id', '=', userId).execute();
}

/** A lead-issued one-time password: the person must choose their own at the next sign-in. */
export async function setOneTimePassword(db: Database, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ passwordHash, mustChangePassword: true }).where('id', '=', userId).execute();
}

export async function deleteAllSessions(db: Database, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('userId', '=', userId).execute();
}
