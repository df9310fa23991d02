/**
 * Builds the Fastify app from a Config. Tests call this and use `app.inject`; main.ts calls it and
 * listens. Each feature is a plugin registered here, in one place.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { accountRoutes } from './accounts/routes.js';
import { startSessionPruning } from './accounts/session-pruning.js';
import { agencyRunRoutes, agencyTeamRoutes } from './agencies/routes.js';
import { auditRoutes } from './audit/routes.js';
import { consoleRoutes } from './console/routes.js';
import { healthRoutes } from './health/routes.js';
import { registerAccessControl, RUN_SCOPE_PREFIX, TEAM_SCOPE_PREFIX, type AccessTable } from './http/access-control.js';
import { registerClientAssets } from './http/client-assets.js';
import { registerCompression } from './http/compression.js';
import { answerFrameworkError, installErrorHandling } from './http/error-handling.js';
import { registerOpenApi } from './http/openapi.js';
import type { RouteDeps } from './http/route-deps.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { refuseUnsafeText } from './http/unsafe-text.js';
import { clockRoutes } from './clock/routes.js';
import { startInjectClock, systemClock, type Clock } from './injects/clock.js';
import { injectRunRoutes, injectTeamRoutes } from './injects/routes.js';
import { startLiveStreams } from './live/streams.js';
import { createAnswerWriter } from './workspace/answer-write-batches.js';
import { markingRoutes } from './marking/routes.js';
import { meetingRunRoutes, meetingTeamRoutes } from './meetings/routes.js';
import { createPackVersions, type PackVersions } from './packs/pack-versions.js';
import { packRoutes } from './packs/routes.js';
import { resultsRunRoutes, resultsTeamRoutes } from './results/routes.js';
import { startLrsQueue } from './review/lrs-queue.js';
import { reviewRoutes, reviewRunRoutes, reviewTeamRoutes } from './review/routes.js';
import { runScope } from './runs/run-scope.js';
import { runDetailRoutes, runRoutes } from './runs/routes.js';
import { joinRoutes, teamDeviceRunRoutes, teamSessionRoutes } from './teams/routes.js';
import { createTeamCredentialCache } from './teams/session-credentials.js';
import { teamScope } from './teams/team-scope.js';
import { workspaceRunRoutes, workspaceTeamRoutes } from './workspace/routes.js';

export interface BuildOptions {
  /** An already open database (tests share one per file); the app then leaves closing it to the caller. */
  database?: DatabaseHandle;
  /** Release timed injects on a clock (tests call releaseDueTimedInjects with their own times). */
  injectClock?: boolean;
  /** What time it is for the exercise clock; tests pass their own to pause and resume at chosen times. */
  clock?: Clock;
}

export type App = FastifyInstance & {
  database: DatabaseHandle;
  /** The parsed packs of the versions in use, kept for the life of the app. */
  packs: PackVersions;
  accessTable: AccessTable;
  /** Migrations this start applied (empty when the schema was already current). */
  appliedMigrations: string[];
};

/**
 * A hop count becomes "trust the n nearest hops": this Fastify treats a bare number as trusting
 * nobody, because it cannot check the peer. It is only safe when clients cannot reach the app except
 * through those proxies (README, TRUST_PROXY).
 */
function fastifyTrustProxy(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * Fastify's two lines per request at info, moved to the configured level (debug in development, so
 * start-up lines are not scrolled away); failed requests are still logged as errors.
 */
class RequestLogController extends LogController {
  constructor(private readonly level: 'info' | 'debug') {
    super();
  }

  override incomingRequest(request: FastifyRequest): void {
    request.log[this.level]({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log[this.level]({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<App> {
  const ownsDatabase = !options.database;
  // A new embedded folder starts with the shipped packs when demo content is wanted (main.ts imports them otherwise).
  const database = options.database ?? (await openDatabase(config.database, { newFolder: config.loadDemoContent ? 'schema-and-shipped-packs' : 'schema' }));
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
    trustProxy: fastifyTrustProxy(config.trustProxy),
    genReqId: () => randomUUID(),
    frameworkErrors: answerFrameworkError,
    logController: new RequestLogController(config.requestLogLevel),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, config.bodyLimitBytes);
  refuseUnsafeText(app);
  if (ownsDatabase) app.addHook('onClose', () => database.close());

  await registerSecurityHeaders(app);
  await registerCompression(app);
  const teamCredentials = createTeamCredentialCache(database.db);
  app.addHook('onClose', async () => teamCredentials.clear());
  const accessTable = await registerAccessControl(app, database.db, teamCredentials, config.publicOrigin);
  await registerOpenApi(app);
  const packs = createPackVersions(database.db);
  app.addHook('onClose', async () => packs.clear());
  const live = startLiveStreams(app, database.db);
  const clock = options.clock ?? systemClock;
  const lrs = config.lrs && config.publicOrigin ? await startLrsQueue(database, packs, config.lrs, config.publicOrigin, app.log) : undefined;
  // Before the database closes: the queue finishes the statement it is sending.
  if (lrs) app.addHook('preClose', () => lrs.stop());
  const answers = createAnswerWriter(database.db);
  // Before the database closes: the saves being written are answered.
  app.addHook('preClose', () => answers.drain());
  const deps: RouteDeps = { db: database.db, packs, live, answers, clock, lrs, publicOrigin: config.publicOrigin };

  await app.register(healthRoutes, { prefix: '/api', database });
  for (const routes of [accountRoutes, packRoutes, runRoutes, joinRoutes, auditRoutes, reviewRoutes]) {
    await app.register(routes, { prefix: '/api', ...deps });
  }
  // Each scope loads the team's or the run's data once for all of its routes (see the scope modules).
  await app.register(teamScope, {
    prefix: TEAM_SCOPE_PREFIX,
    ...deps,
    routes: [teamSessionRoutes, workspaceTeamRoutes, injectTeamRoutes, agencyTeamRoutes, meetingTeamRoutes, resultsTeamRoutes, reviewTeamRoutes],
  });
  await app.register(runScope, {
    prefix: RUN_SCOPE_PREFIX,
    ...deps,
    routes: [runDetailRoutes, injectRunRoutes, agencyRunRoutes, meetingRunRoutes, consoleRoutes, clockRoutes, markingRoutes, workspaceRunRoutes, resultsRunRoutes, reviewRunRoutes, teamDeviceRunRoutes],
  });
  if (options.injectClock ?? true) startInjectClock(app, database.db, packs, clock);
  startSessionPruning(app, database.db);
  await registerClientAssets(app, config.clientDir);

  return Object.assign(app, { database, packs, accessTable, appliedMigrations });
}
