/**
 * An embedded database belongs to one process: two PGlite instances on one folder each keep their
 * own copy of the pages in memory and overwrite each other's writes. The first process to open a
 * data folder writes its PID into a lock file created exclusively; a second finds it and refuses.
 * A lock left by a process that died (SIGKILL, power cut) is stale and taken over.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../startup-error.js';

export const LOCK_FILE_NAME = 'rehearse.lock';

/** Another live process holds the folder. */
export class DataFolderInUseError extends StartupError {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR (${dataDir}) is already open in another Rehearse process (PID ${pid}): stop that one first, or set DATA_DIR to another folder`);
  }
}

interface LockContents {
  pid: number;
  host: string;
  /** When the process started (Linux clock ticks since boot), so a reused PID is not taken for it. */
  started?: string;
}

/** Folders this process holds: its own PID in a lock file is stale unless listed here. */
const heldHere = new Set<string>();

/** Takes the folder's lock or throws DataFolderInUseError; returns the function that releases it. */
export function lockDataFolder(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE_NAME);
  const mine: LockContents = { pid: process.pid, host: os.hostname(), started: startTimeOf(process.pid) };
  // Two tries: the second after removing a stale lock. Creation with 'wx' is atomic, so of two
  // processes racing for a stale lock exactly one wins.
  for (let tries = 0; tries < 2; tries++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: 'wx' });
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        process.off('exit', release);
        if (readLock(lockPath)?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      // A normal exit that skipped close() still frees the folder; a SIGKILL leaves a stale lock.
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StartupError(`DATA_DIR (${dataDir}) is not a writable folder: cannot create ${LOCK_FILE_NAME} (${(error as Error).message})`);
      }
    }
    const holder = readLock(lockPath);
    if (holder && isHeldBy(holder, lockPath)) throw new DataFolderInUseError(dataDir, holder.pid);
    fs.rmSync(lockPath, { force: true });
  }
  const holder = readLock(lockPath);
  throw new DataFolderInUseError(dataDir, holder?.pid ?? 0);
}

function readLock(lockPath: string): LockContents | undefined {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockContents>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return undefined;
    return { pid: parsed.pid, host: parsed.host, started: typeof parsed.started === 'string' ? parsed.started : undefined };
  } catch {
    // Unreadable or half written (its writer died mid-write): nobody can be holding it.
    return undefined;
  }
}

/** Whether the process that wrote the lock is still running. Another machine's PID cannot be checked. */
function isHeldBy(holder: LockContents, lockPath: string): boolean {
  if (holder.host !== os.hostname()) return true;
  // In a container the app has the same PID at every start, so its own PID is no proof of a holder.
  if (holder.pid === process.pid) return heldHere.has(lockPath);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const started = startTimeOf(holder.pid);
  return holder.started === undefined || started === undefined || started === holder.started;
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and brackets; fields after its last ')' are plain.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
