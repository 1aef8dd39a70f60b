import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ServerError } from './errors.js';

/** A fixed-window rate limit: at most `max` requests per client per `windowSeconds`. */
export interface RateLimitConfig {
  max: number;
  windowSeconds: number;
}

/** The server's configuration (see docs/server.md for each setting, its variable and its default). */
export interface ServerConfig {
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Interface to listen on: 127.0.0.1 (default, this machine only) or 0.0.0.0 (every interface, e.g. in a container). */
  host: string;
  /** A PostgreSQL URL; when absent, the embedded PGlite with its data in `dataDir`. */
  databaseUrl?: string;
  /** PGlite data directory (absolute); null = in memory, nothing kept (`:memory:`). */
  dataDir: string | null;
  /** Origins (scheme://host[:port]) whose browser pages may call the API; empty = same origin only. */
  corsOrigins: string[];
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  /** Rate limits by name; `auth` is for sign-in and token endpoints. */
  rateLimits: { auth: RateLimitConfig; public: RateLimitConfig };
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy that sets it). */
  trustProxy: boolean;
  /** Check every JSON response against its route's schema (a mismatch is logged and answered 500). */
  validateResponses: boolean;
  /** Largest database upload (POST …/databases), in bytes; streamed to disk, so far above `bodyLimitBytes`. */
  uploadLimitBytes: number;
  /**
   * Folder (absolute) that uploads are streamed to until their import succeeds; null = `<dataDir>-uploads` beside
   * PGlite's data directory (see `uploadDirOf`). With several instances it must be storage they all share.
   */
  uploadDir: string | null;
  /** How long the upload of a failed or cancelled import is kept for a retry, in hours. */
  uploadRetentionHours: number;
  /** Background jobs (docs/server.md, Jobs). */
  jobs: JobsConfig;
  /**
   * Folder (absolute) of the built web app (index.html, assets/) served at every GET path outside the API; null =
   * API only (`cfp serve` sets the build of @opencfp/web when it is there).
   */
  webDir: string | null;
  /**
   * The secret organisations' signing keys are encrypted with (at least 32 characters); null = a random one
   * made once and kept in `<dataDir>/opencfp-key-secret` (mode 0600). With several instances set it on each
   * (docs/studies.md, Keys).
   */
  keySecret: string | null;
  /**
   * The platform's public base URL (scheme://host[:port]), which signed statements name their issuer by and
   * verifiers fetch the keys from; null = the origin of the request that publishes (requestOrigin).
   */
  publicUrl: string | null;
}

/** How this instance runs background jobs. */
export interface JobsConfig {
  /** Run jobs in this instance (false: an API-only instance; others run the jobs). */
  run: boolean;
  /** Jobs run at the same time by this instance. */
  concurrency: number;
  /** How often an idle instance looks for queued jobs, in ms (a job queued by this instance starts at once). */
  pollMs: number;
  /** How often a running job's worker writes its heartbeat (and its progress at the latest), in ms. */
  heartbeatMs: number;
  /** A running job whose heartbeat is older than this (ms) is taken as interrupted (failed, retryable). */
  staleMs: number;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

const BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  1: true,
  0: false,
  yes: true,
  no: false,
};

const booleanText = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === 'boolean') return value;
  const parsed = BOOLEANS[value.trim().toLowerCase()];
  if (parsed !== undefined) return parsed;
  ctx.addIssue({ code: 'custom', message: `expected true or false, got '${value}'` });
  return z.NEVER;
});

const byteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match =
    typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(value) : undefined;
  const bytes =
    typeof value === 'number'
      ? value
      : match
        ? Math.round(Number(match[1]) * UNITS[(match[2] || 'b').toLowerCase()])
        : NaN;
  if (Number.isSafeInteger(bytes) && bytes > 0) return bytes;
  ctx.addIssue({ code: 'custom', message: `expected a size such as 1048576, 512kb or 1mb, got '${value}'` });
  return z.NEVER;
});

const origin = z.string().refine((text) => {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text;
  } catch {
    return false;
  }
}, 'expected an origin such as https://app.example.org (scheme, host and port only, no path or trailing slash)');

const positiveInt = z.coerce.number().int().positive();

const configSchema = z.strictObject({
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  host: z.string().min(1).default('127.0.0.1'),
  databaseUrl: z.string().min(1).optional(),
  dataDir: z.string().min(1).default('./data'),
  corsOrigins: z
    .union([z.array(z.string()), z.string().transform((s) => s.split(',').map((o) => o.trim()))])
    .transform((list) => list.filter((o) => o !== ''))
    .pipe(z.array(origin))
    .default([]),
  bodyLimit: byteSize.default(1024 * 1024),
  rateLimits: z
    .strictObject({
      auth: z
        .strictObject({ max: positiveInt.default(10), windowSeconds: positiveInt.default(60) })
        .default({ max: 10, windowSeconds: 60 }),
      public: z
        .strictObject({ max: positiveInt.default(600), windowSeconds: positiveInt.default(60) })
        .default({ max: 600, windowSeconds: 60 }),
    })
    .default({ auth: { max: 10, windowSeconds: 60 }, public: { max: 600, windowSeconds: 60 } }),
  trustProxy: booleanText.default(false),
  validateResponses: booleanText.default(true),
  uploadLimit: byteSize.default(2 * 1024 ** 3),
  uploadDir: z.string().min(1).optional(),
  uploadRetentionHours: z.coerce.number().positive().default(24),
  jobs: z
    .strictObject({
      run: booleanText.default(true),
      concurrency: positiveInt.default(1),
      pollMs: positiveInt.default(1000),
      heartbeatMs: positiveInt.default(5000),
      staleMs: positiveInt.default(30_000),
    })
    .refine((jobs) => jobs.staleMs >= 2 * jobs.heartbeatMs, {
      message: 'staleMs must be at least twice heartbeatMs, or live jobs would be taken as interrupted',
      path: ['staleMs'],
    })
    .default({ run: true, concurrency: 1, pollMs: 1000, heartbeatMs: 5000, staleMs: 30_000 }),
  webDir: z.string().min(1).optional(),
  keySecret: z.string().min(32, 'the key secret must have at least 32 characters').optional(),
  publicUrl: origin.optional(),
});

/** Environment variable → setting (a dotted path in the config file). */
const ENV: Readonly<Record<string, string>> = {
  PORT: 'port',
  HOST: 'host',
  DATABASE_URL: 'databaseUrl',
  OPENCFP_DATA_DIR: 'dataDir',
  OPENCFP_CORS_ORIGINS: 'corsOrigins',
  OPENCFP_BODY_LIMIT: 'bodyLimit',
  OPENCFP_AUTH_RATE_LIMIT_MAX: 'rateLimits.auth.max',
  OPENCFP_AUTH_RATE_LIMIT_WINDOW_SECONDS: 'rateLimits.auth.windowSeconds',
  OPENCFP_PUBLIC_RATE_LIMIT_MAX: 'rateLimits.public.max',
  OPENCFP_PUBLIC_RATE_LIMIT_WINDOW_SECONDS: 'rateLimits.public.windowSeconds',
  OPENCFP_TRUST_PROXY: 'trustProxy',
  OPENCFP_VALIDATE_RESPONSES: 'validateResponses',
  OPENCFP_UPLOAD_LIMIT: 'uploadLimit',
  OPENCFP_UPLOAD_DIR: 'uploadDir',
  OPENCFP_UPLOAD_RETENTION_HOURS: 'uploadRetentionHours',
  OPENCFP_JOBS_RUN: 'jobs.run',
  OPENCFP_JOBS_CONCURRENCY: 'jobs.concurrency',
  OPENCFP_JOBS_POLL_MS: 'jobs.pollMs',
  OPENCFP_JOBS_HEARTBEAT_MS: 'jobs.heartbeatMs',
  OPENCFP_JOBS_STALE_MS: 'jobs.staleMs',
  OPENCFP_WEB_DIR: 'webDir',
  OPENCFP_KEY_SECRET: 'keySecret',
  OPENCFP_PUBLIC_URL: 'publicUrl',
};

export interface LoadConfigOptions {
  /** Environment (default process.env). */
  env?: Record<string, string | undefined>;
  /** A JSON config file; default: the OPENCFP_CONFIG variable, if set. */
  file?: string;
  /** Folder that relative paths are resolved against (default process.cwd()). */
  cwd?: string;
}

/**
 * The configuration from an optional JSON file overridden by environment variables, validated; unset settings take
 * their defaults. Throws ServerError INVALID_CONFIG naming each wrong setting and where it came from.
 *
 * @example const config = loadConfig(); // PORT=8080 OPENCFP_DATA_DIR=/var/lib/opencfp …
 */
export function loadConfig(options: LoadConfigOptions = {}): ServerConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.file ?? (env.OPENCFP_CONFIG || undefined);
  const input: Record<string, unknown> = {};
  /** dotted path → the environment variable that set it, or 'file' */
  const source = new Map<string, string>();

  if (file !== undefined) {
    const path = resolve(cwd, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new ServerError(
        'INVALID_CONFIG',
        `cannot read the config file ${path}: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new ServerError(
        'INVALID_CONFIG',
        `the config file ${path} is not valid JSON: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ServerError('INVALID_CONFIG', `the config file ${path} must hold one JSON object`);
    Object.assign(input, structuredClone(parsed));
    for (const key of Object.keys(parsed)) source.set(key, 'file');
  }

  for (const [name, path] of Object.entries(ENV)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    setPath(input, path, value);
    source.set(path, name);
  }

  const result = configSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const from = describeSource(
        issue.path.map(String),
        source,
        file === undefined ? undefined : resolve(cwd, file),
      );
      const message =
        issue.code === 'unrecognized_keys'
          ? `unknown setting(s) ${issue.keys.map((k) => `'${k}'`).join(', ')}${path === '' ? ` (known: ${Object.keys(configSchema.shape).join(', ')})` : ''}`
          : issue.message;
      return `  - ${from}: ${message}`;
    });
    throw new ServerError('INVALID_CONFIG', `invalid server configuration:\n${lines.join('\n')}`, {
      details: { issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
    });
  }
  const { bodyLimit, dataDir, uploadLimit, uploadDir, webDir, keySecret, publicUrl, ...rest } = result.data;
  return {
    ...rest,
    bodyLimitBytes: bodyLimit,
    dataDir: dataDir === ':memory:' ? null : resolve(cwd, dataDir),
    uploadLimitBytes: uploadLimit,
    uploadDir: uploadDir === undefined ? null : resolve(cwd, uploadDir),
    webDir: webDir === undefined ? null : resolve(cwd, webDir),
    keySecret: keySecret ?? null,
    publicUrl: publicUrl ?? null,
  };
}

/**
 * Where uploads go: `uploadDir` when set, else beside PGlite's data directory (`<dataDir>-uploads`: not inside
 * it, which belongs to PostgreSQL), else — data in memory — a folder in the system's temporary directory.
 *
 * @example uploadDirOf(loadConfig({ env: { OPENCFP_DATA_DIR: '/var/lib/opencfp/db' } })) // '/var/lib/opencfp/db-uploads'
 */
export function uploadDirOf(config: Pick<ServerConfig, 'uploadDir' | 'dataDir'>): string {
  if (config.uploadDir !== null) return config.uploadDir;
  if (config.dataDir !== null) return `${config.dataDir.replace(/[\\/]+$/, '')}-uploads`;
  return join(tmpdir(), 'opencfp-uploads');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

/** Where the setting at `path` came from: the environment variable that set it (or a parent), or the file. */
function describeSource(path: string[], source: Map<string, string>, file: string | undefined): string {
  const dotted = path.join('.');
  for (let n = path.length; n >= 1; n--) {
    const from = source.get(path.slice(0, n).join('.'));
    if (from === 'file') return `'${dotted}' in ${file}`;
    if (from !== undefined) return `the environment variable ${from}`;
  }
  if (dotted === '') return file === undefined ? 'the configuration' : `the config file ${file}`;
  return `'${dotted}'`;
}
