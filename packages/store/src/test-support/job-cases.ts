import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { StoreError } from '../errors.js';
import * as jobsMigration from '../migrations/003-jobs.js';
import { importBackgroundDatabase } from '../repositories/background-databases.js';
import { jobs, type Job } from '../repositories/jobs.js';
import type { Store } from '../store.js';

const isCode = (code: string) => (e: unknown) => {
  assert.ok(e instanceof StoreError, `expected a StoreError ${code}, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return true;
};

/** Options of the job case suite. */
export interface JobCaseOptions {
  /** A small database (folder or file) that importBackgroundDatabase reads. */
  examplePath: string;
  /** The engine runs transactions side by side (PostgreSQL): also test claims against a held row lock. */
  concurrentTransactions?: boolean;
}

/**
 * The jobs repository on a store: enqueue, list, claim (never twice the same job), heartbeat, cancel, recovery of
 * interrupted jobs, retry, results committed with their job, tenant scoping, the audit trail, and an import that
 * is cancelled half-way leaving nothing. Run for every Store implementation.
 */
export function jobCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
  options: JobCaseOptions,
) {
  describe(`Job cases: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    let org = '';
    let other = '';
    const actor = { userId: null, actorId: 'tester' };
    /** Each case uses kinds of its own, so the cases' queues do not mix. */
    const kindOf = (label: string) => `${label}-${randomUUID().slice(0, 8)}`;

    before(async () => {
      ({ store, cleanup } = await open());
      for (const slug of [`jobs-${randomUUID().slice(0, 8)}`, `other-${randomUUID().slice(0, 8)}`]) {
        const id = randomUUID();
        await store.db.insertInto('organisations').values({ id, name: slug, slug }).execute();
        if (org === '') org = id;
        else other = id;
      }
    });
    after(async () => {
      await store.close();
      await cleanup?.();
    });

    const enqueue = (kind: string, input: Record<string, unknown> = {}, organisationId = org) =>
      jobs.enqueue(store, { organisationId, kind, input }, actor);

    it('migration 003 (retries, queue indexes) can be applied again without harm', async () => {
      for (const statement of jobsMigration.statements) await sql.raw(statement).execute(store.db);
      const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns
        where table_name = 'jobs' and column_name = 'retry_of'`.execute(store.db);
      assert.equal(columns.rows.length, 1);
    });

    it('enqueues, reads and lists jobs newest first, filtered; another organisation’s job is NOT_FOUND', async () => {
      const kind = kindOf('list');
      const first = await enqueue(kind, { file: 'a.zip', nested: { n: 1.5 } });
      assert.deepEqual(
        { ...first, id: undefined, createdAt: undefined },
        {
          id: undefined,
          organisationId: org,
          kind,
          status: 'queued',
          progress: 0,
          message: null,
          input: { file: 'a.zip', nested: { n: 1.5 } },
          output: null,
          error: null,
          attempts: 0,
          cancelRequested: false,
          worker: null,
          heartbeatAt: null,
          retryOf: null,
          createdBy: null,
          createdAt: undefined,
          startedAt: null,
          finishedAt: null,
        },
      );
      const second = await enqueue(kind);
      const elsewhere = await enqueue(kind, {}, other);
      assert.deepEqual(await jobs.get(store, org, first.id), first);
      const listed = (await jobs.list(store, org, { kind })).map((j) => j.id);
      assert.deepEqual(listed, [second.id, first.id]);
      assert.deepEqual(
        (await jobs.list(store, org, { kind, limit: 1 })).map((j) => j.id),
        [second.id],
      );
      assert.deepEqual(await jobs.list(store, org, { kind, status: 'running' }), []);
      assert.deepEqual(
        (await jobs.list(store, other, { kind })).map((j) => j.id),
        [elsewhere.id],
      );
      await assert.rejects(jobs.get(store, other, first.id), isCode('NOT_FOUND'));
      await assert.rejects(jobs.get(store, org, 'no-such-job'), isCode('NOT_FOUND'));
      await assert.rejects(jobs.requestCancel(store, other, first.id, actor), isCode('NOT_FOUND'));
      await assert.rejects(jobs.retry(store, other, first.id, actor), isCode('NOT_FOUND'));
      assert.equal((await jobs.get(store, org, first.id)).status, 'queued', 'unchanged by the other tenant');
    });

    it('a worker claims the oldest queued job of its kinds; only the holder heartbeats and finishes it', async () => {
      const kind = kindOf('claim');
      const elsewhere = kindOf('not-mine');
      await enqueue(elsewhere);
      const oldest = await enqueue(kind, { n: 1 });
      const newer = await enqueue(kind, { n: 2 });
      const claimed = await jobs.claim(store, 'worker-1', [kind]);
      assert.ok(claimed);
      assert.deepEqual(
        [claimed.id, claimed.status, claimed.worker, claimed.attempts],
        [oldest.id, 'running', 'worker-1', 1],
      );
      assert.ok(claimed.startedAt instanceof Date && claimed.heartbeatAt instanceof Date);
      assert.equal((await jobs.claim(store, 'worker-2', [kind]))?.id, newer.id);
      assert.equal(await jobs.claim(store, 'worker-3', [kind]), undefined, 'nothing left of this kind');
      assert.equal(await jobs.claim(store, 'worker-3', []), undefined);

      assert.deepEqual(
        await jobs.heartbeat(store, claimed.id, 'worker-1', { progress: 0.25, message: 'writing' }),
        { held: true, cancelRequested: false },
      );
      assert.deepEqual(
        await jobs.heartbeat(store, claimed.id, 'worker-2', { progress: 0.9 }),
        { held: false, cancelRequested: false },
        'another worker cannot write it',
      );
      await jobs.heartbeat(store, claimed.id, 'worker-1', { progress: 7 });
      const read = await jobs.get(store, org, claimed.id);
      assert.deepEqual([read.progress, read.message], [1, 'writing'], 'progress is kept within 0 … 1');
      assert.equal(
        await jobs.finish(store, claimed.id, 'worker-2', { status: 'succeeded', output: {} }),
        undefined,
      );
      const done = await jobs.finish(store, claimed.id, 'worker-1', {
        status: 'succeeded',
        output: { versionId: 'v1', stats: { processes: 4 } },
      });
      assert.deepEqual(
        [done?.status, done?.progress, done?.output],
        ['succeeded', 1, { versionId: 'v1', stats: { processes: 4 } }],
      );
      assert.ok(done?.finishedAt instanceof Date);
      assert.deepEqual(await jobs.heartbeat(store, claimed.id, 'worker-1'), {
        held: false,
        cancelRequested: false,
      });
      const failed = await jobs.finish(store, newer.id, 'worker-2', {
        status: 'failed',
        error: { code: 'UNKNOWN_FORMAT', message: 'not a database', details: {}, retryable: false },
      });
      assert.deepEqual(
        [failed?.status, failed?.error?.code, failed?.error?.retryable],
        ['failed', 'UNKNOWN_FORMAT', false],
      );
      const trail = await store.db
        .selectFrom('audit_log')
        .where('entity', '=', 'job')
        .where('entity_id', '=', claimed.id)
        .orderBy('id')
        .select(['action', 'actor_id'])
        .execute();
      assert.deepEqual(
        trail.map((t) => [t.action, t.actor_id]),
        [
          ['create', 'tester'],
          ['start', null],
          ['succeed', null],
        ],
      );
    });

    it('workers claiming at the same time never get the same job', async () => {
      const kind = kindOf('race');
      const queued = new Set<string>();
      for (let i = 0; i < 12; i++) queued.add((await enqueue(kind, { i })).id);
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, w) => jobs.claim(store, `racer-${w}`, [kind])),
      );
      const got = claims.filter((j): j is Job => j !== undefined).map((j) => j.id);
      assert.equal(got.length, 12, 'every job claimed');
      assert.equal(new Set(got).size, 12, 'none twice');
      assert.deepEqual(new Set(got), queued);
    });

    if (options.concurrentTransactions)
      it('a claim skips a job whose row another transaction holds, without waiting for it', async () => {
        const kind = kindOf('skip');
        const held = await enqueue(kind);
        const free = await enqueue(kind);
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        let locked!: () => void;
        const isLocked = new Promise<void>((resolve) => (locked = resolve));
        const holder = store.transaction(async (trx) => {
          await trx.selectFrom('jobs').select('id').where('id', '=', held.id).forUpdate().execute();
          locked();
          await released;
        });
        await isLocked;
        try {
          const claimed = await jobs.claim(store, 'skipper', [kind]);
          assert.equal(claimed?.id, free.id, 'the held (older) job is skipped, the next one taken');
          assert.equal(await jobs.claim(store, 'skipper-2', [kind]), undefined);
        } finally {
          release();
          await holder;
        }
        assert.equal((await jobs.claim(store, 'skipper-3', [kind]))?.id, held.id);
      });

    it('cancel: a queued job at once, a running one when its worker sees the request; finished jobs are CONFLICT', async () => {
      const kind = kindOf('cancel');
      const queued = await enqueue(kind);
      const cancelled = await jobs.requestCancel(store, org, queued.id, actor);
      assert.deepEqual([cancelled.status, cancelled.cancelRequested], ['cancelled', true]);
      assert.ok(cancelled.finishedAt instanceof Date);
      assert.equal(await jobs.claim(store, 'w', [kind]), undefined, 'a cancelled job is never started');
      assert.equal(
        (await jobs.requestCancel(store, org, queued.id, actor)).status,
        'cancelled',
        'idempotent',
      );

      const running = await enqueue(kind);
      await jobs.claim(store, 'w', [kind]);
      const asked = await jobs.requestCancel(store, org, running.id, actor);
      assert.deepEqual([asked.status, asked.cancelRequested], ['running', true]);
      assert.deepEqual(await jobs.heartbeat(store, running.id, 'w', { progress: 0.5 }), {
        held: true,
        cancelRequested: true,
      });
      const ended = await jobs.finish(store, running.id, 'w', { status: 'cancelled' });
      assert.equal(ended?.status, 'cancelled');

      const finished = await enqueue(kind);
      await jobs.claim(store, 'w', [kind]);
      await jobs.finish(store, finished.id, 'w', { status: 'succeeded', output: {} });
      await assert.rejects(jobs.requestCancel(store, org, finished.id, actor), (e: unknown) => {
        isCode('CONFLICT')(e);
        assert.deepEqual((e as StoreError).details, { status: 'succeeded' });
        return true;
      });
      const trail = await store.db
        .selectFrom('audit_log')
        .where('entity', '=', 'job')
        .where('entity_id', 'in', [queued.id, running.id])
        .orderBy('id')
        .select(['entity_id', 'action'])
        .execute();
      assert.deepEqual(
        trail.map((t) => `${t.entity_id === queued.id ? 'queued' : 'running'}:${t.action}`),
        [
          'queued:create',
          'queued:cancel',
          'running:create',
          'running:start',
          'running:request-cancel',
          'running:cancel',
        ],
      );
    });

    it('recovery: running jobs of a gone worker (stale heartbeat, or named) fail as JOB_INTERRUPTED, retryable', async () => {
      const kind = kindOf('recover');
      const stale = await enqueue(kind);
      const fresh = await enqueue(kind);
      const named = await enqueue(kind);
      await jobs.claim(store, 'gone', [kind]);
      await jobs.claim(store, 'alive', [kind]);
      await jobs.claim(store, 'restarted', [kind]);
      // The gone worker's last heartbeat was 5 minutes ago (by the database's clock).
      await sql`update jobs set heartbeat_at = now() - interval '5 minutes' where id = ${stale.id}`.execute(
        store.db,
      );

      const recovered = await jobs.recoverInterrupted(store, { staleAfterMs: 60_000 });
      const mine = recovered.filter((j) => j.kind === kind);
      assert.deepEqual(
        mine.map((j) => j.id),
        [stale.id],
      );
      assert.equal(mine[0].status, 'failed');
      assert.deepEqual(
        { ...mine[0].error, message: undefined, details: undefined },
        { code: 'JOB_INTERRUPTED', message: undefined, details: undefined, retryable: true },
      );
      assert.match(mine[0].error?.message ?? '', /interrupted.*retry/);
      assert.equal(mine[0].error?.details.worker, 'gone');
      assert.ok(mine[0].finishedAt instanceof Date);

      const byName = await jobs.recoverInterrupted(store, { workers: ['restarted'] });
      assert.deepEqual(
        byName.map((j) => j.id),
        [named.id],
      );
      // Everything running (as after a restart on an embedded database), except a live worker's own.
      const except = await jobs.recoverInterrupted(store, { staleAfterMs: 0, exceptWorkers: ['alive'] });
      assert.ok(!except.some((j) => j.id === fresh.id));
      assert.deepEqual(await jobs.recoverInterrupted(store, {}), [], 'no criterion: nothing');
      assert.equal((await jobs.get(store, org, fresh.id)).status, 'running');

      // The gone worker comes back: it no longer holds the job and cannot overwrite the outcome.
      assert.deepEqual(await jobs.heartbeat(store, stale.id, 'gone'), {
        held: false,
        cancelRequested: false,
      });
      assert.equal(
        await jobs.finish(store, stale.id, 'gone', { status: 'succeeded', output: {} }),
        undefined,
      );
      assert.equal((await jobs.get(store, org, stale.id)).status, 'failed');
    });

    it('retry: a failed or cancelled job becomes a new queued job with the same input, once', async () => {
      const kind = kindOf('retry');
      const input = { upload: 'x.upload', name: 'USLCI' };
      const job = await enqueue(kind, input);
      await jobs.claim(store, 'crashed', [kind]);
      await assert.rejects(jobs.retry(store, org, job.id, actor), (e: unknown) => {
        isCode('CONFLICT')(e);
        assert.deepEqual((e as StoreError).details, { status: 'running' });
        return true;
      });
      await jobs.recoverInterrupted(store, { workers: ['crashed'] });
      const retried = await jobs.retry(store, org, job.id, { userId: null, actorId: 'retrier' });
      assert.notEqual(retried.id, job.id);
      assert.deepEqual(
        [retried.status, retried.kind, retried.input, retried.retryOf, retried.attempts],
        ['queued', kind, input, job.id, 0],
      );
      await assert.rejects(jobs.retry(store, org, job.id, actor), (e: unknown) => {
        isCode('CONFLICT')(e);
        assert.deepEqual((e as StoreError).details, { status: 'failed', retriedAs: retried.id });
        return true;
      });
      await assert.rejects(jobs.retry(store, org, retried.id, actor), isCode('CONFLICT'), 'queued');
      const cancelled = await jobs.requestCancel(store, org, retried.id, actor);
      const again = await jobs.retry(store, org, cancelled.id, actor);
      assert.deepEqual([again.retryOf, again.input], [retried.id, input]);
      const audit = await store.db
        .selectFrom('audit_log')
        .where('entity_id', '=', retried.id)
        .select(['action', 'actor_id', 'details'])
        .orderBy('id')
        .execute();
      assert.deepEqual(audit[0], {
        action: 'retry',
        actor_id: 'retrier',
        details: { kind, retryOf: job.id },
      });
    });

    it('a result written with succeedIn commits with its job; a cancel request or a lost job rolls both back', async () => {
      const kind = kindOf('commit');
      const writeResult = (job: Job, worker: string) =>
        store.transaction(async (trx) => {
          await trx
            .insertInto('background_databases')
            .values({ id: `result-of-${job.id}`, organisation_id: org, name: `result ${job.id}` })
            .execute();
          await jobs.succeedIn(trx, job.id, worker, { databaseId: `result-of-${job.id}` });
        });
      const resultExists = async (job: Job) =>
        (await store.db
          .selectFrom('background_databases')
          .select('id')
          .where('id', '=', `result-of-${job.id}`)
          .executeTakeFirst()) !== undefined;

      const ok = await enqueue(kind);
      await jobs.claim(store, 'w', [kind]);
      await writeResult(ok, 'w');
      const done = await jobs.get(store, org, ok.id);
      assert.deepEqual([done.status, done.output], ['succeeded', { databaseId: `result-of-${ok.id}` }]);
      assert.ok(await resultExists(ok));

      const cancelled = await enqueue(kind);
      await jobs.claim(store, 'w', [kind]);
      await jobs.requestCancel(store, org, cancelled.id, actor);
      await assert.rejects(writeResult(cancelled, 'w'), isCode('CANCELLED'));
      assert.equal(await resultExists(cancelled), false, 'rolled back');
      assert.equal((await jobs.get(store, org, cancelled.id)).status, 'running', 'the worker finishes it');

      const lost = await enqueue(kind);
      await jobs.claim(store, 'w2', [kind]);
      await jobs.recoverInterrupted(store, { workers: ['w2'] });
      await assert.rejects(writeResult(lost, 'w2'), isCode('CONFLICT'));
      assert.equal(await resultExists(lost), false, 'rolled back');
      assert.equal((await jobs.get(store, org, lost.id)).status, 'failed');
    });

    it('an import cancelled half-way, or refused just before its commit, writes nothing', async () => {
      const count = async () => ({
        versions: Number(
          (
            await store.db
              .selectFrom('database_versions')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        entities: Number(
          (
            await store.db
              .selectFrom('database_entities')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      });
      const before = await count();
      const controller = new AbortController();
      const seen: number[] = [];
      await assert.rejects(
        importBackgroundDatabase(
          store,
          { organisationId: org, name: 'cancelled', path: options.examplePath },
          null,
          {
            signal: controller.signal,
            onProgress: (fraction) => {
              seen.push(fraction);
              // the first batch is written (inside the transaction): now cancel
              if (fraction > 0) controller.abort(new Error('cancelled by the test'));
            },
          },
        ),
        (e: unknown) => {
          isCode('CANCELLED')(e);
          assert.match((e as Error).message, /cancelled by the test.*nothing of it was written/);
          return true;
        },
      );
      assert.ok(
        seen.some((f) => f > 0 && f < 1),
        `cancelled after some rows were written: ${seen.join(', ')}`,
      );
      assert.deepEqual(await count(), before);

      await assert.rejects(
        importBackgroundDatabase(
          store,
          { organisationId: org, name: 'refused', path: options.examplePath },
          null,
          {
            beforeCommit: async (trx, version) => {
              const inside = await trx
                .selectFrom('database_entities')
                .select((eb) => eb.fn.countAll().as('n'))
                .where('version_id', '=', version.id)
                .executeTakeFirstOrThrow();
              assert.ok(Number(inside.n) > 0, 'everything is written when beforeCommit runs');
              throw new StoreError('CANCELLED', 'refused at the commit');
            },
          },
        ),
        isCode('CANCELLED'),
      );
      assert.deepEqual(await count(), before);
      const aborted = new AbortController();
      aborted.abort();
      await assert.rejects(
        importBackgroundDatabase(
          store,
          { organisationId: org, name: 'never', path: options.examplePath },
          null,
          { signal: aborted.signal },
        ),
        isCode('CANCELLED'),
      );
      // and the old signature (a progress callback) still imports
      const progress: number[] = [];
      const version = await importBackgroundDatabase(
        store,
        { organisationId: org, name: 'kept', path: options.examplePath },
        null,
        (fraction) => progress.push(fraction),
      );
      assert.equal(progress.at(-1), 1);
      assert.equal((await count()).versions, before.versions + 1);
      assert.ok(version.id);
    });
  });
}
