/** What every feature's routes are given: the database, the pack cache and the live streams. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../db/database.js';
import type { LiveStreams } from '../live/streams.js';
import type { PackVersions } from '../packs/pack-versions.js';

export interface RouteDeps {
  db: Database;
  packs: PackVersions;
  live: LiveStreams;
}

export type FeatureRoutes = FastifyPluginAsyncZod<RouteDeps>;
