/**
 * Expired sessions, staff and team, are deleted on a clock. Nothing reads them (every lookup asks
 * for an unexpired one), but kept they would grow with every sign-in and join ever made, and with
 * them the cost of every query that scans a team's sessions.
 */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { deleteExpiredTeamSessions } from '../teams/queries.js';
import { deleteExpiredSessions } from './queries.js';

const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Deletes every session that expired before `now`; returns how many of each kind. */
export async function pruneExpiredSessions(db: Database, now = new Date()): Promise<{ staff: number; team: number }> {
  const [staff, team] = await Promise.all([deleteExpiredSessions(db, now), deleteExpiredTeamSessions(db, now)]);
  return { staff, team };
}

/** Prunes at start and then hourly; several instances doing it at once only delete the same rows. */
export function startSessionPruning(app: FastifyInstance, db: Database, intervalMs = PRUNE_INTERVAL_MS): void {
  const prune = () => {
    pruneExpiredSessions(db).catch((error: unknown) => app.log.error({ err: error }, 'pruning expired sessions failed'));
  };
  const timer = setInterval(prune, intervalMs);
  timer.unref();
  app.addHook('onReady', async () => prune());
  app.addHook('onClose', async () => clearInterval(timer));
}
