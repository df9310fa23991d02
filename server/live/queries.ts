/** SQL the live streams need: whether the session a stream belongs to still exists. */
import type { Database } from '../db/database.js';

export type SessionKind = 'staff' | 'team';

export async function isSessionLive(db: Database, kind: SessionKind, tokenSha256: string): Promise<boolean> {
  const table = kind === 'staff' ? 'sessions' : 'teamSessions';
  const row = await db
    .selectFrom(table)
    .select('tokenSha256')
    .where('tokenSha256', '=', tokenSha256)
    .where('expiresAt', '>', new Date())
    .executeTakeFirst();
  return row !== undefined;
}
