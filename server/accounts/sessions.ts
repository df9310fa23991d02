/** Staff sessions: random tokens in an httpOnly cookie, stored only as SHA-256 hashes in PostgreSQL. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { endSessionStreams } from '../live/streams.js';
import { deleteSession, findLiveSession, insertSession } from './queries.js';
import type { StaffRole, StaffSession } from './schema.js';

/** Long enough for a full exercise day. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface StaffIdentity {
  userId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  mustChangePassword: boolean;
  organisationId: string;
  organisationName: string;
  csrfToken: string;
  tokenSha256: string;
  sessionExpiresAt: Date;
}

/** What scopes a member of staff's queries: their organisation, who they are and their role. */
export type StaffScope = Pick<StaffIdentity, 'userId' | 'organisationId' | 'role'>;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new session's secrets: the token for the cookie (stored only as its hash) and a CSRF token. */
export function newSessionTokens(): { token: string; tokenSha256: string; csrfToken: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    tokenSha256: hashToken(token),
    csrfToken: randomBytes(24).toString('base64url'),
    expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
  };
}

export async function startSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenSha256, csrfToken, expiresAt } = newSessionTokens();
  await insertSession(db, { tokenSha256, userId, csrfToken, expiresAt });
  return { token, expiresAt };
}

export async function loadStaffIdentity(db: Database, token: string): Promise<StaffIdentity | undefined> {
  const tokenSha256 = hashToken(token);
  const row = await findLiveSession(db, tokenSha256);
  return row && { ...row, tokenSha256 };
}

export async function endSession(db: Database, identity: StaffIdentity): Promise<void> {
  await deleteSession(db, identity.tokenSha256);
  await endSessionStreams(db, [identity.tokenSha256]);
}

export function toStaffSession(identity: StaffIdentity): StaffSession {
  return {
    user: {
      id: identity.userId,
      email: identity.email,
      displayName: identity.displayName,
      role: identity.role,
      mustChangePassword: identity.mustChangePassword,
    },
    organisation: { id: identity.organisationId, name: identity.organisationName },
    csrfToken: identity.csrfToken,
  };
}
