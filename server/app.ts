/**
 * Builds the Fastify app from a Config. Tests call this and use `app.inject`; main.ts calls it and
 * listens. Each feature is a plugin registered here, in one place.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { accountRoutes } from './accounts/routes.js';
import { agencyRoutes } from './agencies/routes.js';
import { auditRoutes } from './audit/routes.js';
import { consoleRoutes } from './console/routes.js';
import { healthRoutes } from './health/routes.js';
import { startInjectClock } from './injects/clock.js';
import { injectRoutes } from './injects/routes.js';
import { markingRoutes } from './marking/routes.js';
import { startLiveStreams } from './live/streams.js';
import { registerAccessControl, type AccessTable } from './http/access-control.js';
import { packRoutes } from './packs/routes.js';
import { resultsRoutes } from './results/routes.js';
import { runRoutes } from './runs/routes.js';
import { teamRoutes } from './teams/routes.js';
import { workspaceRoutes } from './workspace/routes.js';
import { registerClientAssets } from './http/client-assets.js';
import { installErrorHandling } from './http/error-handling.js';
import { registerOpenApi } from './http/openapi.js';
import { registerSecurityHeaders } from './http/security-headers.js';

export interface BuildOptions {
  /** An already open database (tests share one per file); the app then leaves closing it to the caller. */
  database?: DatabaseHandle;
  /** Release timed injects on a clock (tests call releaseDueTimedInjects with their own times). */
  injectClock?: boolean;
}

export type App = FastifyInstance & {
  database: DatabaseHandle;
  accessTable: AccessTable;
  /** Migrations this start applied (empty when the schema was already current). */
  appliedMigrations: string[];
};

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const ownsDatabase = !options.database;
  const database = options.database ?? (await openDatabase(config.database));
  let appliedMigrations: string[];
  try {
    appliedMigrations = await migrateToLatest(database.db);
  } catch (error) {
    if (ownsDatabase) await database.close();
    throw error;
  }

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, config.bodyLimitBytes);
  if (ownsDatabase) app.addHook('onClose', () => database.close());

  await registerSecurityHeaders(app);
  const accessTable = await registerAccessControl(app, database.db);
  await registerOpenApi(app);
  await app.register(healthRoutes, { prefix: '/api', database });
  await app.register(accountRoutes, { prefix: '/api', db: database.db });
  await app.register(packRoutes, { prefix: '/api', db: database.db });
  await app.register(runRoutes, { prefix: '/api', db: database.db });
  await app.register(teamRoutes, { prefix: '/api', db: database.db });
  await app.register(workspaceRoutes, { prefix: '/api', db: database.db });
  const live = await startLiveStreams(app, database);
  await app.register(injectRoutes, { prefix: '/api', db: database.db, live });
  await app.register(agencyRoutes, { prefix: '/api', db: database.db });
  await app.register(consoleRoutes, { prefix: '/api', db: database.db });
  await app.register(auditRoutes, { prefix: '/api', db: database.db });
  await app.register(markingRoutes, { prefix: '/api', db: database.db });
  await app.register(resultsRoutes, { prefix: '/api', db: database.db });
  if (options.injectClock ?? true) startInjectClock(app, database.db);
  await registerClientAssets(app, config.clientDir);

  return Object.assign(app, { database, accessTable, appliedMigrations });
}
