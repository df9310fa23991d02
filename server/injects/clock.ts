/** Releases timed injects as their minute comes, checking every few seconds while the app runs. */
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { releaseDueTimedInjects } from './releases.js';

export const CLOCK_INTERVAL_MS = 5000;

/** What time it is: the system's, or one a test sets, so pauses and shifts can be tested without waiting. */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

export function startInjectClock(app: FastifyInstance, db: Database, packs: PackVersions, clock: Clock = systemClock, intervalMs = CLOCK_INTERVAL_MS): void {
  let running = false;
  const timer = setInterval(() => {
    // Skip a tick rather than pile up if the database is slow.
    if (running) return;
    running = true;
    releaseDueTimedInjects(db, packs, clock())
      .catch((error: unknown) => app.log.error({ err: error }, 'releasing timed injects failed'))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
