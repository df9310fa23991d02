/** What every feature's routes are given (the database, the pack cache, the live streams, the autosave writer, the clock …), and how scopes hand it on. */
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import type { Clock } from '../injects/clock.js';
import type { LiveStreams } from '../live/streams.js';
import type { PackVersions } from '../packs/pack-versions.js';
import type { LrsQueue } from '../review/lrs-queue.js';
import type { AnswerWriter } from '../workspace/answer-write-batches.js';

export interface RouteDeps {
  db: Database;
  packs: PackVersions;
  live: LiveStreams;
  /** Writes teams' autosaves, several to a statement when they come at once. */
  answers: AnswerWriter;
  /** What time it is for the exercise clock (tests set their own). */
  clock: Clock;
  /** Sends statements to the learning record store; undefined when none is configured. */
  lrs: LrsQueue | undefined;
  /** PUBLIC_ORIGIN, when set: the base of the xAPI statements' activity ids. */
  publicOrigin: string | undefined;
}

export type FeatureRoutes = FastifyPluginAsyncZod<RouteDeps>;

/** A scope (run or team) is given the dependencies and the feature routes it serves. */
export type ScopeOptions = RouteDeps & { routes: FeatureRoutes[] };

/** Registers a scope's routes after its hooks, with the dependencies only: the scope's own prefix must not reach them. */
export async function registerScopeRoutes(scope: FastifyInstance, { routes, db, packs, live, answers, clock, lrs, publicOrigin }: ScopeOptions): Promise<void> {
  for (const plugin of routes) await scope.register(plugin, { db, packs, live, answers, clock, lrs, publicOrigin });
}
