// Background jobs and database uploads through the API on a real listener with a real job runner; run once per
// store engine (jobs-*.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  createReadStream,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  createOrganisation,
  createUser,
  jobs,
  setMembership,
  signIn,
  type Store,
  type User,
} from '@opencfp/store';
import { sql } from 'kysely';
import { createApp } from '../app.js';
import { loadConfig, type ServerConfig } from '../config.js';
import { JobRunner } from '../jobs/job-runner.js';
import { JobUpdates } from '../jobs/job-updates.js';
import { sweepUploads } from '../jobs/upload-files.js';
import type { ServerLogger } from '../routing.js';
import { listen } from '../serve.js';
import { serverSentEvents, type ServerSentEvent } from './server-sent-events.js';
import { sharedFile } from './shared-data.js';

const PASSWORD = 'correct horse battery';

/** A request body as the tests send it. */
type Body = string | Uint8Array | ReadableStream;

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** A job as the API answers it. */
interface JobJson {
  id: string;
  status: string;
  progress: number;
  message: string | null;
  input: Record<string, unknown>;
  output: Record<string, unknown> | null;
  error: { code: string; message: string; details: Record<string, unknown>; retryable: boolean } | null;
  cancelRequested: boolean;
  retryOf: string | null;
  finishedAt: string | null;
}

/** Options of the job route suite. */
export interface JobRouteCaseOptions {
  /** The engine runs transactions side by side (PostgreSQL): also cancel an import blocked mid-transaction. */
  concurrentTransactions?: boolean;
}

/**
 * Uploads and jobs through the API: upload → job → events → the version listed; a single XML file; validation
 * (name, empty body, media type, upload limit); a file that is not a database; 401/403 and tenant scoping;
 * cancellation (queued, running, through another instance's database request) and shutdown; retry of an
 * interrupted and of a cancelled import; and the upload folder's housekeeping.
 */
export function jobRouteCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
  options: JobRouteCaseOptions = {},
) {
  describe(`Jobs and uploads: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    let server: { url: string; close(): Promise<void> };
    let runner: JobRunner;
    let config: ServerConfig;
    const updates = new JobUpdates();
    const uploadDir = mkdtempSync(join(tmpdir(), 'opencfp-uploads-'));
    const errors: string[] = [];
    const logger: ServerLogger = { error: (m) => errors.push(m), warn: () => undefined };
    const unique = () => randomUUID().slice(0, 8);
    const people: Record<'editor' | 'viewer' | 'ownerB', User> = {} as never;
    const sessions: Record<keyof typeof people, string> = {} as never;
    let orgA = '';
    let orgB = '';
    const uslciEcoSpold1 = sharedFile('data/uslci/uslci-ecospold1-fy20q3.zip');
    const oneProcessXml = sharedFile('data/samples/olca-io/ecospold1/example.xml');

    const newRunner = () =>
      new JobRunner({ store, config, logger, updates, pollMs: 50, heartbeatMs: 100, staleMs: 1000 });

    async function call(
      method: string,
      path: string,
      init: { token?: string; body?: Body | ReadableStream; headers?: Record<string, string> } = {},
    ): Promise<Answer> {
      const headers: Record<string, string> = { ...init.headers };
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers,
        body: init.body,
        ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
      } as RequestInit);
      const text = await res.text();
      const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
      if (res.status >= 400) assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
      return { status: res.status, headers: res.headers, body };
    }

    const upload = (
      query: string,
      body: Body | ReadableStream,
      type: string | null = 'application/zip',
      token = sessions.editor,
    ) =>
      call('POST', `/v1/orgs/${orgA}/databases${query}`, {
        token,
        body,
        headers: type === null ? {} : { 'content-type': type },
      });

    const streamOf = (path: string) => Readable.toWeb(createReadStream(path)) as unknown as ReadableStream;

    /** Every event of a job's stream, until it ends. */
    async function follow(jobId: string, token = sessions.viewer): Promise<ServerSentEvent[]> {
      const res = await fetch(`${server.url}/v1/orgs/${orgA}/jobs/${jobId}/events`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(60_000),
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
      const events: ServerSentEvent[] = [];
      for await (const event of serverSentEvents(res)) events.push(event);
      return events;
    }

    /** The job in a stream's last event, checking the stream's shape: state first, done last, ids increasing. */
    function finalJob(events: ServerSentEvent[]): JobJson {
      assert.ok(events.length >= 2, `at least state and done: ${events.map((e) => e.event).join(', ')}`);
      assert.equal(events[0].event, 'state');
      assert.equal(events.at(-1)?.event, 'done');
      assert.deepEqual(
        events.map((e) => Number(e.id)),
        events.map((_, i) => i + 1),
      );
      const jobsSeen = events.map((e) => JSON.parse(e.data) as JobJson);
      for (const [i, e] of events.entries())
        if (e.event === 'progress') assert.equal(jobsSeen[i].status, 'running', 'progress while running');
      const running = jobsSeen.filter((j) => j.status === 'running').map((j) => j.progress);
      assert.deepEqual(
        running,
        [...running].sort((a, b) => a - b),
        'progress never goes back',
      );
      return jobsSeen.at(-1) as JobJson;
    }

    /** Waits until the job's stream shows it in a state for which `seen` is true (or the job ends: fails). */
    async function until(jobId: string, seen: (job: JobJson) => boolean): Promise<JobJson> {
      const res = await fetch(`${server.url}/v1/orgs/${orgA}/jobs/${jobId}/events`, {
        headers: { authorization: `Bearer ${sessions.viewer}` },
        signal: AbortSignal.timeout(60_000),
      });
      try {
        for await (const event of serverSentEvents(res)) {
          const job = JSON.parse(event.data) as JobJson;
          if (seen(job)) return job;
          assert.notEqual(event.event, 'done', `the job ended before: ${event.data}`);
        }
        throw new Error('the stream ended before the job got there');
      } finally {
        await res.body?.cancel().catch(() => undefined);
      }
    }

    const versionsNamed = async (databaseName: string) => {
      const listed = await call('GET', `/v1/orgs/${orgA}/databases`, { token: sessions.viewer });
      assert.equal(listed.status, 200);
      return (listed.body.versions as { id: string; name: string; version: number }[]).filter(
        (v) => v.name === databaseName,
      );
    };

    const counts = async () => {
      const one = async (table: 'database_versions' | 'database_entities') =>
        Number(
          (
            await store.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return { versions: await one('database_versions'), entities: await one('database_entities') };
    };

    before(async () => {
      ({ store, cleanup } = await open());
      config = loadConfig({
        env: {
          PORT: '0',
          OPENCFP_DATA_DIR: ':memory:',
          OPENCFP_AUTH_RATE_LIMIT_MAX: '1000',
          OPENCFP_UPLOAD_DIR: uploadDir,
        },
      });
      server = await listen(createApp({ store, config, logger, jobUpdates: updates }), {
        port: 0,
        host: '127.0.0.1',
      });
      runner = newRunner();
      await runner.start();
      for (const key of ['editor', 'viewer', 'ownerB'] as const) {
        people[key] = await createUser(store, {
          email: `${key}-${unique()}@example.com`,
          name: key,
          password: PASSWORD,
        });
        const session = await signIn(store, people[key].email, PASSWORD);
        assert.ok(session);
        sessions[key] = session.token;
      }
      orgA = (
        await createOrganisation(store, { name: 'Importer', slug: `imp-${unique()}` }, people.editor.id)
      ).id;
      await setMembership(store, orgA, people.viewer.id, 'viewer', people.editor.id);
      orgB = (await createOrganisation(store, { name: 'Other', slug: `oth-${unique()}` }, people.ownerB.id))
        .id;
    });
    after(async () => {
      await runner?.close();
      await server?.close();
      await store?.close();
      await cleanup?.();
      rmSync(uploadDir, { recursive: true, force: true });
    });

    it('upload → 202 job → events until done → the version is listed; the upload streams past the JSON body limit and is deleted once imported', async () => {
      const size = statSync(uslciEcoSpold1).size;
      assert.ok(size > config.bodyLimitBytes, 'larger than the JSON body limit');
      const answer = await upload('?name=USLCI&sourceName=uslci-ecospold1.zip', streamOf(uslciEcoSpold1));
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const job = answer.body as unknown as JobJson;
      assert.equal(answer.headers.get('location'), `/v1/orgs/${orgA}/jobs/${job.id}`);
      assert.equal(job.status, 'queued');
      assert.match(String(job.input.upload), /^[0-9a-f-]{36}\.upload$/);
      assert.deepEqual(
        { ...job.input, upload: undefined },
        {
          upload: undefined,
          name: 'USLCI',
          sourceName: 'uslci-ecospold1.zip',
          bytes: size,
          contentType: 'application/zip',
        },
      );

      const done = finalJob(await follow(job.id));
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
      assert.equal(done.progress, 1);
      const output = done.output as {
        versionId: string;
        databaseId: string;
        name: string;
        version: number;
        format: string;
        stats: Record<string, number>;
        issueCount: number;
      };
      assert.deepEqual([output.name, output.version, output.format], ['USLCI', 1, 'ecospold1']);
      assert.ok(output.stats.processes > 600, JSON.stringify(output.stats));
      assert.equal(typeof output.issueCount, 'number');

      const listed = await versionsNamed('USLCI');
      assert.deepEqual(
        listed.map((v) => [v.id, v.version]),
        [[output.versionId, 1]],
      );
      const version = await call('GET', `/v1/orgs/${orgA}/databases/${output.versionId}`, {
        token: sessions.viewer,
      });
      assert.deepEqual(
        [version.body.sourceName, version.body.organisationId, version.body.issueCount],
        ['uslci-ecospold1.zip', orgA, output.issueCount],
      );
      const read = await call('GET', `/v1/orgs/${orgA}/jobs/${job.id}`, { token: sessions.viewer });
      assert.deepEqual([read.body.status, read.body.output], ['succeeded', output]);
      assert.ok(read.body.finishedAt);
      const list = await call('GET', `/v1/orgs/${orgA}/jobs?kind=database-import&status=succeeded`, {
        token: sessions.viewer,
      });
      assert.equal((list.body.jobs as JobJson[])[0].id, job.id, 'newest first');
      assert.deepEqual(readdirSync(uploadDir), [], 'the upload is deleted once imported');
    });

    it('a single XML file imports too (with Content-Length); the same name makes version 2 of the same database', async () => {
      const first = (await versionsNamed('USLCI'))[0];
      const answer = await upload(
        '?name=USLCI&sourceName=example.xml',
        readFileSync(oneProcessXml),
        'application/xml; charset=utf-8',
      );
      assert.equal(answer.status, 202, JSON.stringify(answer.body));
      const done = finalJob(await follow(String(answer.body.id)));
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
      assert.deepEqual(
        [done.output?.version, done.output?.format, done.output?.databaseId],
        [
          2,
          'ecospold1',
          (await call('GET', `/v1/orgs/${orgA}/databases/${first.id}`, { token: sessions.viewer })).body
            .databaseId,
        ],
      );
      assert.deepEqual(
        (await versionsNamed('USLCI')).map((v) => v.version),
        [1, 2],
      );
    });

    it('validation: a name is required, the body must not be empty, the media type must be a file’s, and the upload limit holds (nothing kept)', async () => {
      const before = await jobs.list(store, orgA, { limit: 200 });
      const issues = (answer: Answer) => {
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal(answer.body.code, 'VALIDATION_FAILED');
        return (answer.body.details as { issues: { location: string; path: string[] }[] }).issues.map(
          (i) => `${i.location}:${i.path.join('.')}`,
        );
      };
      const xml = readFileSync(oneProcessXml);
      assert.deepEqual(issues(await upload('', xml, 'application/xml')), ['query:name']);
      assert.deepEqual(issues(await upload('?name=%20%20', xml, 'application/xml')), ['query:name']);
      assert.deepEqual(issues(await upload(`?name=${'x'.repeat(201)}`, xml, 'application/xml')), [
        'query:name',
      ]);
      assert.deepEqual(issues(await upload('?name=Empty', new Uint8Array(0))), ['body:']);
      for (const type of ['text/plain', 'application/json', null]) {
        const refused = await upload('?name=Typed', xml, type);
        assert.equal(refused.status, 415, `${type}: ${JSON.stringify(refused.body)}`);
        assert.equal(refused.body.code, 'UNSUPPORTED_MEDIA_TYPE');
      }

      const small = loadConfig({
        env: {
          PORT: '0',
          OPENCFP_DATA_DIR: ':memory:',
          OPENCFP_UPLOAD_DIR: uploadDir,
          OPENCFP_UPLOAD_LIMIT: '4kb',
        },
      });
      const limited = await listen(createApp({ store, config: small, logger, jobUpdates: updates }), {
        port: 0,
        host: '127.0.0.1',
      });
      try {
        assert.ok(xml.length > 4096);
        const send = async (body: Body | ReadableStream) => {
          const res = await fetch(`${limited.url}/v1/orgs/${orgA}/databases?name=Big`, {
            method: 'POST',
            headers: { authorization: `Bearer ${sessions.editor}`, 'content-type': 'application/xml' },
            body,
            ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
          } as RequestInit);
          return { status: res.status, body: (await res.json()) as { code: string; details: unknown } };
        };
        for (const answer of [await send(xml), await send(streamOf(oneProcessXml))]) {
          assert.equal(answer.status, 413);
          assert.equal(answer.body.code, 'PAYLOAD_TOO_LARGE');
          assert.deepEqual(answer.body.details, { limitBytes: 4096 });
        }
      } finally {
        await limited.close();
      }
      assert.deepEqual(readdirSync(uploadDir), [], 'nothing of the refused uploads is kept');
      assert.deepEqual(await jobs.list(store, orgA, { limit: 200 }), before, 'and no job was made');
    });

    it('a file that is not a database: the job fails with the reader’s code and a clear message, nothing is imported; its upload is kept for a while', async () => {
      const before = await counts();
      const answer = await upload(
        '?name=Broken&sourceName=notes.txt',
        'these are my notes, not a database\n'.repeat(50),
        'application/octet-stream',
      );
      assert.equal(answer.status, 202);
      const failed = finalJob(await follow(String(answer.body.id)));
      assert.equal(failed.status, 'failed');
      assert.equal(failed.error?.code, 'UNKNOWN_FORMAT');
      assert.equal(failed.error?.retryable, false);
      assert.match(failed.error?.message ?? '', /^notes\.txt: unknown format/);
      assert.ok(!failed.error?.message.includes(uploadDir), 'the server’s paths are not shown');
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await versionsNamed('Broken'), []);

      // Housekeeping: kept for a retry until the retention passes; orphans go after an hour.
      const kept = String(failed.input.upload);
      const orphan = `${randomUUID()}.upload`;
      const part = `${randomUUID()}.upload.part`;
      for (const name of [orphan, part, 'not-an-upload.txt']) writeFileSync(join(uploadDir, name), 'x');
      const day = 24 * 3600_000;
      assert.deepEqual(await sweepUploads(store, uploadDir, { retentionMs: day }), []);
      assert.deepEqual(
        (await sweepUploads(store, uploadDir, { retentionMs: day, now: Date.now() + 2 * 3600_000 })).sort(),
        [orphan, part].sort(),
      );
      assert.deepEqual(
        await sweepUploads(store, uploadDir, { retentionMs: day, now: Date.now() + 2 * day }),
        [kept],
      );
      assert.deepEqual(readdirSync(uploadDir), ['not-an-upload.txt']);
      rmSync(join(uploadDir, 'not-an-upload.txt'));

      // a retry now fails clearly: the file is gone
      const retried = await call('POST', `/v1/orgs/${orgA}/jobs/${failed.id}/retry`, {
        token: sessions.editor,
      });
      assert.equal(retried.status, 202);
      const missing = finalJob(await follow(String(retried.body.id)));
      assert.equal(missing.error?.code, 'UPLOAD_MISSING');
      assert.match(missing.error?.message ?? '', /notes\.txt.*upload the database again/);
    });

    it('401 without credentials, 403 for a viewer changing anything, 404 for another organisation', async () => {
      const xml = readFileSync(oneProcessXml);
      const anonymous = await call('POST', `/v1/orgs/${orgA}/databases?name=X`, {
        body: xml,
        headers: { 'content-type': 'application/xml' },
      });
      assert.equal(anonymous.status, 401);
      const viewer = await upload('?name=X', xml, 'application/xml', sessions.viewer);
      assert.equal(viewer.status, 403);
      assert.deepEqual(viewer.body.details, { required: 'editor', role: 'viewer' });
      const some = (await jobs.list(store, orgA, { limit: 1 }))[0];
      for (const action of ['cancel', 'retry'])
        assert.equal(
          (await call('POST', `/v1/orgs/${orgA}/jobs/${some.id}/${action}`, { token: sessions.viewer }))
            .status,
          403,
          action,
        );
      for (const path of [`/jobs`, `/jobs/${some.id}`])
        assert.equal((await call('GET', `/v1/orgs/${orgA}${path}`, { token: sessions.viewer })).status, 200);
      assert.equal((await call('GET', `/v1/orgs/${orgA}/jobs/${some.id}`)).status, 401);
      // B's owner: A's job is not found in B, and A is not found at all
      const inB = await call('GET', `/v1/orgs/${orgB}/jobs/${some.id}`, { token: sessions.ownerB });
      assert.deepEqual(inB.body, {
        code: 'NOT_FOUND',
        message: `no job '${some.id}' in this organisation`,
        details: {},
      });
      for (const action of ['cancel', 'retry'])
        assert.equal(
          (await call('POST', `/v1/orgs/${orgB}/jobs/${some.id}/${action}`, { token: sessions.ownerB }))
            .status,
          404,
        );
      assert.equal(
        (await call('GET', `/v1/orgs/${orgB}/jobs/${some.id}/events`, { token: sessions.ownerB })).status,
        404,
      );
      assert.deepEqual((await call('GET', `/v1/orgs/${orgB}/jobs`, { token: sessions.ownerB })).body, {
        jobs: [],
      });
      assert.equal((await call('GET', `/v1/orgs/${orgA}/jobs`, { token: sessions.ownerB })).status, 404);
    });

    it('cancel of a running job: through this instance at once, through the database at the next heartbeat; the events show it', async () => {
      const kind = `wait-${unique()}`;
      runner.register(kind, async ({ signal, progress }) => {
        progress(0.5, 'waiting');
        await new Promise((resolve) =>
          signal.aborted ? resolve(undefined) : signal.addEventListener('abort', resolve),
        );
        throw signal.reason;
      });
      const enqueue = async () => {
        const job = await jobs.enqueue(
          store,
          { organisationId: orgA, kind, input: {} },
          { userId: people.editor.id, actorId: people.editor.id },
        );
        updates.queued();
        return job;
      };

      const viaApi = await enqueue();
      const halfway = await until(viaApi.id, (j) => j.status === 'running' && j.progress === 0.5);
      assert.equal(halfway.message, 'waiting');
      const events = follow(viaApi.id);
      const asked = await call('POST', `/v1/orgs/${orgA}/jobs/${viaApi.id}/cancel`, {
        token: sessions.editor,
      });
      assert.equal(asked.status, 200);
      assert.deepEqual([asked.body.status, asked.body.cancelRequested], ['running', true]);
      const cancelled = finalJob(await events);
      assert.deepEqual([cancelled.status, cancelled.cancelRequested], ['cancelled', true]);
      assert.ok(cancelled.finishedAt);

      // another instance's API wrote the request: only the database tells this runner
      const viaDatabase = await enqueue();
      await until(viaDatabase.id, (j) => j.status === 'running' && j.progress === 0.5);
      await jobs.requestCancel(store, orgA, viaDatabase.id, { userId: null, actorId: 'elsewhere' });
      assert.equal(finalJob(await follow(viaDatabase.id)).status, 'cancelled');

      const again = await call('POST', `/v1/orgs/${orgA}/jobs/${viaApi.id}/cancel`, {
        token: sessions.editor,
      });
      assert.deepEqual([again.status, again.body.status], [200, 'cancelled']);
      const succeeded = (await jobs.list(store, orgA, { status: 'succeeded', limit: 1 }))[0];
      const late = await call('POST', `/v1/orgs/${orgA}/jobs/${succeeded.id}/cancel`, {
        token: sessions.editor,
      });
      assert.equal(late.status, 409);
      assert.deepEqual(late.body.details, { status: 'succeeded' });

      // a server that stops ends its running job as interrupted, retryable
      const stopped = await enqueue();
      await until(stopped.id, (j) => j.status === 'running' && j.progress === 0.5);
      await runner.close();
      const interrupted = await jobs.get(store, orgA, stopped.id);
      assert.equal(interrupted.status, 'failed');
      assert.deepEqual([interrupted.error?.code, interrupted.error?.retryable], ['JOB_INTERRUPTED', true]);
      runner = newRunner();
      await runner.start();
    });

    it('retry: an import interrupted by a crashed worker and a cancelled one run again as new jobs and succeed; a job is retried once', async () => {
      await runner.close();
      const xml = readFileSync(oneProcessXml);
      const cancelledUpload = await upload('?name=Cancelled', xml, 'application/xml');
      const cancelled = await call(
        'POST',
        `/v1/orgs/${orgA}/jobs/${String(cancelledUpload.body.id)}/cancel`,
        {
          token: sessions.editor,
        },
      );
      assert.deepEqual([cancelled.status, cancelled.body.status], [200, 'cancelled']);

      const crashedUpload = await upload('?name=Interrupted', xml, 'application/xml');
      const crashedId = String(crashedUpload.body.id);
      // A worker takes the job and dies with it (the crash itself is cli/src/crash-safety.test.ts).
      assert.equal((await jobs.claim(store, 'crashed-worker', ['database-import']))?.id, crashedId);
      runner = newRunner();
      await runner.start(); // PGlite: everything left running is interrupted; PostgreSQL: once its heartbeat is stale
      const interrupted = finalJob(await follow(crashedId));
      assert.equal(interrupted.status, 'failed');
      assert.deepEqual(
        [interrupted.error?.code, interrupted.error?.retryable, interrupted.error?.details.worker],
        ['JOB_INTERRUPTED', true, 'crashed-worker'],
      );
      assert.deepEqual(await versionsNamed('Interrupted'), []);

      const retried = await call('POST', `/v1/orgs/${orgA}/jobs/${crashedId}/retry`, {
        token: sessions.editor,
      });
      assert.equal(retried.status, 202, JSON.stringify(retried.body));
      assert.equal(retried.headers.get('location'), `/v1/orgs/${orgA}/jobs/${String(retried.body.id)}`);
      assert.deepEqual([retried.body.retryOf, retried.body.status], [crashedId, 'queued']);
      const twice = await call('POST', `/v1/orgs/${orgA}/jobs/${crashedId}/retry`, {
        token: sessions.editor,
      });
      assert.equal(twice.status, 409);
      assert.deepEqual(twice.body.details, { status: 'failed', retriedAs: retried.body.id });
      const succeeded = finalJob(await follow(String(retried.body.id)));
      assert.equal(succeeded.status, 'succeeded', JSON.stringify(succeeded.error));
      assert.deepEqual(
        (await versionsNamed('Interrupted')).map((v) => v.id),
        [succeeded.output?.versionId],
      );
      const notAgain = await call('POST', `/v1/orgs/${orgA}/jobs/${succeeded.id}/retry`, {
        token: sessions.editor,
      });
      assert.deepEqual([notAgain.status, notAgain.body.details], [409, { status: 'succeeded' }]);

      const revived = await call('POST', `/v1/orgs/${orgA}/jobs/${String(cancelledUpload.body.id)}/retry`, {
        token: sessions.editor,
      });
      assert.equal(revived.status, 202);
      assert.equal(
        finalJob(await follow(String(revived.body.id))).status,
        'succeeded',
        'the cancelled upload was kept',
      );
      assert.equal((await versionsNamed('Cancelled')).length, 1);
    });

    if (options.concurrentTransactions)
      it('cancel of an import in the middle of its transaction: nothing of it is written; a retry imports it', async () => {
        const before = await counts();
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        // Holding this lock, the import's first insert of datasets waits: the import is mid-transaction.
        const holder = store.transaction(async (trx) => {
          await sql`lock table database_entities in share mode`.execute(trx);
          locked();
          await released;
        });
        let jobId = '';
        try {
          await isLocked;
          const answer = await upload('?name=Blocked', readFileSync(oneProcessXml), 'application/xml');
          assert.equal(answer.status, 202);
          jobId = String(answer.body.id);
          for (let waited = 0; ; waited++) {
            const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like 'insert into "database_entities"%'`.execute(
              store.db,
            );
            if (Number(waiting.rows[0].n) > 0) break;
            assert.ok(waited < 600, 'the import reaches its insert of datasets');
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          const asked = await call('POST', `/v1/orgs/${orgA}/jobs/${jobId}/cancel`, {
            token: sessions.editor,
          });
          assert.deepEqual(
            [asked.status, asked.body.status, asked.body.cancelRequested],
            [200, 'running', true],
          );
        } finally {
          release();
          await holder;
        }
        const done = finalJob(await follow(jobId));
        assert.equal(done.status, 'cancelled');
        assert.deepEqual(await counts(), before, 'no version, no dataset');
        assert.deepEqual(await versionsNamed('Blocked'), []);
        const retried = await call('POST', `/v1/orgs/${orgA}/jobs/${jobId}/retry`, {
          token: sessions.editor,
        });
        assert.equal(finalJob(await follow(String(retried.body.id))).status, 'succeeded');
        assert.equal((await versionsNamed('Blocked')).length, 1);
      });

    it('nothing unexpected was logged', () => {
      assert.deepEqual(errors, []);
    });
  });
}
