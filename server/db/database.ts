/**
 * Opens the system of record: a PostgreSQL server through a `pg` pool when DATABASE_URL is set, or
 * embedded PostgreSQL (PGlite) in a data folder otherwise. Both are used through the same typed
 * Kysely instance, so no other module knows which engine it runs on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import { StartupError } from '../startup-error.js';
import { LOCK_FILE_NAME, lockDataFolder } from './data-folder-lock.js';
import { fillNewFolderFromTemplate, type TemplateContent } from './embedded-template.js';
import { preparingPool } from './prepared-statements.js';
import type { DB } from './types.js';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  db: Database;
  engine: DatabaseConfig['engine'];
  /** A connection string or data folder with any password removed, for logs. */
  location: string;
  /**
   * Runs SQL a library brings (the LRS job queue, pg-boss): with values, one statement; without,
   * possibly several. Rows come back as the database names them, without the camelCase plugin.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
}

const INT8_OID = 20;
const DATE_OID = 1082;
// Tables and columns are snake_case in SQL and camelCase in TypeScript (the generated types agree).
// The contents of JSON columns are ours and camelCase already: converting every nested key of a
// pack on each read would be work for nothing.
const plugins = [new CamelCasePlugin({ maintainNestedObjectKeys: true })];

export interface OpenOptions {
  /** Embedded only: start from this dump (PGlite `dumpDataDir`) instead of an empty cluster; tests use a migrated one. */
  embeddedDump?: Blob;
  /** Embedded only: what a new data folder starts with, from the build's templates (default: the schema). */
  newFolder?: TemplateContent;
}

export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<DatabaseHandle> {
  return config.engine === 'postgres'
    ? openServerDatabase(config.url, config.poolSize)
    : openEmbeddedDatabase(config.dataDir, options.embeddedDump, options.newFolder ?? 'schema');
}

async function openServerDatabase(url: string, poolSize: number): Promise<DatabaseHandle> {
  const location = redactPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    // PGlite returns counts (int8) as numbers and pg as strings; agree on numbers. Our int8 values
    // are counts and sequence numbers far below 2^53. Dates stay 'YYYY-MM-DD' strings: pg would
    // make them midnight in the server's local time zone.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : oid === DATE_OID
            ? (value: string) => value
            : pg.types.getTypeParser(oid, format),
    },
  });
  // An idle client losing its server (restart, failover) must not crash the process.
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }), plugins });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw new StartupError(`Cannot connect to the PostgreSQL server at DATABASE_URL (${location}): ${describeError(error)}`);
  }
  return {
    db,
    engine: 'postgres',
    location,
    // pg sends a query without values as a simple query, which may hold several statements.
    executeSql: async (text, values) => ({ rows: (await pool.query(text, values && values.length > 0 ? values : undefined)).rows }),
    close: () => db.destroy(),
  };
}

async function openEmbeddedDatabase(dataDir: string, dump: Blob | undefined, newFolder: TemplateContent): Promise<DatabaseHandle> {
  let unlock = () => {};
  if (dataDir !== 'memory://') {
    prepareDataFolder(dataDir);
    unlock = lockDataFolder(dataDir);
  }
  let client: PGlite;
  try {
    // Dates as 'YYYY-MM-DD' strings, as on the server (see openServerDatabase). A new folder starts
    // from the build's template rather than initdb (embedded-template.ts).
    if (!dump && dataDir !== 'memory://') fillNewFolderFromTemplate(dataDir, newFolder);
    const options = {
      parsers: { [DATE_OID]: (value: string) => value },
      // PostgreSQL's default 128 MB of shared buffers would sit in PGlite's WebAssembly memory beside
      // the 128 MB the module itself starts with; the buffers only cache what the operating system's
      // page cache under PGlite's files holds too, and an exercise day's database is far smaller.
      postgresqlconf: 'shared_buffers = 16MB',
      ...(dump ? { loadDataDir: dump } : {}),
    };
    client = await PGlite.create(dataDir === 'memory://' ? options : { ...options, dataDir });
  } catch (error) {
    unlock();
    throw new StartupError(`Cannot open the embedded database in DATA_DIR (${dataDir}): ${describeError(error)}`);
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client), plugins });
  return {
    db,
    engine: 'embedded',
    location: dataDir,
    // Through Kysely's driver, which hands PGlite's one connection to one user at a time, so a
    // library's statement never lands inside a transaction the app has open.
    executeSql: (text, values) =>
      db.connection().execute(async () => {
        if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }),
    close: async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

/**
 * The data folder must be a folder we can write, and hold a Rehearse database or nothing: a folder
 * of someone's other files is refused rather than filled with a database beside them.
 */
function prepareDataFolder(dataDir: string): void {
  try {
    makeFolder(dataDir);
    // access(W_OK) says yes to root on read-only file systems and /proc; writing a file is the proof.
    const probe = path.join(dataDir, `.rehearse-write-check-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.rmSync(probe);
  } catch (error) {
    throw new StartupError(`DATA_DIR (${dataDir}) is not a writable folder: ${describeError(error)}`);
  }
  const unrelated = fs
    .readdirSync(dataDir)
    .filter((name) => !name.startsWith('.') && name !== 'lost+found' && name !== LOCK_FILE_NAME);
  if (unrelated.length > 0 && !unrelated.includes('PG_VERSION')) {
    const shown = unrelated.slice(0, 3).join(', ') + (unrelated.length > 3 ? ', …' : '');
    throw new StartupError(
      `DATA_DIR (${dataDir}) holds other files (${shown}) and no Rehearse database: set DATA_DIR to a new or empty folder, or to the folder of an existing Rehearse database`,
    );
  }
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdir retries for ever where mkdir answers ENOENT
 * for a parent that exists (/proc/x), which would hang the start.
 */
function makeFolder(folder: string): void {
  const missing: string[] = [];
  let current = path.resolve(folder);
  while (!fs.existsSync(current)) {
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const level of missing) fs.mkdirSync(level);
  if (!fs.statSync(folder).isDirectory()) {
    throw Object.assign(new Error('it is a file, not a folder'), { code: 'ENOTDIR' });
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'an unparseable URL';
  }
}

export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code} ${error.message}` : error.message;
  }
  // PGlite's file system throws plain objects ({ errno, code? }), which String() shows as [object Object].
  if (error !== null && typeof error === 'object') {
    const { code, errno, message } = error as { code?: unknown; errno?: unknown; message?: unknown };
    const parts = [code, typeof message === 'string' ? message : undefined, errno !== undefined && code === undefined ? `error number ${String(errno)}` : undefined];
    const described = parts.filter((part) => part !== undefined && part !== '').join(' ');
    return described || 'an unknown error';
  }
  return String(error);
}
