// Helpers of the platform benchmarks: statistics, the PostgreSQL server to measure on, an upload through the API.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { spawn } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { openStore, type Store } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const seconds = (x: number) => `${(x / 1000).toFixed(2)} s`;

/** A PostgreSQL URL to measure on: OPENCFP_TEST_DATABASE_URL, or the local cluster as root; undefined: none. */
export async function postgresUrlForBench(): Promise<string | undefined> {
  let url = process.env.OPENCFP_TEST_DATABASE_URL;
  if (!url) {
    const helper = (await import(
      new URL('../../../../scripts/postgres-for-tests.mjs', import.meta.url).href
    )) as {
      postgresForTests: () => string | undefined;
    };
    url = helper.postgresForTests();
  }
  if (url) process.env.OPENCFP_TEST_DATABASE_URL = url;
  return url;
}

/**
 * Runs `run` once on a store: a fresh database of the PostgreSQL server when there is one (postgresUrlForBench),
 * else PGlite in a temporary folder; `dataDir` is a temporary folder for uploads, deleted afterwards with the
 * database.
 *
 * @example await onBenchStore('opencfp-sankey-', (label, store, dataDir) => measure(label, store, dataDir));
 */
export async function onBenchStore(
  prefix: string,
  run: (label: 'PostgreSQL' | 'PGlite', store: Store, dataDir: string) => Promise<void>,
): Promise<void> {
  const postgresUrl = await postgresUrlForBench();
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  try {
    if (postgresUrl) {
      const { url, drop } = await freshPostgresDatabase();
      const store = await openStore({ databaseUrl: url });
      try {
        await run('PostgreSQL', store, dataDir);
      } finally {
        await store.close();
        await drop();
      }
    } else {
      const store = await openStore({ dataDir: join(dataDir, 'db') });
      try {
        await run('PGlite', store, dataDir);
      } finally {
        await store.close();
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * Uploads a database file to POST /v1/orgs/{orgId}/databases (streamed) and waits for its import job: the new
 * version's id, when the upload was accepted and when the job ended (ms from the start).
 */
export async function uploadThroughApi(
  url: string,
  organisationId: string,
  token: string,
  path: string,
  name: string,
): Promise<{ versionId: string; bytes: number; uploadMs: number; importMs: number }> {
  const auth = { authorization: `Bearer ${token}` };
  const bytes = (await stat(path)).size;
  const started = performance.now();
  const upload = await fetch(`${url}/v1/orgs/${organisationId}/databases?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/zip', 'content-length': String(bytes) },
    body: Readable.toWeb(createReadStream(path)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const job = (await upload.json()) as { id: string };
  if (upload.status !== 202) throw new Error(`upload: ${upload.status} ${JSON.stringify(job)}`);
  const uploadMs = performance.now() - started;
  for (;;) {
    const res = await fetch(`${url}/v1/orgs/${organisationId}/jobs/${job.id}`, { headers: auth });
    const state = (await res.json()) as { status: string; output?: { versionId: string } };
    if (state.status === 'succeeded' && state.output)
      return { versionId: state.output.versionId, bytes, uploadMs, importMs: performance.now() - started };
    if (state.status === 'failed' || state.status === 'cancelled')
      throw new Error(`import: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * GET `url` from `connections` keep-alive clients for `durationMs`, in a worker thread so the load generator does
 * not share the server's event loop: every latency in ms.
 */
export async function loadTest(
  url: string,
  headers: Record<string, string>,
  connections = 8,
  durationMs = 5000,
): Promise<number[]> {
  const worker = new Worker(new URL('./load-worker.js', import.meta.url), {
    workerData: { url, headers, connections, durationMs },
  });
  const [latencies] = (await once(worker, 'message')) as [number[]];
  await worker.terminate();
  return latencies;
}

/** A `cfp serve` process of a benchmark: its URL, what it printed up to listening, and how to stop it. */
export interface BenchServe {
  url: string;
  output: string;
  stop(): Promise<void>;
}

/**
 * Starts `cfp serve --port 0` with `args` (data directory, --no-demo …) in a clean environment (no OPENCFP_*,
 * DATABASE_URL or PORT from the caller), checks that it serves the web app, and returns once it listens.
 *
 * @example const serve = await spawnServe(['--data-dir', ':memory:', '--no-demo']); … await serve.stop();
 */
export async function spawnServe(args: string[]): Promise<BenchServe> {
  const bin = fileURLToPath(new URL('../../bin/cfp.js', import.meta.url));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('OPENCFP_') && key !== 'DATABASE_URL' && key !== 'PORT') env[key] = value;
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const found = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
    child.on('exit', () => reject(new Error(`cfp serve exited:\n${output}`)));
  });
  if (!/web app at /.test(output)) throw new Error(`cfp serve does not serve the web app:\n${output}`);
  return {
    url,
    output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
