/**
 * The app's configuration, read once from the environment and validated with zod. Everything else
 * receives a typed Config object, never process.env, so tests can build an app from plain values.
 */
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './project-root.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LogLevel = z.enum(logLevels, { message: `must be one of ${logLevels.join(', ')}` });

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** proxy-addr's names for whole ranges, which Fastify's trustProxy accepts beside addresses. */
const RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const TRUST_PROXY_ADVICE =
  'must be false, the number of proxies in front of the app (e.g. 1), or their addresses or CIDR ranges separated by commas (e.g. 127.0.0.1,10.0.0.0/8)';

function isAddressOrRange(entry: string): boolean {
  if (RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Which proxies may tell us the client's address (X-Forwarded-For), protocol and host. Never
 * "everyone" (true): then any client could choose its own address and slip past the throttles.
 */
const TrustProxy = z
  .string()
  .trim()
  .transform((value, context): false | number | string[] => {
    if (['false', 'no', '0'].includes(value)) return false;
    if (/^\d+$/.test(value) && Number(value) <= 10) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isAddressOrRange)) return entries;
    const trustAll = ['true', 'yes'].includes(value);
    context.addIssue({
      code: 'custom',
      message: trustAll ? `${TRUST_PROXY_ADVICE}: "true" would let any client choose its own address` : TRUST_PROXY_ADVICE,
    });
    return z.NEVER;
  });

/** The address people type to reach the app, e.g. https://rehearse.example.org: writes must come from it. */
const PublicOrigin = z.string().transform((value, context) => {
  try {
    const url = new URL(value);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '')) return url.origin;
  } catch {
    // Reported below.
  }
  context.addIssue({ code: 'custom', message: 'must be the scheme and host people use to reach the app, such as https://rehearse.example.org' });
  return z.NEVER;
});

/** The xAPI endpoint of a learning record store: statements go to <endpoint>statements. */
const LrsEndpoint = z.string().transform((value, context) => {
  try {
    const url = new URL(value);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash) {
      return url.href.endsWith('/') ? url.href : `${url.href}/`;
    }
  } catch {
    // Reported below.
  }
  context.addIssue({ code: 'custom', message: 'must be the xAPI endpoint of your learning record store, such as https://lrs.example.org/xapi/ (credentials go in LRS_USERNAME and LRS_PASSWORD)' });
  return z.NEVER;
});

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`)
    .max(max, `must be a whole number from ${min} to ${max}`);

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a whole number between 0 and 65535' })
    .int('must be a whole number between 0 and 65535')
    .min(0, 'must be a whole number between 0 and 65535')
    .max(65535, 'must be a whole number between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\/[^\s]+$/.test(value), {
      message: 'must be a PostgreSQL URL such as postgres://user:password@host:5432/rehearse',
    })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'must be a whole number from 1 to 100' })
    .int('must be a whole number from 1 to 100')
    .min(1, 'must be a whole number from 1 to 100')
    .max(100, 'must be a whole number from 1 to 100')
    .default(10),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  LOG_LEVEL: LogLevel.default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number({ message: 'must be a whole number of bytes from 1024 to 10485760' })
    .int('must be a whole number of bytes from 1024 to 10485760')
    .min(1024, 'must be a whole number of bytes from 1024 to 10485760')
    .max(10 * 1024 * 1024, 'must be a whole number of bytes from 1024 to 10485760')
    .default(1024 * 1024),
  TRUST_PROXY: TrustProxy.default(false),
  PUBLIC_ORIGIN: PublicOrigin.optional(),
  LOAD_DEMO_CONTENT: booleanFromEnv.default(true),
  LRS_ENDPOINT: LrsEndpoint.optional(),
  LRS_USERNAME: z.string().max(500, 'must be at most 500 characters').optional(),
  LRS_PASSWORD: z.string().max(500, 'must be at most 500 characters').optional(),
  LRS_RETRY_LIMIT: wholeNumber(0, 100).default(12),
  LRS_RETRY_DELAY_SECONDS: wholeNumber(1, 3600).default(30),
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { message: 'must be development, production or test' })
    .default('development'),
});

export type DatabaseConfig =
  | { engine: 'postgres'; url: string; poolSize: number }
  /** dataDir is a folder, or 'memory://' for a throwaway in-memory database (tests). */
  | { engine: 'embedded'; dataDir: string };

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  logLevel: z.infer<typeof LogLevel>;
  /**
   * The level of the one line logged per request. In development it is debug, so the start-up
   * lines (and the demo's one-time passwords) are not scrolled away by every page load; LOG_LEVEL=debug
   * shows them again. Elsewhere it is info, Fastify's own.
   */
  requestLogLevel: 'info' | 'debug';
  bodyLimitBytes: number;
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses and CIDR ranges. */
  trustProxy: false | number | string[];
  /** When set, a write's Origin header must be exactly this; otherwise it must match the Host. */
  publicOrigin: string | undefined;
  loadDemoContent: boolean;
  /** Unset: statements are only downloaded, never sent. */
  lrs: LrsConfig | undefined;
  production: boolean;
  /** Folder holding the built client (index.html and assets). */
  clientDir: string;
}

/**
 * Where a run's xAPI statements are sent when its results are released: the store's endpoint, its
 * Basic credentials (the key and secret the LRS issues), and how often to retry a failed delivery,
 * waiting retryDelaySeconds and then about twice as long each time.
 */
export interface LrsConfig {
  endpoint: string;
  username: string;
  password: string;
  retryLimit: number;
  retryDelaySeconds: number;
}

export class ConfigError extends Error {}

/** Parse the environment; throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // Empty strings come from `FOO= npm start`; treat them as unset so defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const raw = present[variable];
    // A database URL may hold a password, and the LRS password is one, so neither is echoed.
    const shown = variable === 'DATABASE_URL' || variable === 'LRS_PASSWORD' || raw === undefined ? '' : ` (got "${raw}")`;
    throw new ConfigError(`${variable} ${issue.message}${shown}`);
  }
  const values = parsed.data;
  if (values.LRS_ENDPOINT && (!values.LRS_USERNAME || !values.LRS_PASSWORD)) {
    throw new ConfigError('LRS_USERNAME and LRS_PASSWORD must be set with LRS_ENDPOINT (the key and secret your learning record store issued)');
  }
  if (values.LRS_ENDPOINT && !values.PUBLIC_ORIGIN) {
    throw new ConfigError('PUBLIC_ORIGIN must be set with LRS_ENDPOINT: statements name their activities by the address people use to reach the app');
  }
  const production = values.NODE_ENV === 'production';
  return {
    port: values.PORT,
    host: values.HOST,
    database: values.DATABASE_URL
      ? { engine: 'postgres', url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE }
      : { engine: 'embedded', dataDir: path.resolve(values.DATA_DIR) },
    logLevel: values.LOG_LEVEL,
    requestLogLevel: values.NODE_ENV === 'development' ? 'debug' : 'info',
    bodyLimitBytes: values.BODY_LIMIT_BYTES,
    trustProxy: values.TRUST_PROXY,
    publicOrigin: values.PUBLIC_ORIGIN,
    loadDemoContent: values.LOAD_DEMO_CONTENT,
    lrs:
      values.LRS_ENDPOINT && values.LRS_USERNAME && values.LRS_PASSWORD
        ? {
            endpoint: values.LRS_ENDPOINT,
            username: values.LRS_USERNAME,
            password: values.LRS_PASSWORD,
            retryLimit: values.LRS_RETRY_LIMIT,
            retryDelaySeconds: values.LRS_RETRY_DELAY_SECONDS,
          }
        : undefined,
    production,
    clientDir: path.join(projectRoot, 'dist', 'client'),
  };
}
