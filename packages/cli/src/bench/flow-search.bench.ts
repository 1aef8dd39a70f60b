// Searching the flows of a 20,000-process background database (GET /v1/orgs/{orgId}/databases/{versionId}/flows)
// on a real server: the first request loads the version (CalculatorCache, as a footprint's does) and builds the flow
// index (packages/server/src/flow-index.ts: one pass over the exchanges to count each flow's users, one sort);
// later searches scan it in memory. The synthetic database (packages/formats generateSyntheticDatabase, the one
// process-search.bench.ts uses, with 4,000 elementary flows) is imported straight into PGlite in a temporary
// directory. Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { createApp, listen, loadConfig } from '@opencfp/server';
import { createOrganisation, createUser, importBackgroundDatabase, openStore, signIn } from '@opencfp/store';
import { median, ms, quantile, seconds } from './bench-support.js';

const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = 42;
/** What people type, with and without a type filter; the last finds nothing. */
const SEARCHES: [string, string?][] = [
  ['carbon dioxide'],
  ['carbon dioxide', 'elementary'],
  ['methane'],
  ['electricity', 'product'],
  ['to air'],
  ['', 'waste'],
  ['124-38-9'],
  ['steel'],
  ['no-such-word'],
];

const path = join(tmpdir(), 'opencfp-synthetic', `api-${activities}-${seed}.zip`);
if (!existsSync(path))
  await writeJsonLd(
    generateSyntheticDatabase({ activities, exchangesPerActivity: 30, biosphere: 4000, seed }),
    path,
  );
const dataDir = await mkdtemp(join(tmpdir(), 'opencfp-flow-search-'));
const store = await openStore({ dataDir: join(dataDir, 'db') });
try {
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  const version = await importBackgroundDatabase(
    store,
    { organisationId: org.id, name: 'synthetic', path },
    user.id,
  );
  const config = { ...loadConfig({ env: {} }), dataDir: null, validateResponses: true };
  const server = await listen(createApp({ store, config }), { port: 0, host: '127.0.0.1' });
  try {
    const token = (await signIn(store, 'bench@example.com', 'bench password'))?.token ?? '';
    const search = async (text: string, type?: string, limit = 50) => {
      const t = performance.now();
      const query = new URLSearchParams({ search: text, limit: String(limit) });
      if (type) query.set('type', type);
      const res = await fetch(`${server.url}/v1/orgs/${org.id}/databases/${version.id}/flows?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`flows: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t, total: body.total };
    };
    const first = await search('carbon dioxide');
    const times: number[] = [];
    const totals = new Map<string, number>();
    for (let round = 0; round < 5; round++)
      for (const [text, type] of SEARCHES) {
        const answer = await search(text, type);
        times.push(answer.ms);
        totals.set(type ? `${text}|${type}` : text, answer.total);
      }
    const full: number[] = [];
    let all = 0;
    for (let round = 0; round < 10; round++) {
      const answer = await search('', undefined, 500);
      full.push(answer.ms);
      all = answer.total;
    }
    console.log(
      `flows of ${activities} processes (${all} flows), API on PGlite, responses validated: first request ` +
        `(load + factorize + index) ${seconds(first.ms)} · search, 50 per page: median ${ms(median(times))}, ` +
        `p99 ${ms(quantile(times, 0.99))} · no search, 500 per page: median ${ms(median(full))} · matches: ` +
        [...totals].map(([text, n]) => `'${text}' ${n}`).join(', '),
    );
  } finally {
    await server.close();
  }
} finally {
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
}
