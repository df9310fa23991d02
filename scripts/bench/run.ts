/**
 * `npm run bench` — how fast the app is where it is used, against references measured in the same run.
 *
 *   npm run bench                      every measurement, runs of 20, 200 and 500 teams, 300 teams for the release
 *   npm run bench -- --quick           a short pass that only shows it all runs (CI)
 *   npm run bench -- --only=autosave   one group: autosave, endpoints, report, release (comma separated)
 *   BENCH_CPU_PROFILE=<folder>         the server process writes a V8 CPU profile into the folder
 *
 * A fresh database is created on the PostgreSQL server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped afterwards; the app runs in a child process
 * (scripts/bench/server.ts), autocannon drives it from this one. The machine is shared, so nothing is
 * read as an absolute figure: each measurement alternates app and reference in short rounds (the bare
 * one-upsert route for autosave, `/api/health` as the floor for everything else) and the ratio is the
 * figure that counts. Writes bench/results.json and prints a Markdown table.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import pg from 'pg';
import type { Headers, Seed } from './seed.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const wanted = (group: string) => !only || only.includes(group);
const SIZES = quick ? [20, 40] : [20, 200, 500];
const RELEASE_TEAMS = quick ? 20 : 300;
const ROUNDS = quick ? 1 : 3;
const SECONDS = quick ? 1 : 3;
const projectRoot = path.resolve(import.meta.dirname, '../..');

interface Side {
  rps: number;
  p99: number;
  /** Responses that were not 2xx, and socket errors: a figure with any of these is not a fair one. */
  failed: number;
}

interface Row {
  what: string;
  teams: number | null;
  app: Side | { p50: number; p95: number } | { p99: number; max: number };
  reference: Side | null;
  ratio: number | null;
  goal: string;
  held: boolean | null;
}

const rows: Row[] = [];

// ---------------------------------------------------------------------------------------------
// Driving requests

type Cannon = Omit<autocannon.Options, 'url' | 'duration'>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cannon(url: string, options: Cannon): Promise<Side> {
  const result = await autocannon({ url, duration: SECONDS, ...options });
  // autocannon hangs up on requests still in flight, but the server finishes them: let it, so the
  // next measurement does not pay for this one's leftovers.
  await settle(new URL(url).origin);
  const refused = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'));
  if (refused.length > 0 || result.errors > 0) console.warn(`${url}: ${refused.map(([code, { count }]) => `${count} × ${code}`).join(', ')}${result.errors > 0 ? ` ${result.errors} errors` : ''}`);
  return { rps: result.requests.total / SECONDS, p99: result.latency.p99, failed: result.non2xx + result.errors + result.timeouts };
}

/** Waits until the server answers its health check quickly again. */
async function settle(origin: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const started = performance.now();
    await fetch(`${origin}/api/health`).then((response) => response.arrayBuffer(), () => undefined);
    if (performance.now() - started < 50) return;
    await sleep(100);
  }
}

/**
 * App and reference in alternating rounds; the means over rounds, so both saw the same load. Each
 * side first runs one round that is not counted: V8 compiles a code path's hot functions in its first
 * seconds, and that start-up belongs to neither side's steady state.
 */
async function interleaved(app: () => Promise<Side>, reference: () => Promise<Side>): Promise<{ app: Side; reference: Side }> {
  if (!quick) {
    await app();
    await reference();
  }
  const apps: Side[] = [];
  const references: Side[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    apps.push(await app());
    references.push(await reference());
  }
  const mean = (sides: Side[]): Side => ({
    rps: sides.reduce((sum, side) => sum + side.rps, 0) / sides.length,
    p99: sides.reduce((sum, side) => sum + side.p99, 0) / sides.length,
    failed: sides.reduce((sum, side) => sum + side.failed, 0),
  });
  return { app: mean(apps), reference: mean(references) };
}

function json(headers: Headers): Record<string, string> {
  return { ...headers, 'content-type': 'application/json' };
}

// ---------------------------------------------------------------------------------------------
// The measurements

async function benchAutosave(appUrl: string, referenceUrl: string, seed: Seed): Promise<void> {
  const teams = seed.runs.release!.teams;
  const itemId = seed.textItems[0]!;
  // Each connection is one team's screen typing into one item, sending the revision it last saw. A
  // connection has one request in flight, so a slot taken for a request and given back with its
  // answer is never written twice at once (autocannon resets a connection's context between requests).
  const revisions = new Map<number, number>();
  const slotPool = (size: number) => {
    const free = Array.from({ length: size }, (_, slot) => slot);
    let extra = size;
    return { take: () => free.shift() ?? extra++, give: (slot: number) => free.push(slot) };
  };
  for (const connections of [10, 100]) {
    const slots = Math.min(connections, teams.length);
    const app = async () => {
      // A round ends with requests in flight whose answers autocannon drops: read where each team is.
      await Promise.all(
        teams.slice(0, slots).map(async (team, slot) => {
          const work = (await (await fetch(`${appUrl}/api/team/work`, { headers: team.headers! })).json()) as { answers: Record<string, { revision: number }> };
          revisions.set(slot, work.answers[itemId]?.revision ?? 0);
        }),
      );
      const pool = slotPool(slots);
      return cannon(appUrl, {
        connections: slots,
        requests: [
          {
            setupRequest: (request, context: { slot?: number }) => {
              context.slot = pool.take();
              const team = teams[context.slot % teams.length]!;
              return {
                ...request,
                method: 'PUT',
                path: `/api/team/answers/${itemId}`,
                headers: json(team.headers!),
                body: JSON.stringify({ value: `Typed ${randomBytes(6).toString('hex')}`, baseRevision: revisions.get(context.slot) ?? 0, idempotencyKey: randomUUID() }),
              };
            },
            onResponse: (status, body, context: { slot?: number }) => {
              if (status === 200) revisions.set(context.slot!, (JSON.parse(body) as { revision: number }).revision);
              pool.give(context.slot!);
            },
          },
        ],
      });
    };
    const reference = () => {
      const pool = slotPool(slots);
      return cannon(referenceUrl, {
        connections: slots,
        requests: [
          {
            setupRequest: (request, context: { slot?: number }) => {
              context.slot = pool.take();
              return { ...request, method: 'PUT', path: `/answers/${context.slot}`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: `Typed ${randomBytes(6).toString('hex')}` }) };
            },
            onResponse: (_status, _body, context: { slot?: number }) => {
              pool.give(context.slot!);
            },
          },
        ],
      });
    };
    const measured = await interleaved(app, reference);
    const ratio = measured.app.rps / measured.reference.rps;
    const p99Ratio = measured.app.p99 / Math.max(measured.reference.p99, 1);
    rows.push({
      what: `Team autosave, ${slots} connections`,
      teams: null,
      ...measured,
      ratio,
      goal: `≥ 0.5× req/s, p99 ≤ 2× (p99 ratio ${p99Ratio.toFixed(2)})`,
      held: ratio >= 0.5 && p99Ratio <= 2 && measured.app.failed === 0,
    });
  }
}

interface Endpoint {
  what: string;
  /** Per-team endpoints cost the same whatever the run's size; run-level ones may grow with it. */
  level: 'team' | 'run';
  options: (run: Seed['runs'][string], seed: Seed) => Cannon & { path?: string };
}

const before: Endpoint[] = [
  { what: 'Team workspace open (GET /api/team/work)', level: 'team', options: (run) => ({ headers: run.teams[0]!.headers!, path: '/api/team/work' }) },
  { what: 'Board (GET console)', level: 'run', options: (run, seed) => ({ headers: seed.lead, path: `/api/runs/${run.id}/console` }) },
  {
    what: 'Marking save (PUT mark)',
    level: 'team',
    options: (run, seed) => {
      let count = 0;
      const { teamId, criterionId, levelIds } = run.markable;
      return {
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'PUT',
              path: `/api/runs/${run.id}/teams/${teamId}/marks/${criterionId}`,
              headers: json(seed.assessor),
              body: JSON.stringify({ levelId: levelIds[count++ % levelIds.length], comment: 'Seen in the log.' }),
            }),
          },
        ],
      };
    },
  },
  { what: 'Agreement (GET agreement)', level: 'run', options: (run, seed) => ({ headers: seed.lead, path: `/api/runs/${run.id}/agreement` }) },
];
const after: Endpoint[] = [
  { what: 'Results (GET /api/team/results)', level: 'team', options: (run) => ({ headers: run.teams[0]!.headers!, path: '/api/team/results' }) },
  { what: 'Debrief (GET debrief)', level: 'run', options: (run, seed) => ({ headers: seed.lead, path: `/api/runs/${run.id}/debrief` }) },
  { what: 'Report (GET report)', level: 'run', options: (run, seed) => ({ headers: seed.lead, path: `/api/runs/${run.id}/report` }) },
];

async function benchEndpoints(appUrl: string, seed: Seed, endpoints: Endpoint[]): Promise<void> {
  for (const endpoint of endpoints) {
    let previous: { teams: number; cost: number } | undefined;
    for (const size of SIZES) {
      const run = seed.runs[String(size)]!;
      const options = endpoint.options(run, seed);
      const { path: urlPath, ...rest } = options;
      // A run-level request of a big run takes a core for a while: with more connections than
      // cores they only queue, and the figure becomes the queue's.
      const connections = endpoint.level === 'team' ? 10 : 2;
      const measured = await interleaved(
        () => cannon(`${appUrl}${urlPath ?? ''}`, { connections, ...rest }),
        () => cannon(`${appUrl}/api/health`, { connections }),
      );
      if (measured.app.rps === 0 || measured.reference.rps === 0) {
        rows.push({ what: endpoint.what, teams: size, ...measured, ratio: null, goal: 'no response completed within a round: not measured', held: false });
        previous = undefined;
        continue;
      }
      const ratio = measured.app.rps / measured.reference.rps;
      // The cost of a request in units of the floor's, so the machine's load cancels out.
      const cost = 1 / ratio;
      let goal = 'reported against the floor';
      let held: boolean | null = measured.app.failed === 0 ? null : false;
      if (previous) {
        const growth = cost / previous.cost;
        // A team's own request should cost the same in any run (2× allows for a shared machine's
        // noise); a run-level one at most in proportion to the teams, with 20 % for noise.
        const allowed = endpoint.level === 'team' ? 2 : (1.2 * size) / previous.teams;
        goal = `cost ≤ ${allowed.toFixed(1)}× the ${previous.teams}-team run's (${growth.toFixed(2)}×)`;
        held = growth <= allowed && measured.app.failed === 0;
      }
      rows.push({ what: endpoint.what, teams: size, ...measured, ratio, goal, held });
      previous = { teams: size, cost };
    }
  }
}

/**
 * The report one request at a time: the 20-team run's p95 against its goal, and each larger run's
 * median against the one before it. The throughput rows divide by the floor measured beside them,
 * whose own noise can tip a growth ratio; a request alone on the server is timed without it.
 */
async function benchReportLatency(appUrl: string, seed: Seed): Promise<void> {
  let previous: { teams: number; p50: number } | undefined;
  for (const teams of SIZES) {
    const run = seed.runs[String(teams)]!;
    const samples = quick ? 5 : teams <= 20 ? 60 : 15;
    const durations: number[] = [];
    for (let index = 0; index <= samples; index++) {
      const started = performance.now();
      const response = await fetch(`${appUrl}/api/runs/${run.id}/report`, { headers: seed.lead });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`report answered ${response.status}`);
      if (index > 0) durations.push(performance.now() - started); // the first warms the caches
    }
    const p50 = percentile(durations, 0.5);
    const p95 = percentile(durations, 0.95);
    const what = `Report, ${teams} teams, one request at a time`;
    if (!previous) {
      rows.push({ what, teams, app: { p50, p95 }, reference: null, ratio: null, goal: 'p95 < 100 ms', held: p95 < 100 });
    } else {
      const growth = p50 / previous.p50;
      const allowed = (teams / previous.teams) * 1.2;
      rows.push({ what, teams, app: { p50, p95 }, reference: null, ratio: null, goal: `p50 ≤ ${allowed.toFixed(1)}× the ${previous.teams}-team run's (${growth.toFixed(2)}×)`, held: growth <= allowed });
    }
    previous = { teams, p50 };
  }
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** A team's event stream: resolves `next` when the next release event arrives. */
function openStream(appUrl: string, headers: Headers): Promise<{ waitForRelease: () => Promise<number>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${appUrl}/api/team/events`, { headers: { cookie: headers.cookie, accept: 'text/event-stream' } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`event stream answered ${response.statusCode}`));
      let buffer = '';
      let waiting: ((at: number) => void) | undefined;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.startsWith('event: release') && waiting) {
            waiting(performance.now());
            waiting = undefined;
          }
        }
      });
      resolve({
        waitForRelease: () => new Promise<number>((arrived) => (waiting = arrived)),
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}

async function benchRelease(appUrl: string, seed: Seed): Promise<void> {
  const run = seed.runs.release!;
  const streams = await Promise.all(run.teams.map((team) => openStream(appUrl, team.headers!)));
  const latencies: number[] = [];
  try {
    for (const contentId of seed.releaseInjects.slice(0, quick ? 1 : 5)) {
      const arrivals = streams.map((stream) => stream.waitForRelease());
      const started = performance.now();
      const response = await fetch(`${appUrl}/api/runs/${run.id}/releases`, {
        method: 'POST',
        headers: json(seed.lead),
        body: JSON.stringify({ kind: 'inject', contentId, teamIds: run.teams.map((team) => team.id) }),
      });
      if (!response.ok) throw new Error(`release answered ${response.status}: ${await response.text()}`);
      const timeout = new Promise<number[]>((_, reject) => setTimeout(() => reject(new Error('a release did not reach every stream within 30 s')), 30_000));
      const arrived = await Promise.race([Promise.all(arrivals), timeout]);
      latencies.push(...arrived.map((at) => at - started));
    }
  } finally {
    for (const stream of streams) stream.close();
  }
  const p99 = percentile(latencies, 0.99);
  rows.push({
    what: `Release to ${run.teams.length} connected teams: until every stream has it`,
    teams: run.teams.length,
    app: { p99, max: Math.max(...latencies) },
    reference: null,
    ratio: null,
    goal: 'p99 < 500 ms',
    held: p99 < 500,
  });
}

// ---------------------------------------------------------------------------------------------
// Output

function describe(side: Row['app'] | Row['reference']): string {
  if (!side) return '—';
  if ('rps' in side) return `${side.rps.toFixed(0)} req/s, p99 ${side.p99.toFixed(0)} ms${side.failed > 0 ? `, ${side.failed} FAILED` : ''}`;
  if ('p95' in side) return `p50 ${side.p50.toFixed(1)} ms, p95 ${side.p95.toFixed(1)} ms`;
  return `p99 ${side.p99.toFixed(0)} ms, max ${side.max.toFixed(0)} ms`;
}

function table(): string {
  const lines = ['| What | Teams | App | Reference | Ratio | Goal | Held |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const held = row.held === null ? '—' : row.held ? 'yes' : 'NO';
    lines.push(`| ${row.what} | ${row.teams ?? '—'} | ${describe(row.app)} | ${describe(row.reference)} | ${row.ratio === null ? '—' : `${row.ratio.toFixed(2)}×`} | ${row.goal} | ${held} |`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Set-up and tear-down

/**
 * The app runs compiled, as `npm start` runs it: the server as `npm run build` compiles it, and the
 * bench's own server and seed compiled beside it the same way (esbuild, one file per module), so
 * their imports reach dist/server. Returns the compiled bench server.
 */
async function compileServer(): Promise<string> {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'scripts/build-server.ts')], { cwd: projectRoot, stdio: 'ignore' });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: ['scripts/bench/server.ts', 'scripts/bench/seed.ts'],
    outbase: '.',
    outdir: path.join(projectRoot, 'dist'),
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  return path.join(projectRoot, 'dist/scripts/bench/server.js');
}

async function startServer(url: string): Promise<{ child: ChildProcess; appUrl: string; referenceUrl: string; seed: Seed }> {
  const compiled = await compileServer();
  // BENCH_CPU_PROFILE=<folder>: the server writes a V8 CPU profile there when it stops (where the time goes).
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROFILE)}`] : [];
  const child = spawn(process.execPath, [...profile, compiled], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, BENCH_SIZES: JSON.stringify(SIZES), BENCH_RELEASE_TEAMS: String(RELEASE_TEAMS) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as { appUrl: string; referenceUrl: string; seed: Seed }) }));
    child.once('exit', (code) => reject(new Error(`the bench server stopped (exit ${code}) before it was ready`)));
  });
}

const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
const databaseName = `rehearse_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: serverUrl.toString() });
await admin.connect();
await admin.query(`create database ${databaseName}`);
const benchUrl = new URL(serverUrl);
benchUrl.pathname = `/${databaseName}`;
let server: Awaited<ReturnType<typeof startServer>> | undefined;
try {
  const started = performance.now();
  server = await startServer(benchUrl.toString());
  console.log(`Seeded runs of ${SIZES.join(', ')} teams and a release run of ${RELEASE_TEAMS} in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  const { appUrl, referenceUrl, seed } = server;
  const loadBefore = os.loadavg();
  if (wanted('autosave')) await benchAutosave(appUrl, referenceUrl, seed);
  if (wanted('endpoints')) await benchEndpoints(appUrl, seed, before);
  if (wanted('release')) await benchRelease(appUrl, seed);
  if (wanted('endpoints') || wanted('report')) {
    for (const size of SIZES) {
      const { id } = seed.runs[String(size)]!;
      for (const body of [{ to: 'closed', confirm: true }, { to: 'results-released', provisionalReason: 'Bench: one team is still being marked.' }]) {
        const moved = await fetch(`${appUrl}/api/runs/${id}/transitions`, { method: 'POST', headers: json(seed.lead), body: JSON.stringify(body) });
        if (!moved.ok) throw new Error(`run not moved to ${body.to}: ${await moved.text()}`);
      }
    }
  }
  if (wanted('endpoints')) await benchEndpoints(appUrl, seed, after);
  if (wanted('report')) await benchReportLatency(appUrl, seed);
  const loadAfter = os.loadavg();

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load average ${loadBefore.map((value) => value.toFixed(2)).join(' ')} before and ${loadAfter.map((value) => value.toFixed(2)).join(' ')} after`;
  mkdirSync(path.join(projectRoot, 'bench'), { recursive: true });
  writeFileSync(path.join(projectRoot, 'bench/results.json'), `${JSON.stringify({ measuredAt: new Date().toISOString(), quick, machine, rounds: ROUNDS, secondsPerRound: SECONDS, rows }, null, 2)}\n`);
  console.log(`\n${table()}\n\n${machine}; ${ROUNDS} interleaved rounds of ${SECONDS} s per figure.`);
} finally {
  server?.child.send('close');
  await new Promise((resolve) => (server ? server.child.once('exit', resolve) : resolve(undefined)));
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}
