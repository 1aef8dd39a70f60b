// The platform API on this machine (issue 5 targets, on PostgreSQL): reading a stored product result ≥ 1,000
// requests/s with p99 ≤ 50 ms (8 keep-alive clients in a worker thread over loopback for 5 s); USLCI import ≤ 10 s; a calculation on a
// USLCI-based product model ≤ 200 ms once its database version is cached (and a footprint of one USLCI dataset). Runs on PGlite, and on PostgreSQL when a server is
// available (OPENCFP_TEST_DATABASE_URL, or the local cluster as root — scripts/postgres-for-tests.mjs).
// The import goes through the API: an upload streamed to disk, imported by a background job.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, JobRunner, JobUpdates, listen, loadConfig } from '@opencfp/server';
import {
  createOrganisation,
  createUser,
  productModels,
  openStore,
  products,
  signIn,
  type Store,
} from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';
import { uslciJsonLd } from '../test-support/shared-data.js';
import { loadTest, median, ms, postgresUrlForBench, quantile, uploadThroughApi } from './bench-support.js';

async function run(label: string, store: Store): Promise<void> {
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  const product = await products.create(
    store,
    org.id,
    {
      nameEn: 'Bench product',
      nameZh: null,
      categoryScheme: null,
      categoryCode: null,
      identifiers: [],
      declaredUnitAmount: 1,
      declaredUnit: 'kg',
    },
    user.id,
  );
  const uploadDir = await mkdtemp(join(tmpdir(), 'opencfp-bench-uploads-'));
  const config = { ...loadConfig({ env: {} }), dataDir: null, uploadDir, validateResponses: false };
  const updates = new JobUpdates();
  const runner = new JobRunner({ store, config, updates });
  await runner.start();
  const server = await listen(createApp({ store, config, jobUpdates: updates }), {
    port: 0,
    host: '127.0.0.1',
  });
  try {
    const session = await signIn(store, 'bench@example.com', 'bench password');
    const token = session?.token ?? '';
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const uploaded = await uploadThroughApi(server.url, org.id, token, uslciJsonLd(), 'USLCI');
    const importMs = uploaded.importMs;
    const version = { id: uploaded.versionId };
    // Footprint of a USLCI dataset: 'Electricity, at grid, US, 2008' (first call loads and factorizes).
    const body = JSON.stringify({ processId: 'b65eb774-e80d-3ba6-a63c-5e1a5e33e54b' });
    const footprint = async () => {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/orgs/${org.id}/databases/${version.id}/footprint`, {
        method: 'POST',
        headers,
        body,
      });
      if (res.status !== 200) throw new Error(`footprint: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - start;
    };
    const coldMs = await footprint();
    const warm: number[] = [];
    for (let i = 0; i < 30; i++) warm.push(await footprint());

    // A product model on USLCI: 8 background datasets, a supplier footprint, a direct emission, a loop.
    const model = await productModels.create(
      store,
      org.id,
      { productId: product.id, name: 'Bench model', backgroundVersionId: version.id, model: benchModel(1) },
      user.id,
    );
    const calculate = async (k: number) => {
      // A new document each time, so the result is calculated, not found by its inputs hash.
      const current = await productModels.get(store, org.id, model.id);
      await productModels.save(store, org.id, model.id, current.version, benchModel(k), user.id);
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/orgs/${org.id}/models/${model.id}/calculations`, {
        method: 'POST',
        headers,
        body: '{}',
      });
      const answer = (await res.json()) as { id: string };
      if (res.status !== 201) throw new Error(`calculation: ${res.status} ${JSON.stringify(answer)}`);
      return { ms: performance.now() - start, id: answer.id };
    };
    const firstModel = await calculate(2);
    const modelTimes: number[] = [];
    for (let k = 3; k < 33; k++) modelTimes.push((await calculate(k)).ms);

    // Reading a stored result: 8 clients, 5 s.
    const url = `${server.url}/v1/orgs/${org.id}/calculations/${firstModel.id}`;
    const latencies = await loadTest(url, { authorization: headers.authorization });

    console.log(
      `${label.padEnd(10)} USLCI import ${ms(importMs)} (target ≤ 10 s) · footprint first ${ms(coldMs)}, cached median ${ms(median(warm))}, p99 ${ms(quantile(warm, 0.99))} · model calculation first ${ms(firstModel.ms)}, then median ${ms(median(modelTimes))}, p99 ${ms(quantile(modelTimes, 0.99))} (target ≤ 200 ms) · stored result read ${(latencies.length / 5).toFixed(0)} req/s, median ${ms(median(latencies))}, p99 ${ms(quantile(latencies, 0.99))} (target ≥ 1,000 req/s, p99 ≤ 50 ms)`,
    );
  } finally {
    await server.close();
    await runner.close();
    await rm(uploadDir, { recursive: true, force: true });
  }
}

/** A model on USLCI; `k` changes the packaging amount so each document (and result) is new. */
function benchModel(k: number): object {
  const background = (name: string, amount: number | string, unit: string, processId: string) => ({
    name,
    amount,
    unit,
    source: { kind: 'background', processId },
  });
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'assembly',
    parameters: [{ name: 'mass', value: 12 }],
    processes: [
      {
        id: 'assembly',
        name: 'Assembly',
        stage: 'production',
        output: { amount: 1, unit: 'item' },
        inputs: [
          { name: 'parts', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'parts' } },
          background('grid electricity', 40, 'kWh', 'ab20a7bb-0dab-3840-8e9d-4fcbd224d521'),
          background('natural gas', 0.8, 'm3', '5b81b61c-4d10-3bed-9926-8a5f868f5174'),
          background('diesel', 0.002, 'm3', '53804132-4bd6-3b18-bfbd-14ac762431ef'),
          background('truck', 'mass * 0.5', 't*km', 'dce702f1-03a1-3fe9-bb48-94a5217fd8cb'),
          background('packaging', 0.5 + k * 1e-6, 'kg', '7fd53cbd-975a-3737-bf3a-bfa3285833ed'),
        ],
        emissions: [{ gas: 'CO2', amount: 0.3 }],
      },
      {
        id: 'parts',
        name: 'Parts',
        output: { amount: 1, unit: 'item' },
        inputs: [
          background('aluminium', 'mass * 0.4', 'kg', '99963138-ddf9-3b32-9e93-69593d76cb08'),
          background('steel sheet', 'mass * 0.5', 'kg', 'c378e883-97fc-3714-b923-d7271b8fcbac'),
          background('galvanized coil', 1, 'kg', '41ecdfe1-8026-3373-96c4-ee1921f2525c'),
          {
            name: 'electronics',
            amount: 1,
            unit: 'item',
            source: { kind: 'supplier', pcfExcludingBiogenic: 25, unit: 'item' },
          },
          { name: 'rework', amount: 0.02, unit: 'item', source: { kind: 'foreground', processId: 'parts' } },
        ],
      },
    ],
  };
}

const pglite = await openStore();
try {
  await run('PGlite', pglite);
} finally {
  await pglite.close();
}
const postgresUrl = await postgresUrlForBench();
if (postgresUrl) {
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  try {
    await run('PostgreSQL', store);
  } finally {
    await store.close();
    await drop();
  }
} else console.log('PostgreSQL: no server available (set OPENCFP_TEST_DATABASE_URL); skipped');
