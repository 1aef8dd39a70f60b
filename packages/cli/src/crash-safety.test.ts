// Crash safety (issue 5): the real `cfp serve` process is killed (SIGKILL) in the middle of an import's
// transaction, then started again on the same data: the database holds nothing of the import, the job shows as
// failed (JOB_INTERRUPTED) and retryable, and its retry imports the database. On PGlite (its data directory must
// come back through PostgreSQL's WAL recovery) and on a PostgreSQL server.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { createOrganisation, createUser, openStore, type StoreOptions } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';

const bin = fileURLToPath(new URL('../bin/cfp.js', import.meta.url));
const EMAIL = 'crash@example.com';
const PASSWORD = 'crash test password';
/** Big enough that its import writes for about a second (the window to kill in), small enough to stay quick. */
const ACTIVITIES = 2000;

/** The synthetic database as an openLCA JSON-LD zip, made once per machine (tmpdir) and reused. */
async function syntheticZip(): Promise<string> {
  const path = join(tmpdir(), 'opencfp-synthetic', `crash-${ACTIVITIES}-7.zip`);
  if (!existsSync(path)) {
    mkdirSync(join(tmpdir(), 'opencfp-synthetic'), { recursive: true });
    const db = generateSyntheticDatabase({
      activities: ACTIVITIES,
      exchangesPerActivity: 30,
      biosphere: 1000,
      seed: 7,
    });
    await writeJsonLd(db, path);
  }
  return path;
}

interface Served {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `cfp serve` (no demo data) with `env`; resolves once it listens. */
function serve(dataDir: string, env: Record<string, string>): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir, '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cfp serve did not start:\n${output}`)), 60_000);
    child.stdout?.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({ url, child, output: () => output, exited });
    });
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`cfp serve exited:\n${output}`));
    });
  });
}

interface JobJson {
  id: string;
  status: string;
  progress: number;
  error: { code: string; retryable: boolean; message: string } | null;
  output: { versionId: string; stats: Record<string, number> } | null;
  retryOf: string | null;
}

/** The jobs of a job's event stream (`data` of each event) as they arrive. */
async function* jobEvents(url: string, token: string): AsyncGenerator<{ event: string; job: JobJson }> {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(120_000),
  });
  assert.equal(res.status, 200);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = block.find((l) => l.startsWith('event: '))?.slice(7);
        const data = block.find((l) => l.startsWith('data: '))?.slice(6);
        if (event && data) yield { event, job: JSON.parse(data) as JobJson };
      }
    }
  } finally {
    await res.body?.cancel().catch(() => undefined);
  }
}

/** What the database holds of background databases (read with the store itself, the server stopped or not). */
async function stored(options: StoreOptions) {
  const store = await openStore({ ...options, migrate: false });
  try {
    const count = async (table: 'database_versions' | 'database_entities') =>
      Number(
        (
          await store.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { versions: await count('database_versions'), entities: await count('database_entities') };
  } finally {
    await store.close();
  }
}

async function crashDuringImport(storeOptions: StoreOptions, dataDir: string, env: Record<string, string>) {
  const zip = await syntheticZip();
  // The user and organisation, made with the store before the server owns the database.
  const setup = await openStore(storeOptions);
  let orgId: string;
  try {
    const user = await createUser(setup, { email: EMAIL, name: 'Crash tester', password: PASSWORD });
    orgId = (await createOrganisation(setup, { name: 'Crash', slug: 'crash' }, user.id)).id;
  } finally {
    await setup.close();
  }
  const uploadDir = env.OPENCFP_UPLOAD_DIR ?? `${dataDir}-uploads`;
  const fastJobs = {
    OPENCFP_JOBS_HEARTBEAT_MS: '200',
    OPENCFP_JOBS_STALE_MS: '1000',
    OPENCFP_JOBS_POLL_MS: '100',
  };

  const first = await serve(dataDir, { ...env, ...fastJobs });
  let token: string;
  let jobId: string;
  try {
    const signIn = await fetch(`${first.url}/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    token = ((await signIn.json()) as { token: string }).token;
    const upload = await fetch(
      `${first.url}/v1/orgs/${orgId}/databases?name=Synthetic&sourceName=synthetic.zip`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/zip' },
        body: Readable.toWeb(createReadStream(zip)) as unknown as ReadableStream,
        duplex: 'half',
      } as RequestInit,
    );
    const job = (await upload.json()) as JobJson;
    assert.equal(upload.status, 202, JSON.stringify(job));
    jobId = job.id;
    // Follow the job; at the first progress past 0 the import is writing datasets inside its transaction: kill.
    let killedAt: JobJson | undefined;
    for await (const { event, job: seen } of jobEvents(
      `${first.url}/v1/orgs/${orgId}/jobs/${jobId}/events`,
      token,
    )) {
      assert.notEqual(event, 'done', `the import ended before it could be killed: ${JSON.stringify(seen)}`);
      if (seen.status === 'running' && seen.progress > 0) {
        first.child.kill('SIGKILL');
        killedAt = seen;
        break;
      }
    }
    assert.ok(killedAt && killedAt.progress < 1, `killed half-way: ${JSON.stringify(killedAt)}`);
    assert.equal(await first.exited, null, 'killed by the signal');
  } finally {
    first.child.kill('SIGKILL');
  }
  assert.equal(
    readdirSync(uploadDir).filter((name) => name.endsWith('.upload')).length,
    1,
    'the upload is kept for a retry',
  );
  // Opened again (PGlite: after PostgreSQL's recovery from its WAL), the database holds nothing of the import.
  assert.deepEqual(await stored(storeOptions), { versions: 0, entities: 0 }, 'no row of the import');

  // The server started again on the same data: the job is recorded as interrupted.
  let imported: JobJson['output'] | undefined;
  const second = await serve(dataDir, { ...env, ...fastJobs });
  try {
    const auth = { authorization: `Bearer ${token}` };
    const me = await fetch(`${second.url}/v1/me`, { headers: auth });
    assert.equal(me.status, 200, 'the session committed before the crash is still there');
    let job: JobJson;
    for (;;) {
      job = (await (
        await fetch(`${second.url}/v1/orgs/${orgId}/jobs/${jobId}`, { headers: auth })
      ).json()) as JobJson;
      if (job.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 100)); // PostgreSQL: until its heartbeat is stale
    }
    assert.equal(job.status, 'failed');
    assert.deepEqual([job.error?.code, job.error?.retryable], ['JOB_INTERRUPTED', true]);
    const versions = (await (
      await fetch(`${second.url}/v1/orgs/${orgId}/databases`, { headers: auth })
    ).json()) as {
      versions: { name: string }[];
    };
    assert.deepEqual(
      versions.versions.filter((v) => v.name === 'Synthetic'),
      [],
      'no version of the interrupted import',
    );

    // The retry imports it all.
    const retry = await fetch(`${second.url}/v1/orgs/${orgId}/jobs/${jobId}/retry`, {
      method: 'POST',
      headers: auth,
    });
    const retried = (await retry.json()) as JobJson;
    assert.equal(retry.status, 202, JSON.stringify(retried));
    let done: JobJson | undefined;
    for await (const { event, job: seen } of jobEvents(
      `${second.url}/v1/orgs/${orgId}/jobs/${retried.id}/events`,
      token,
    ))
      if (event === 'done') done = seen;
    assert.equal(done?.status, 'succeeded', JSON.stringify(done));
    assert.equal(done?.output?.stats.processes, ACTIVITIES);
    imported = done?.output ?? undefined;
    assert.deepEqual(readdirSync(uploadDir), [], 'the upload is deleted once imported');
  } finally {
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0, second.output());
  }
  const after = await stored(storeOptions);
  const datasets = Object.values(imported?.stats ?? {}).reduce((a, b) => a + b, 0);
  assert.ok(datasets > ACTIVITIES);
  assert.deepEqual(after, { versions: 1, entities: datasets }, 'the retried import, once, and nothing else');
}

describe('crash safety: cfp serve killed during an import', { timeout: 180_000 }, () => {
  it('PGlite: after a restart the import is gone, its job failed and retryable; the retry imports it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencfp-crash-'));
    try {
      const dataDir = join(dir, 'db');
      await crashDuringImport({ dataDir }, dataDir, {});
      assert.ok(statSync(dataDir).isDirectory());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('PostgreSQL: the same, with the job recovered once its heartbeat is stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencfp-crash-pg-'));
    const { url, drop } = await freshPostgresDatabase();
    try {
      await crashDuringImport({ databaseUrl: url }, join(dir, 'unused'), {
        DATABASE_URL: url,
        OPENCFP_UPLOAD_DIR: join(dir, 'uploads'),
      });
    } finally {
      await drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
