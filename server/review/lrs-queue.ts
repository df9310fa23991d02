/**
 * Sends runs' xAPI statements to the force's learning record store from a job queue kept in
 * PostgreSQL, so a release never waits on the store and nothing is lost or sent twice across a
 * restart:
 *
 * - The queue is pg-boss 10 (the maintained queue's last line that runs on Node 20; graphile-worker
 *   needs a pg pool and LISTEN of its own, which embedded PGlite cannot give). It runs on both
 *   engines through DatabaseHandle.executeSql, so embedded PostgreSQL has the same queue, retries
 *   and backoff as a server.
 * - A delivery row and its job are written in the transaction that releases the results (or that
 *   records a lead's "send again"): either both exist or neither.
 * - Each statement is sent with PUT /statements?statementId=<its stable id> and recorded as accepted
 *   once the store says 204 (stored) or 409 (it already holds a statement with that id). A failed
 *   attempt throws, and pg-boss retries it after retryDelaySeconds, then about twice as long each
 *   time, with jitter; the retry sends only the statements not yet recorded. A worker stopped mid-way
 *   leaves its job to expire and be retried by whichever instance is running, and the store's own
 *   deduplication by id covers the one statement that may have been accepted but not yet recorded.
 */
import { CompiledQuery, type Transaction } from 'kysely';
import type { LrsConfig } from '../config.js';
import type { DatabaseHandle } from '../db/database.js';
import type { DB } from '../db/types.js';
import { DomainError } from '../errors.js';
import type { PackVersions } from '../packs/pack-versions.js';
import { finishLrsAttempt, findLrsDelivery, insertLrsDelivery, insertSentStatement, listSentStatementIds, startLrsAttempt } from './queries.js';
import type { LrsDeliveryReason } from './schema.js';
import { getStatementsOfRun } from './service.js';
import type { XapiStatement } from './xapi.js';

const QUEUE = 'lrs-delivery';
/** A store that answers nothing in this long is treated as down for this attempt. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface LrsQueue {
  /** The base of the statements' activity ids (PUBLIC_ORIGIN). */
  readonly baseUrl: string;
  /** Queues a delivery of the run's statements inside the caller's transaction; returns its id. */
  enqueue(trx: Transaction<DB>, delivery: { runId: string; reason: LrsDeliveryReason; requestedBy: string | null }): Promise<string>;
  stop(): Promise<void>;
}

interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/** pg-boss's way into a transaction the app holds: its insert runs on the transaction's connection. */
function inTransaction(trx: Transaction<DB>) {
  return {
    executeSql: async (text: string, values: unknown[] = []) => ({ rows: (await trx.withoutPlugins().executeQuery(CompiledQuery.raw(text, values))).rows }),
  };
}

export async function startLrsQueue(handle: DatabaseHandle, packs: PackVersions, lrs: LrsConfig, baseUrl: string, log: Logger): Promise<LrsQueue> {
  // Loaded here, not at start: most installations send no statements, and pg-boss with its cron parser is 0.2 s of loading.
  const { default: PgBoss } = await import('pg-boss');
  const boss = new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => handle.executeSql(text, values) }, schedule: false });
  boss.on('error', (error) => log.error({ err: error }, 'LRS queue error'));
  await boss.start();
  const retry = { retryLimit: lrs.retryLimit, retryDelay: lrs.retryDelaySeconds, retryBackoff: true };
  // createQueue keeps the options of a queue that exists; updateQueue applies changed settings.
  await boss.createQueue(QUEUE, { name: QUEUE, ...retry });
  await boss.updateQueue(QUEUE, { name: QUEUE, ...retry });

  await boss.work<{ deliveryId: string }>(QUEUE, { pollingIntervalSeconds: 1, includeMetadata: true }, async (jobs) => {
    for (const job of jobs) await deliver(handle, packs, lrs, baseUrl, log, job.data.deliveryId, job.retryCount >= job.retryLimit);
  });

  return {
    baseUrl,
    async enqueue(trx, delivery) {
      const { id } = await insertLrsDelivery(trx, delivery);
      await boss.send(QUEUE, { deliveryId: id }, { ...retry, db: inTransaction(trx) });
      return id;
    },
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }),
  };
}

async function deliver(handle: DatabaseHandle, packs: PackVersions, lrs: LrsConfig, baseUrl: string, log: Logger, deliveryId: string, lastAttempt: boolean) {
  const { db } = handle;
  const delivery = await findLrsDelivery(db, deliveryId);
  // The run was deleted, or this delivery already finished: nothing to send.
  if (!delivery || delivery.state === 'sent') return;
  try {
    const statements = await getStatementsOfRun(db, packs, delivery.runId, baseUrl);
    if (!statements) return;
    await startLrsAttempt(db, deliveryId, statements.length);
    const sent = await listSentStatementIds(db, deliveryId);
    for (const statement of statements) {
      if (sent.has(statement.id)) continue;
      await putStatement(lrs, statement);
      await insertSentStatement(db, deliveryId, statement.id);
    }
    await finishLrsAttempt(db, deliveryId, 'sent', null);
    log.info({ deliveryId, runId: delivery.runId, statements: statements.length }, 'statements sent to the LRS');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Marks that are no longer final cannot be sent by retrying: the lead sends again once they are.
    const permanent = error instanceof DomainError;
    await finishLrsAttempt(db, deliveryId, permanent || lastAttempt ? 'failed' : 'retrying', message);
    log.warn({ deliveryId, runId: delivery.runId, err: error }, permanent || lastAttempt ? 'LRS delivery failed' : 'LRS delivery will be retried');
    if (!permanent) throw error;
  }
}

/** One statement, PUT by its id (xAPI 1.0.3, Statement Resource). 204 stored; 409 the store has that id already. */
async function putStatement(lrs: LrsConfig, statement: XapiStatement): Promise<void> {
  const url = new URL('statements', lrs.endpoint);
  url.searchParams.set('statementId', statement.id);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'application/json',
        'x-experience-api-version': '1.0.3',
        authorization: `Basic ${Buffer.from(`${lrs.username}:${lrs.password}`).toString('base64')}`,
      },
      body: JSON.stringify(statement),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw new Error(`The learning record store could not be reached: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  await response.body?.cancel();
  if (response.status === 204 || response.status === 200 || response.status === 409) return;
  throw new Error(`The learning record store answered ${response.status} ${response.statusText} for statement ${statement.id}`);
}
