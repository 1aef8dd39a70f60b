import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql, type RawBuilder } from 'kysely';
import * as modelJobsMigration from '../migrations/007-model-jobs.js';
import { jobs, type Job } from '../repositories/jobs.js';
import type { Store } from '../store.js';

/**
 * The jobs of one product model and the Monte Carlo runs of one calculation's inputs (migration 007): the list's
 * `modelId` filter (`input.modelId`) and `inputsHash` filter (`output.inputsHash`), with the other filters, newest
 * first, scoped by organisation; the migration applied again; and the planner able to answer both from their
 * indexes. Run for every Store implementation.
 */
export function jobLookupCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`job lookup by model and inputs hash: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    let org = '';
    let other = '';
    const actor = { userId: null, actorId: 'tester' };
    /** Kinds of this suite's own, so that no other job in the store is ever claimed or listed. */
    const suffix = randomUUID().slice(0, 8);
    const CALCULATION = `model-calculation-${suffix}`;
    const MONTE_CARLO = `monte-carlo-${suffix}`;
    const IMPORT = `database-import-${suffix}`;
    const modelA = `model-a-${suffix}`;
    const modelB = `model-b-${suffix}`;

    before(async () => {
      ({ store, cleanup } = await open());
      for (const slug of [`lookup-${suffix}`, `lookup-other-${suffix}`]) {
        const id = randomUUID();
        await store.db.insertInto('organisations').values({ id, name: slug, slug }).execute();
        if (org === '') org = id;
        else other = id;
      }
    });
    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    const enqueue = (kind: string, input: Record<string, unknown>, organisationId = org) =>
      jobs.enqueue(store, { organisationId, kind, input }, actor);

    /** Runs the oldest queued job of `kind` to success with `output`, as a worker does. */
    async function succeed(kind: string, output: Record<string, unknown>): Promise<Job> {
      const claimed = await jobs.claim(store, `worker-${suffix}`, [kind]);
      assert.ok(claimed, `a queued ${kind} job`);
      const done = await jobs.finish(store, claimed.id, `worker-${suffix}`, { status: 'succeeded', output });
      assert.ok(done);
      return done;
    }

    const ids = (list: Job[]) => list.map((j) => j.id);

    it('migration 007 made both indexes, and applying it again changes nothing', async () => {
      for (const statement of modelJobsMigration.statements) await sql.raw(statement).execute(store.db);
      const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes
        where tablename = 'jobs' and indexname in ('jobs_model', 'jobs_inputs_hash') order by indexname`.execute(
        store.db,
      );
      assert.deepEqual(
        indexes.rows.map((r) => r.indexname),
        ['jobs_inputs_hash', 'jobs_model'],
      );
    });

    it("lists one model's jobs, newest first, with the other filters; another organisation's are not among them", async () => {
      const a1 = await enqueue(CALCULATION, { modelId: modelA, request: {} });
      const b1 = await enqueue(MONTE_CARLO, { modelId: modelB, request: { seed: 1 } });
      const a2 = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 1 } });
      const upload = await enqueue(IMPORT, { uploadId: 'u1' });
      const a3 = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 2 } });
      const elsewhere = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 1 } }, other);

      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelA })), [a3.id, a2.id, a1.id]);
      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelB })), [b1.id]);
      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelA, kind: MONTE_CARLO })), [
        a3.id,
        a2.id,
      ]);
      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelA, limit: 1 })), [a3.id]);
      assert.deepEqual(ids(await jobs.list(store, other, { modelId: modelA })), [elsewhere.id]);
      assert.deepEqual(await jobs.list(store, org, { modelId: `no-such-model-${suffix}` }), []);
      // Without the filter every job of the organisation is listed, the import among them.
      const all = ids(await jobs.list(store, org, { limit: 200 }));
      for (const job of [a1, b1, a2, upload, a3]) assert.ok(all.includes(job.id), job.kind);
      assert.ok(!all.includes(elsewhere.id));

      // Status: the oldest Monte Carlo job of model A (a2, claimed first) succeeds; a3 stays queued.
      const done = await succeed(MONTE_CARLO, { inputsHash: 'sha256:unused' });
      assert.equal(done.id, b1.id, 'the oldest queued Monte Carlo job of the suite is b1');
      const second = await succeed(MONTE_CARLO, { inputsHash: 'sha256:unused' });
      assert.equal(second.id, a2.id);
      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelA, status: 'succeeded' })), [a2.id]);
      assert.deepEqual(ids(await jobs.list(store, org, { modelId: modelA, status: 'queued' })), [
        a3.id,
        a1.id,
      ]);
      // The remaining queued jobs of this test are taken out of the way of the next one.
      for (const job of [a3, a1, upload]) await jobs.requestCancel(store, org, job.id, actor);
      await jobs.requestCancel(store, other, elsewhere.id, actor);
    });

    it("finds the Monte Carlo runs of one calculation's inputs by the hash in their output", async () => {
      const hash = `sha256:${suffix}-base`;
      const solar = `sha256:${suffix}-solar`;
      const first = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 1 } });
      const scenario = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 1, scenarioId: 's' } });
      const again = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 2 } });
      const otherModel = await enqueue(MONTE_CARLO, { modelId: modelB, request: { seed: 1 } });
      const running = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 3 } });
      const theirs = await enqueue(MONTE_CARLO, { modelId: modelA, request: { seed: 1 } }, other);
      await succeed(MONTE_CARLO, { inputsHash: hash, resultId: 'r1', mean: 1 });
      await succeed(MONTE_CARLO, { inputsHash: solar, resultId: null, mean: 2 });
      await succeed(MONTE_CARLO, { inputsHash: hash, resultId: 'r1', mean: 3 });
      // Another model with equal inputs hash cannot happen (the document is hashed), but the filters are apart.
      await succeed(MONTE_CARLO, { inputsHash: hash, resultId: null, mean: 4 });
      const claimed = await jobs.claim(store, `worker-${suffix}`, [MONTE_CARLO]);
      assert.equal(claimed?.id, running.id, 'still running: no output yet');
      // The other organisation's run of the same hash, finished by its own worker.
      const theirClaim = await jobs.claim(store, `worker-${suffix}`, [MONTE_CARLO]);
      assert.equal(theirClaim?.id, theirs.id);
      await jobs.finish(store, theirs.id, `worker-${suffix}`, {
        status: 'succeeded',
        output: { inputsHash: hash, mean: 5 },
      });

      const runs = await jobs.list(store, org, {
        kind: MONTE_CARLO,
        status: 'succeeded',
        modelId: modelA,
        inputsHash: hash,
      });
      assert.deepEqual(ids(runs), [again.id, first.id]);
      assert.deepEqual(
        runs.map((r) => r.output),
        [
          { inputsHash: hash, resultId: 'r1', mean: 3 },
          { inputsHash: hash, resultId: 'r1', mean: 1 },
        ],
      );
      assert.deepEqual(ids(await jobs.list(store, org, { inputsHash: solar })), [scenario.id]);
      assert.deepEqual(ids(await jobs.list(store, org, { inputsHash: hash, limit: 1 })), [otherModel.id]);
      assert.deepEqual(ids(await jobs.list(store, other, { inputsHash: hash })), [theirs.id]);
      assert.deepEqual(await jobs.list(store, org, { inputsHash: `sha256:${suffix}-none` }), []);
      await jobs.finish(store, running.id, `worker-${suffix}`, { status: 'cancelled' });
    });

    it('the planner can answer both filters from their indexes', async () => {
      // Sequential scans are switched off for one transaction: with a handful of rows the planner would rightly
      // prefer them, and this case asks only whether the indexes match the queries the repository makes.
      const plan = (query: RawBuilder<unknown>) =>
        store.transaction(async (trx) => {
          await sql`set local enable_seqscan = off`.execute(trx);
          const rows = await sql<{ 'QUERY PLAN': string }>`explain ${query}`.execute(trx);
          return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
        });
      assert.match(
        await plan(
          sql`select id from jobs where organisation_id = ${org} and input ->> 'modelId' = ${modelA}
            order by created_at desc, id desc limit 50`,
        ),
        /jobs_model/,
      );
      assert.match(
        await plan(
          sql`select id from jobs where organisation_id = ${org} and kind = ${MONTE_CARLO}
            and status = 'succeeded' and output ->> 'inputsHash' = ${'sha256:x'}
            order by created_at desc, id desc limit 1`,
        ),
        /jobs_inputs_hash/,
      );
    });
  });
}
