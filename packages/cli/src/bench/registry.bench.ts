// The public registry at scale (issue 8): seeds OPENCFP_REGISTRY_ROWS (1,000,000) synthetic published footprints
// on the PostgreSQL server and measures registry searches (full text in English and Chinese, filters, both, the
// plain listing) and product pages (every version of one product) against the targets: search p95 ≤ 100 ms, product
// page p95 ≤ 50 ms. The same runs on embedded PGlite with OPENCFP_REGISTRY_ROWS_PGLITE (20,000) rows, the size of
// registry it is meant for. Prints medians and p95 per query kind; each query kind runs OPENCFP_REGISTRY_REPEATS
// (40) times with varying words.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, registry, seedSyntheticRegistry, type RegistryQuery, type Store } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';
import { median, postgresUrlForBench, quantile, seconds } from './bench-support.js';

const repeats = Number(process.env.OPENCFP_REGISTRY_REPEATS ?? 40);

/** Query kinds, each a function of the repetition so that words and filters vary (no single cached plan result). */
const SEARCHES: [string, (k: number) => RegistryQuery][] = [
  ['listing, newest first', () => ({})],
  ['one common English word', (k) => ({ text: ['battery', 'module', 'car', 'steel', 'glass'][k % 5] })],
  ['Chinese words', (k) => ({ text: ['光伏组件', '磷酸铁锂', '笔记本电脑', '碳酸锂', '动力电池包'][k % 5] })],
  ['a model number (rare)', (k) => ({ text: `M${(k * 7919) % 400000}` })],
  [
    'words + verification filter',
    (k) => ({ text: k % 2 ? 'LFP cell' : '储能电池', verification: 'third-party' }),
  ],
  [
    'filters: category + region + year',
    (k) => ({ category: ['46410', '46320', '45230'][k % 3], region: 'CN', year: 2020 + (k % 7) }),
  ],
  // the company's slug is filled in from the seeded ones
  ['a company', () => ({ company: '' })],
  ['a word every entry has (worst case)', () => ({ text: 'synthetic' })],
  ['page 50 of a listing', (k) => ({ text: 'battery', offset: 49 * 20 + (k % 2) })],
];

async function measure(label: string, store: Store, rows: number): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { organisations } = await seedSyntheticRegistry(store, { count: rows });
  const seedMs = performance.now() - t0;
  const companies = await store.db
    .selectFrom('registry_entries')
    .select('company_slug')
    .distinct()
    .limit(100)
    .execute();
  const out: Record<string, unknown> = { database: label, rows, organisations, seed: seconds(seedMs) };
  const searches: Record<string, { medianMs: number; p95Ms: number; total: string }> = {};
  const all: number[] = [];
  for (const [name, make] of SEARCHES) {
    const times: number[] = [];
    let total = '';
    for (let k = 0; k < repeats; k++) {
      const q = make(k);
      if (q.company !== undefined) q.company = companies[k % companies.length].company_slug;
      const s = performance.now();
      const r = await registry.search(store, q);
      times.push(performance.now() - s);
      total = `${r.totalIsEstimate ? '~' : ''}${r.total}${r.totalIsLowerBound ? '+' : ''}`;
    }
    all.push(...times);
    searches[name] = { medianMs: round(median(times)), p95Ms: round(quantile(times, 0.95)), total };
  }
  out.searches = searches;
  out.search = { medianMs: round(median(all)), p95Ms: round(quantile(all, 0.95)), targetP95Ms: 100 };
  // Product pages: every version of products spread over the table.
  const productKeys: string[] = [];
  for (let k = 0; k < repeats; k++) {
    const offset = Math.floor(((k + 0.5) * rows) / repeats);
    const row = await store.db
      .selectFrom('registry_entries')
      .select('product_key')
      .orderBy('statement_id')
      .offset(offset)
      .limit(1)
      .executeTakeFirst();
    if (row) productKeys.push(row.product_key);
  }
  const pageTimes: number[] = [];
  for (const key of productKeys) {
    const s = performance.now();
    await registry.product(store, key);
    pageTimes.push(performance.now() - s);
  }
  out.productPage = {
    medianMs: round(median(pageTimes)),
    p95Ms: round(quantile(pageTimes, 0.95)),
    targetP95Ms: 50,
  };
  const statTimes: number[] = [];
  for (const code of ['46410', '46320', '45230', '41432']) {
    const unit = code === '46320' ? 'kWp' : code === '45230' ? 'unit' : code === '41432' ? 'kg' : 'kWh';
    const s = performance.now();
    await registry.categoryStatistics(store, { scheme: 'CPC', code }, { amount: 1, unit });
    statTimes.push(performance.now() - s);
  }
  out.categoryStatistics = { medianMs: round(median(statTimes)), maxMs: round(Math.max(...statTimes)) };
  return out;
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main(): Promise<void> {
  const postgresUrl = await postgresUrlForBench();
  if (postgresUrl) {
    const { url, drop } = await freshPostgresDatabase();
    const store = await openStore({ databaseUrl: url });
    try {
      report(await measure('PostgreSQL', store, Number(process.env.OPENCFP_REGISTRY_ROWS ?? 1_000_000)));
    } finally {
      await store.close();
      await drop();
    }
  } else console.log('no PostgreSQL server: the 1,000,000-row case is skipped');
  const dir = await mkdtemp(join(tmpdir(), 'opencfp-registry-'));
  try {
    const store = await openStore({ dataDir: join(dir, 'db') });
    try {
      report(await measure('PGlite', store, Number(process.env.OPENCFP_REGISTRY_ROWS_PGLITE ?? 20_000)));
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function report(r: Record<string, unknown>): void {
  console.log(JSON.stringify({ benchmark: 'registry', ...r }, null, 2));
  const search = r.search as { medianMs: number; p95Ms: number };
  const page = r.productPage as { medianMs: number; p95Ms: number };
  console.log(
    `registry on ${String(r.database)}, ${String(r.rows)} published footprints (seeded in ${String(r.seed)}): ` +
      `search median ${search.medianMs} ms, p95 ${search.p95Ms} ms (target ≤ 100 ms); product page median ` +
      `${page.medianMs} ms, p95 ${page.p95Ms} ms (target ≤ 50 ms)`,
  );
}

await main();
