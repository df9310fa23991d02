/**
 * Measures embedded start-up: starts a server command on a new, empty data folder, times it from
 * spawn to its first answered `GET /api/health`, then reads the resident memory of the whole process
 * tree (npm and tsx start children) from /proc, and stops it. Linux only (it reads /proc).
 *
 *   npm run start-time -- [--runs 3] [--existing] [-- <command…>]   (default command: node dist/server/main.js)
 *
 * `--existing` times a second start on the same folder (migrated, demo content already there).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

interface Sample {
  readonly firstRequestMs: number;
  /** Resident memory of every process in the tree once it answered (MiB). */
  readonly residentMiB: number;
  /** The largest resident set any one process of the tree reached (MiB). */
  readonly peakMiB: number;
}

const args = process.argv.slice(2);
const separator = args.indexOf('--');
const options = separator < 0 ? args : args.slice(0, separator);
const command = separator < 0 ? ['node', 'dist/server/main.js'] : args.slice(separator + 1);
const runs = Number(options[options.indexOf('--runs') + 1] ?? 3) || 3;
const existing = options.includes('--existing');

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The parent pid is the 4th field, after the command name in parentheses (which may hold spaces).
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

function tree(pid: number): number[] {
  return [pid, ...childrenOf(pid).flatMap(tree)];
}

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function startOnce(dataDir: string, port: number): Promise<Sample> {
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`${command.join(' ')} exited before answering`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) break;
      } catch {
        // Not listening yet.
      }
      await sleep(20);
    }
    const firstRequestMs = performance.now() - started;
    const pids = tree(child.pid!);
    const residentMiB = pids.reduce((sum, pid) => sum + statusKiB(pid, 'VmRSS'), 0) / 1024;
    const peakMiB = Math.max(...pids.map((pid) => statusKiB(pid, 'VmHWM'))) / 1024;
    return { firstRequestMs, residentMiB, peakMiB };
  } finally {
    if (!exited) {
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
}

/** A port nothing listens on now (a random one could be a connection's ephemeral port). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const samples: Sample[] = [];
for (let run = 0; run < runs; run += 1) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearse-start-'));
  try {
    if (existing) await startOnce(path.join(dataDir, 'data'), await freePort());
    const sample = await startOnce(path.join(dataDir, 'data'), await freePort());
    samples.push(sample);
    console.log(
      `run ${run + 1}: first request after ${sample.firstRequestMs.toFixed(0)} ms, resident ${sample.residentMiB.toFixed(0)} MiB (tree), peak ${sample.peakMiB.toFixed(0)} MiB (largest process)`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(
  `${command.join(' ')} on ${existing ? 'an existing' : 'a new'} data folder, median of ${runs}: ` +
    `${median(samples.map((s) => s.firstRequestMs)).toFixed(0)} ms to first request, ` +
    `${median(samples.map((s) => s.residentMiB)).toFixed(0)} MiB resident, ${median(samples.map((s) => s.peakMiB)).toFixed(0)} MiB peak; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
);
