// Searching the datasets of a 20,000-process background database (GET /v1/orgs/{orgId}/databases/{versionId}/
// processes): the index (processProductIndex, @opencfp/core) built and searched in memory, then the route on a real
// server: its first request loads the version (CalculatorCache, as a footprint's does) and builds the index; later
// searches scan it. The synthetic database (packages/formats generateSyntheticDatabase, ecoinvent-like names and
// geographies) is imported straight into PGlite in a temporary directory (the route answers from memory once the
// version is loaded, so the engine does not matter). Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMatrices, processProductIndex } from '@opencfp/core';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { createApp, listen, loadConfig } from '@opencfp/server';
import { createOrganisation, createUser, importBackgroundDatabase, openStore, signIn } from '@opencfp/store';
import { median, ms, quantile, seconds } from './bench-support.js';

const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = 42;
/** What people type: a product, a product and a place, a waste, a place, a word nothing has, several words. */
const SEARCHES = [
  'electricity',
  'electricity medium voltage',
  'market for',
  'treatment',
  'cement CN',
  'wheat grain',
  'GLO',
  'production steel',
  'no-such-word',
  'transport freight lorry',
];

const db = generateSyntheticDatabase({ activities, exchangesPerActivity: 30, biosphere: 4000, seed });
const products = buildMatrices(db).products;
let start = performance.now();
const index = processProductIndex(db, products);
const buildMs = performance.now() - start;
const inMemory: number[] = [];
for (let round = 0; round < 5; round++)
  for (const text of SEARCHES) {
    start = performance.now();
    index.search(text);
    inMemory.push(performance.now() - start);
  }
console.log(
  `index of ${activities} processes (${index.entries.length} process-products): built ${ms(buildMs)} · ` +
    `search median ${ms(median(inMemory))}, p99 ${ms(quantile(inMemory, 0.99))}`,
);

const path = join(tmpdir(), 'opencfp-synthetic', `api-${activities}-${seed}.zip`);
if (!existsSync(path)) await writeJsonLd(db, path);
const dataDir = await mkdtemp(join(tmpdir(), 'opencfp-search-'));
const store = await openStore({ dataDir: join(dataDir, 'db') });
try {
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  start = performance.now();
  const version = await importBackgroundDatabase(
    store,
    { organisationId: org.id, name: 'synthetic', path },
    user.id,
  );
  const importMs = performance.now() - start;
  const config = { ...loadConfig({ env: {} }), dataDir: null, validateResponses: true };
  const server = await listen(createApp({ store, config }), { port: 0, host: '127.0.0.1' });
  try {
    const token = (await signIn(store, 'bench@example.com', 'bench password'))?.token ?? '';
    const search = async (text: string, limit = 50) => {
      const t = performance.now();
      const res = await fetch(
        `${server.url}/v1/orgs/${org.id}/databases/${version.id}/processes?search=${encodeURIComponent(text)}&limit=${limit}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`processes: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t, total: body.total };
    };
    const first = await search('electricity');
    const times: number[] = [];
    const totals = new Map<string, number>();
    for (let round = 0; round < 5; round++)
      for (const text of SEARCHES) {
        const answer = await search(text);
        times.push(answer.ms);
        totals.set(text, answer.total);
      }
    const full: number[] = [];
    for (let round = 0; round < 10; round++) full.push((await search('', 500)).ms);
    console.log(
      `API (PGlite, responses validated): import ${seconds(importMs)} · first request (load + factorize + index) ` +
        `${seconds(first.ms)} · search, 50 per page: median ${ms(median(times))}, p99 ${ms(quantile(times, 0.99))} · ` +
        `no search, 500 per page: median ${ms(median(full))} · matches: ` +
        [...totals].map(([text, n]) => `'${text}' ${n}`).join(', '),
    );
  } finally {
    await server.close();
  }
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
