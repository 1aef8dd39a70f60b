// The platform API on this machine (issue 5 targets, on PostgreSQL): reading a stored product ≥ 1,000 requests/s
// with p99 ≤ 50 ms (8 concurrent clients over loopback for 5 s); USLCI import ≤ 10 s; a footprint on a USLCI
// dataset ≤ 200 ms once its database version is cached. Runs on PGlite, and on PostgreSQL when a server is
// available (OPENCFP_TEST_DATABASE_URL, or the local cluster as root — scripts/postgres-for-tests.mjs).
// The import is timed through the store: the API's upload route (an import job) is still to come.
import { createApp, listen, loadConfig } from '@opencfp/server';
import {
  createOrganisation,
  createUser,
  importBackgroundDatabase,
  openStore,
  products,
  signIn,
  type Store,
} from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';
import { uslciJsonLd } from '../test-support/shared-data.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function run(label: string, store: Store): Promise<void> {
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  const t = performance.now();
  const version = await importBackgroundDatabase(
    store,
    { organisationId: org.id, name: 'USLCI', path: uslciJsonLd() },
    user.id,
  );
  const importMs = performance.now() - t;
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
  const config = { ...loadConfig({ env: {} }), dataDir: null, validateResponses: false };
  const server = await listen(createApp({ store, config }), { port: 0, host: '127.0.0.1' });
  try {
    const session = await signIn(store, 'bench@example.com', 'bench password');
    const headers = { authorization: `Bearer ${session?.token ?? ''}`, 'content-type': 'application/json' };
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
    // Reading a stored product: 8 clients, 5 s.
    const url = `${server.url}/v1/orgs/${org.id}/products/${product.id}`;
    const latencies: number[] = [];
    const end = performance.now() + 5000;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (performance.now() < end) {
          const start = performance.now();
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) throw new Error(`read: ${res.status}`);
          latencies.push(performance.now() - start);
        }
      }),
    );
    console.log(
      `${label.padEnd(10)} USLCI import ${ms(importMs)} (target ≤ 10 s) · footprint first ${ms(coldMs)}, cached median ${ms(median(warm))}, p99 ${ms(quantile(warm, 0.99))} (target ≤ 200 ms) · product read ${(latencies.length / 5).toFixed(0)} req/s, median ${ms(median(latencies))}, p99 ${ms(quantile(latencies, 0.99))} (target ≥ 1,000 req/s, p99 ≤ 50 ms)`,
    );
  } finally {
    await server.close();
  }
}

const pglite = await openStore();
try {
  await run('PGlite', pglite);
} finally {
  await pglite.close();
}
let postgresUrl = process.env.OPENCFP_TEST_DATABASE_URL;
if (!postgresUrl) {
  const helper = (await import(
    new URL('../../../../scripts/postgres-for-tests.mjs', import.meta.url).href
  )) as {
    postgresForTests: () => string | undefined;
  };
  postgresUrl = helper.postgresForTests();
}
if (postgresUrl) {
  process.env.OPENCFP_TEST_DATABASE_URL = postgresUrl;
  const { url, drop } = await freshPostgresDatabase();
  const store = await openStore({ databaseUrl: url });
  try {
    await run('PostgreSQL', store);
  } finally {
    await store.close();
    await drop();
  }
} else console.log('PostgreSQL: no server available (set OPENCFP_TEST_DATABASE_URL); skipped');
