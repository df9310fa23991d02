/**
 * Live events travel through PostgreSQL: `publish` queues a NOTIFY inside the caller's transaction
 * (delivered only if it commits), and each app instance LISTENs and hands what arrives to its hub.
 */
import { sql, type QueryExecutorProvider } from 'kysely';
import { LiveEvent } from './events.js';

export const LIVE_CHANNEL = 'rehearse_live';

/** Queues an event; pass the transaction that made the change so it is sent only on commit. */
export async function publish(db: QueryExecutorProvider, event: LiveEvent): Promise<void> {
  await sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(event)})`.execute(db);
}

/** Parses a NOTIFY payload; anything malformed is dropped rather than crashing the listener. */
export function parseNotification(payload: string | undefined): LiveEvent | undefined {
  if (!payload) return undefined;
  try {
    const parsed = LiveEvent.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
