/**
 * Crash test: simulated teams autosave through the HTTP API as the team page does (join, CSRF token,
 * an idempotency key per change, the revision the screen showed; a write that was not acknowledged
 * stays in the outbox and is sent again with the same key once the server answers), while the server
 * process is SIGKILLed at random and restarted, and a lossy proxy between them drops a few responses
 * after the server has sent them (a write saved, its acknowledgement lost). Afterwards every acknowledged save must be there
 * exactly once: each item's answer is the last acknowledged value at the last acknowledged revision,
 * and each acknowledged decision appears once in the team's log.
 *
 *   npm run crash-test                          both engines, 30 teams, 10 kills each
 *   npm run crash-test -- --quick               5 kills each, shorter (CI runs this from a test)
 *   npm run crash-test -- --engine=embedded     or --engine=postgres; --teams=N, --kills=N, --drop-rate=0.03
 *   npm run crash-test -- --new-key-on-retry    a client without idempotency keys: shows that the
 *                                               check catches the duplicates such a client causes
 *
 * PostgreSQL: a fresh database is created on the server named by DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards. Embedded: a fresh DATA_DIR.
 * Exits 1 if any acknowledged save is missing or duplicated, or if the server cannot restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parse } from 'yaml';
import { insertOrganisation } from '../server/accounts/queries.js';
import { createStaffAccount } from '../server/accounts/staff-accounts.js';
import type { DatabaseConfig } from '../server/config.js';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrator.js';
import { importShippedPacksIntoEmptyDatabase, shippedPacksFolder } from '../server/packs/shipped-packs.js';

interface Options {
  /** The share of the server's answers the proxy cuts off. */
  dropRate: number;
  /** Send each retry under a new idempotency key, as a careless client would (the check must then fail). */
  newKeyOnRetry: boolean;
  engines: Array<'postgres' | 'embedded'>;
  teams: number;
  kills: number;
  /** Milliseconds between the server answering and the next SIGKILL (random within). */
  upMs: [number, number];
}

function parseOptions(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
  const engine = value('engine') ?? 'both';
  if (!['both', 'postgres', 'embedded'].includes(engine)) throw new Error('--engine must be postgres, embedded or both');
  return {
    newKeyOnRetry: argv.includes('--new-key-on-retry'),
    dropRate: Number(value('drop-rate') ?? 0.03),
    engines: engine === 'both' ? ['postgres', 'embedded'] : [engine as 'postgres' | 'embedded'],
    teams: Number(value('teams') ?? 30),
    kills: Number(value('kills') ?? (quick ? 5 : 10)),
    upMs: quick ? [1500, 3000] : [1500, 4000],
  };
}

const projectRoot = path.resolve(import.meta.dirname, '..');
// The shipped pack's current version, as the demo imports it.
const PACK = { packId: 'iioc-kirat', version: String(parse(readFileSync(path.join(shippedPacksFolder, 'iioc-kirat', 'pack.yaml'), 'utf8')).version) };
/** Text items of the shipped IIOC pack's instrument: each team keeps rewriting them, as typing does. */
const ITEMS = ['platform', 'work-details', 'priority-rationale'];
const PASSWORD = 'crash test password, long enough';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([low, high]: [number, number]) => low + Math.random() * (high - low);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A TCP proxy in front of the server that, now and then, cuts the connection as the server's answer
 * comes back: the request was handled (a save committed) but the client never hears so, as when a
 * train goes into a tunnel. SIGKILL alone rarely lands in that window; this makes it common.
 */
class LossyProxy {
  dropped = 0;
  private readonly server = net.createServer((client) => {
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    const cut = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', cut);
    upstream.on('close', cut);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (Math.random() < this.dropRate) {
        this.dropped += 1;
        cut();
      } else {
        client.write(chunk);
      }
    });
  });
  constructor(
    private readonly upstreamPort: number,
    private readonly dropRate: number,
  ) {}

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Servers still running, killed if this script is stopped or fails, so none outlives it. */
const running = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    process.exit(1);
  });
}

/** The server under test, as its own process (node + tsx, no npm in between, so SIGKILL reaches it). */
class ServerProcess {
  private child: ChildProcess | undefined;
  private output = '';
  starts = 0;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly baseUrl: string,
  ) {}

  async start(): Promise<number> {
    const started = Date.now();
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: projectRoot, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    child.once('exit', () => running.delete(child));
    this.child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const exited = new Promise<never>((_, reject) =>
      this.child!.once('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}) while starting:\n${this.output}`))),
    );
    exited.catch(() => undefined);
    for (;;) {
      if (Date.now() - started > 60_000) throw new Error(`the server did not answer within 60 s:\n${this.output}`);
      const healthy = await Promise.race([
        fetch(`${this.baseUrl}/api/health`).then((response) => response.ok, () => false),
        exited,
      ]);
      if (healthy) break;
      await sleep(100);
    }
    this.starts += 1;
    return Date.now() - started;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  /** A clean stop, so the embedded database is closed before the checks read it. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
}

type Json = Record<string, unknown>;

/** An HTTP call that throws NetworkDown when the server is not there, as fetch does in a browser. */
class NetworkDown extends Error {}

async function call(baseUrl: string, method: string, url: string, headers: Record<string, string>, body?: unknown): Promise<{ status: number; json: Json; setCookie: string[] }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new NetworkDown(String(error));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new NetworkDown(String(error));
  }
  // The outbox retries a server error as it retries a dropped connection; a 4xx it does not.
  if (response.status >= 500) throw new NetworkDown(`${response.status} ${text}`);
  return { status: response.status, json: text ? (JSON.parse(text) as Json) : {}, setCookie: response.headers.getSetCookie() };
}

/** Calls until the server answers: the outbox's retry after a dropped connection. */
async function untilAnswered<T>(attempt: () => Promise<T>, counters: { retries: number }): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof NetworkDown)) throw error;
      counters.retries += 1;
      await sleep(100 + Math.random() * 200);
    }
  }
}

function cookieFrom(setCookie: string[], name: string): string {
  const found = setCookie.find((cookie) => cookie.startsWith(`${name}=`));
  if (!found) throw new Error(`no ${name} cookie`);
  return found.split(';')[0]!;
}

interface Acknowledged {
  answers: Map<string, { value: string; revision: number }>;
  decisions: Set<string>;
}

/** One team's device: an outbox of changes, sent one at a time, each retried with its own key until answered. */
async function runTeam(
  baseUrl: string,
  joinCode: string,
  teamId: string,
  until: () => boolean,
  counters: { retries: number; saves: number; decisions: number },
  newKeyOnRetry: boolean,
) {
  const keyed = <T extends { idempotencyKey: string }>(body: T): T => (newKeyOnRetry ? { ...body, idempotencyKey: randomUUID() } : body);
  const joined = await untilAnswered(() => call(baseUrl, 'POST', '/api/join', {}, { joinCode, teamId }), counters);
  if (joined.status !== 200) throw new Error(`join failed: ${joined.status} ${JSON.stringify(joined.json)}`);
  const headers = { cookie: cookieFrom(joined.setCookie, 'rh_team'), 'x-csrf-token': String(joined.json.csrfToken) };
  const scenario = await untilAnswered(() => call(baseUrl, 'GET', '/api/team/scenario', headers), counters);
  const point = (scenario.json.scenario as { decisionPoints: Array<{ id: string; options: Array<{ id: string }> }> }).decisionPoints[0]!;

  const acknowledged: Acknowledged = { answers: new Map(), decisions: new Set() };
  let typed = 0;
  while (!until()) {
    typed += 1;
    if (typed % 5 === 0) {
      const idempotencyKey = randomUUID();
      const body = {
        decisionId: point.id,
        options: [point.options[0]!.id],
        justification: { information: `entry ${typed}`, threatAndRisk: 't', powersAndPolicy: 'p', options: 'o', actionAndReview: 'a' },
        idempotencyKey,
      };
      const answer = await untilAnswered(() => call(baseUrl, 'POST', '/api/team/decisions', headers, keyed(body)), counters);
      if (answer.status !== 201) throw new Error(`decision refused: ${answer.status} ${JSON.stringify(answer.json)}`);
      acknowledged.decisions.add(String(answer.json.id));
      counters.decisions += 1;
      continue;
    }
    const itemId = ITEMS[typed % ITEMS.length]!;
    const value = `${teamId.slice(0, 8)} typed ${typed}`;
    const baseRevision = acknowledged.answers.get(itemId)?.revision ?? 0;
    const body = { value, baseRevision, idempotencyKey: randomUUID() };
    const answer = await untilAnswered(() => call(baseUrl, 'PUT', `/api/team/answers/${itemId}`, headers, keyed(body)), counters);
    if (answer.status === 409 && newKeyOnRetry) {
      // Its first attempt had been saved after all; without the key the retry looks like a stale screen.
      const theirs = (answer.json.conflict as { theirs: { value: string; revision: number } }).theirs;
      acknowledged.answers.set(itemId, { value: theirs.value, revision: theirs.revision });
      continue;
    }
    if (answer.status !== 200) throw new Error(`save refused: ${answer.status} ${JSON.stringify(answer.json)}`);
    acknowledged.answers.set(itemId, { value: String(answer.json.value), revision: Number(answer.json.revision) });
    counters.saves += 1;
  }
  return { headers, acknowledged };
}

interface EngineResult {
  engine: string;
  droppedResponses: number;
  teams: number;
  kills: number;
  acknowledgedSaves: number;
  acknowledgedDecisions: number;
  retriesAfterDrops: number;
  missing: number;
  duplicated: number;
  wrongValue: number;
  restartMs: number[];
}

async function prepare(config: DatabaseConfig): Promise<{ email: string; oneTimePassword: string }> {
  const handle = await openDatabase(config);
  try {
    await migrateToLatest(handle.db);
    await importShippedPacksIntoEmptyDatabase(handle.db);
    const organisationId = await insertOrganisation(handle.db, 'crash-test', 'Crash test police');
    const email = 'crash-lead@example.org';
    const { oneTimePassword } = await createStaffAccount(handle.db, { organisationId, email, displayName: 'Crash lead', role: 'lead' });
    return { email, oneTimePassword };
  } finally {
    await handle.close();
  }
}

/** Two live runs (a run has at most 20 teams) with the teams spread over the pack's scenarios. */
async function createRuns(baseUrl: string, account: { email: string; oneTimePassword: string }, teams: number) {
  const signedIn = await call(baseUrl, 'POST', '/api/auth/sign-in', {}, { email: account.email, password: account.oneTimePassword });
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.json)}`);
  const headers = { cookie: cookieFrom(signedIn.setCookie, 'rh_session'), 'x-csrf-token': String(signedIn.json.csrfToken) };
  const changed = await call(baseUrl, 'POST', '/api/auth/password', headers, { currentPassword: account.oneTimePassword, newPassword: PASSWORD });
  if (changed.status !== 204) throw new Error(`password change failed: ${JSON.stringify(changed.json)}`);
  const scenarios = ['family-home', 'lone-subscriber', 'swimming-teacher'];
  // Each team joins with its own code: a join retried after a lost answer finds the team already joined.
  const runs: Array<{ teams: Array<{ id: string; joinCode: string }> }> = [];
  for (let first = 0; first < teams; first += 20) {
    const count = Math.min(20, teams - first);
    const created = await call(baseUrl, 'POST', '/api/runs', headers, {
      ...PACK,
      cohortLabel: `Crash test ${first / 20 + 1}`,
      exerciseDate: '2026-12-01',
      teams: Array.from({ length: count }, (_, index) => ({ name: `Team ${first + index + 1}`, scenarioId: scenarios[(first + index) % scenarios.length]! })),
    });
    if (created.status !== 201) throw new Error(`run not created: ${JSON.stringify(created.json)}`);
    const runId = String(created.json.id);
    for (const to of ['open', 'live']) {
      const moved = await call(baseUrl, 'POST', `/api/runs/${runId}/transitions`, headers, { to });
      if (moved.status !== 200) throw new Error(`run not moved to ${to}: ${JSON.stringify(moved.json)}`);
    }
    runs.push({ teams: (created.json.teams as Array<{ id: string; joinCode: string }>).map((team) => ({ id: team.id, joinCode: team.joinCode })) });
  }
  return runs;
}

async function runEngine(engine: 'postgres' | 'embedded', options: Options): Promise<EngineResult> {
  let config: DatabaseConfig;
  let cleanUp: () => Promise<void>;
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', LOAD_DEMO_CONTENT: 'false', HOST: '127.0.0.1', NODE_ENV: 'production' };
  if (engine === 'postgres') {
    const adminUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `rehearse_crash_${randomBytes(5).toString('hex')}`;
    await withAdmin(adminUrl, (client) => client.query(`create database ${name}`));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    config = { engine: 'postgres', url: url.toString(), poolSize: 10 };
    env.DATABASE_URL = url.toString();
    delete env.DATA_DIR;
    cleanUp = () => withAdmin(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
  } else {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'rehearse-crash-')), 'data');
    config = { engine: 'embedded', dataDir };
    env.DATA_DIR = dataDir;
    delete env.DATABASE_URL;
    cleanUp = () => rm(path.dirname(dataDir), { recursive: true, force: true });
  }

  let server: ServerProcess | undefined;
  try {
    const account = await prepare(config);
    const port = await freePort();
    env.PORT = String(port);
    server = new ServerProcess(env, `http://127.0.0.1:${port}`);
    const restartMs: number[] = [await server.start()];
    const runs = await createRuns(server.baseUrl, account, options.teams);

    const proxy = new LossyProxy(port, options.dropRate);
    const teamsUrl = await proxy.listen();
    let killing = true;
    const counters = { retries: 0, saves: 0, decisions: 0 };
    const teams = runs.flatMap((run) => run.teams.map((team) => runTeam(teamsUrl, team.joinCode, team.id, () => !killing, counters, options.newKeyOnRetry)));
    let kills = 0;
    for (; kills < options.kills; kills += 1) {
      await sleep(between(options.upMs));
      await server.kill();
      await sleep(Math.random() * 300);
      restartMs.push(await server.start());
    }
    // Let every outbox drain against a server that stays up.
    await sleep(between(options.upMs));
    killing = false;
    const devices = await Promise.all(teams);
    await proxy.close();

    // What each team's page would show after a reload, against what it was told was saved.
    let missing = 0;
    let duplicated = 0;
    let wrongValue = 0;
    for (const { headers, acknowledged } of devices) {
      const work = (await call(server.baseUrl, 'GET', '/api/team/work', headers)).json as {
        answers: Record<string, { value: unknown; revision: number }>;
        decisions: Array<{ id: string }>;
      };
      for (const [itemId, saved] of acknowledged.answers) {
        const stored = work.answers[itemId];
        if (!stored) missing += 1;
        else if (stored.value !== saved.value) wrongValue += 1;
        else if (stored.revision !== saved.revision) duplicated += 1; // a replayed write counted twice bumps the revision
      }
      for (const id of acknowledged.decisions) {
        const copies = work.decisions.filter((decision) => decision.id === id).length;
        if (copies === 0) missing += 1;
        if (copies > 1) duplicated += copies - 1;
      }
      // A decision the team was never told about would be a retry written twice under two ids.
      duplicated += work.decisions.filter((decision) => !acknowledged.decisions.has(decision.id)).length;
    }
    await server.stop();
    return {
      engine,
      droppedResponses: proxy.dropped,
      teams: devices.length,
      kills,
      acknowledgedSaves: counters.saves,
      acknowledgedDecisions: counters.decisions,
      retriesAfterDrops: counters.retries,
      missing,
      duplicated,
      wrongValue,
      restartMs,
    };
  } finally {
    await server?.kill();
    await cleanUp();
  }
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  let failed = false;
  for (const engine of options.engines) {
    const started = Date.now();
    const result = await runEngine(engine, options);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const ok = result.missing === 0 && result.duplicated === 0 && result.wrongValue === 0 && result.kills >= Math.min(5, options.kills);
    failed ||= !ok;
    const restarts = result.restartMs.slice(1);
    console.log(
      `crash-test ${engine}: ${ok ? 'PASS' : 'FAIL'} ${result.teams} teams, ${result.kills} SIGKILLs, ` +
        `${result.acknowledgedSaves} acknowledged answer saves + ${result.acknowledgedDecisions} acknowledged decisions, ` +
        `${result.droppedResponses} answers cut off after the server sent them, ${result.retriesAfterDrops} retries after dropped connections; missing ${result.missing}, duplicated ${result.duplicated}, ` +
        `wrong value ${result.wrongValue}; first start ${result.restartMs[0]} ms, restart after SIGKILL to first answer ${Math.min(...restarts)}–${Math.max(...restarts)} ms; ${seconds} s`,
    );
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error('crash-test could not run:', error);
  process.exit(1);
});
