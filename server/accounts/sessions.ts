/** Staff sessions: random tokens in an httpOnly cookie, stored only as SHA-256 hashes in PostgreSQL. */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../db/database.js';
import { deleteSession, findLiveSession, insertSession } from './queries.js';
import type { StaffRole, StaffSession } from './schema.js';

export const SESSION_COOKIE = 'rh_session';
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
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function startSession(db: Database, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await insertSession(db, { tokenSha256: hashToken(token), userId, csrfToken: randomBytes(24).toString('base64url'), expiresAt });
  return { token, expiresAt };
}

export async function loadStaffIdentity(db: Database, token: string): Promise<StaffIdentity | undefined> {
  const tokenSha256 = hashToken(token);
  const row = await findLiveSession(db, tokenSha256);
  if (!row) return undefined;
  return { ...row, role: row.role as StaffRole, tokenSha256 };
}

export async function endSession(db: Database, identity: StaffIdentity): Promise<void> {
  await deleteSession(db, identity.tokenSha256);
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
