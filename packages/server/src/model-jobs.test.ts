// Calculations and Monte Carlo runs of product models as background jobs, through a real server on PGlite.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStore, signIn, type Store } from '@opencfp/store';
import { createApp } from './app.js';
import { CalculatorCache } from './calculator-cache.js';
import { loadConfig } from './config.js';
import { JobRunner } from './jobs/job-runner.js';
import { JobUpdates } from './jobs/job-updates.js';
import { modelJobHandlers } from './jobs/model-job-handlers.js';
import { seedDemo } from './seed-demo.js';
import { listen } from './serve.js';

type Body = Record<string, unknown>;

describe('model jobs: calculation and Monte Carlo in the background', () => {
  let store: Store;
  let server: { url: string; close(): Promise<void> };
  let runner: JobRunner;
  let token = '';
  let orgId = '';
  let battery = '';

  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body }> => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };

  const finished = async (jobId: string): Promise<Body> => {
    for (;;) {
      const job = await call('GET', `/v1/orgs/${orgId}/jobs/${jobId}`);
      if (['succeeded', 'failed', 'cancelled'].includes(String(job.body.status))) return job.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  before(async () => {
    store = await openStore();
    const seed = await seedDemo(store);
    const config = { ...loadConfig({ env: {} }), dataDir: null };
    const updates = new JobUpdates();
    const cache = new CalculatorCache();
    runner = new JobRunner({ store, config, updates, pollMs: 50, heartbeatMs: 100, staleMs: 1000 });
    for (const [kind, handler] of Object.entries(modelJobHandlers(cache))) runner.register(kind, handler);
    await runner.start();
    server = await listen(createApp({ store, config, jobUpdates: updates, calculatorCache: cache }), {
      port: 0,
      host: '127.0.0.1',
    });
    const session = await signIn(store, seed.email as string, seed.password as string);
    token = session?.token ?? '';
    orgId = (await store.db.selectFrom('organisations').select('id').executeTakeFirstOrThrow()).id;
    const models = await call('GET', `/v1/orgs/${orgId}/models`);
    battery = (models.body.models as { id: string; name: string }[]).find((m) => m.name.startsWith('LFP'))
      ?.id as string;
  });

  after(async () => {
    await runner.close();
    await server.close();
    await store.close();
  });

  it('a Monte Carlo run is reproducible with its seed and centred on the calculated footprint', async () => {
    const direct = await call('POST', `/v1/orgs/${orgId}/models/${battery}/calculations`, {});
    assert.equal(direct.status, 201, JSON.stringify(direct.body));
    const total = direct.body.total as number;
    const run = async () => {
      const queued = await call('POST', `/v1/orgs/${orgId}/models/${battery}/jobs`, {
        kind: 'monte-carlo',
        iterations: 400,
        seed: 11,
      });
      assert.equal(queued.status, 202, JSON.stringify(queued.body));
      const job = await finished(String(queued.body.id));
      assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
      return job.output as {
        deterministic: number;
        mean: number;
        sd: number;
        percentiles: { p2_5: number; p50: number; p97_5: number };
        sampled: { parameters: string[]; lines: string[] };
        iterations: number;
        modelVersion: number;
      };
    };
    const a = await run();
    const b = await run();
    assert.deepEqual(a, b, 'equal seeds give equal runs');
    assert.ok(Math.abs(a.deterministic - total) < 1e-9 * total, `${a.deterministic} ≠ ${total}`);
    assert.equal(a.iterations, 400);
    assert.deepEqual(a.sampled.parameters.sort(), ['cell_electricity', 'housing_mass']);
    assert.equal(a.sampled.lines.length, 1);
    assert.ok(a.sd > 0 && a.percentiles.p2_5 < a.percentiles.p50 && a.percentiles.p50 < a.percentiles.p97_5);
  });

  it('a calculation job stores its result like the route does; bad requests are 400; a long run can be cancelled', async () => {
    const queued = await call('POST', `/v1/orgs/${orgId}/models/${battery}/jobs`, {
      kind: 'calculation',
      scenarioId: 'solar-50',
    });
    assert.equal(queued.status, 202);
    const job = await finished(String(queued.body.id));
    assert.equal(job.status, 'succeeded', JSON.stringify(job.error));
    const { resultId, reused } = job.output as { resultId: string; reused: boolean };
    assert.equal(reused, false);
    const result = await call('GET', `/v1/orgs/${orgId}/calculations/${resultId}`);
    assert.equal(result.status, 200);
    assert.equal((result.body.request as { scenarioId: string }).scenarioId, 'solar-50');

    for (const body of [
      { kind: 'monte-carlo', iterations: 0, seed: 1 },
      { kind: 'monte-carlo', iterations: 10 },
      { kind: 'sleep' },
    ]) {
      const refused = await call('POST', `/v1/orgs/${orgId}/models/${battery}/jobs`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
    }
    const missing = await call('POST', `/v1/orgs/${orgId}/models/no-such-model/jobs`, {
      kind: 'calculation',
    });
    assert.equal(missing.status, 404);

    const long = await call('POST', `/v1/orgs/${orgId}/models/${battery}/jobs`, {
      kind: 'monte-carlo',
      iterations: 100_000,
      seed: 2,
    });
    for (;;) {
      const state = await call('GET', `/v1/orgs/${orgId}/jobs/${String(long.body.id)}`);
      if (state.body.status === 'running' && (state.body.progress as number) > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const cancel = await call('POST', `/v1/orgs/${orgId}/jobs/${String(long.body.id)}/cancel`);
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    const ended = await finished(String(long.body.id));
    assert.equal(ended.status, 'cancelled');
  });
});
