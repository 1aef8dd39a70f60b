// The public registry's open data and pages on a real listener with the embedded PGlite store: search, entries,
// products, comparison (cautions and refusal), statistics, downloads (JSON and CSV, parsed back), ETags, rate
// limiting, both languages, escaping of hostile text and the pages' security headers. Entries are added as
// publication adds them (registry.add); that publication adds them, and only then, is tested with the studies.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { openStore, registry, type RegistryEntryInput, type Store } from '@opencfp/store';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { MESSAGE_KEYS } from './registry/page-messages.js';
import { REGISTRY_CSP } from './registry/registry-pages.js';
import type { ServerLogger } from './routing.js';
import { listen } from './serve.js';

describe('the public registry: open data and pages (PGlite)', () => {
  let store: Store;
  let server: Awaited<ReturnType<typeof listen>>;
  let limited: Awaited<ReturnType<typeof listen>>;
  const logged: string[] = [];
  const orgId = randomUUID();
  const entries: RegistryEntryInput[] = [];

  const entry = (over: Partial<RegistryEntryInput> & { total: number }): RegistryEntryInput => ({
    statementId: randomUUID(),
    studyId: randomUUID(),
    organisationId: orgId,
    productKey: randomUUID(),
    productNameEn: 'LFP battery pack',
    productNameZh: '磷酸铁锂电池包',
    companyName: 'Alpha Cells',
    companySlug: 'alpha-cells',
    category: { scheme: 'CPC', code: '46410' },
    region: 'CN',
    ruleSetId: 'iso-14067-2018',
    ruleSetVersion: '2018',
    referenceYear: 2025,
    verification: 'third-party',
    verifierName: 'Verifier Co',
    declaredUnit: { amount: 1, unit: 'kWh' },
    boundary: 'cradle-to-gate',
    detail: {
      split: { fossilEmissions: over.total, total: over.total, aircraft: 0.5 },
      byStage: [{ id: 'production', name: 'Production', nameZh: '生产', amount: over.total, share: 1 }],
      dataQuality: { primaryDataShare: 0.4, pefDqr: 2.1 },
    },
    statementJws: `header.payload.${entries.length}`,
    publishedAt: new Date(Date.UTC(2026, 0, 1 + entries.length)),
    ...over,
  });

  async function add(e: RegistryEntryInput): Promise<RegistryEntryInput> {
    await store.transaction((trx) => registry.add(trx, e));
    entries.push(e);
    return e;
  }

  const get = (path: string, headers: Record<string, string> = {}, base = server.url) =>
    fetch(`${base}${path}`, { headers });
  async function json(path: string, status = 200): Promise<Record<string, unknown>> {
    const res = await get(path);
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
    if (status >= 400) assert.deepEqual(Object.keys(body).sort(), ['code', 'details', 'message']);
    return body;
  }
  async function page(path: string, status = 200): Promise<{ text: string; headers: Headers }> {
    const res = await get(path);
    const text = await res.text();
    assert.equal(res.status, status, `${path}`);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(res.headers.get('content-security-policy'), REGISTRY_CSP);
    assert.doesNotMatch(text, /<script/i, 'pages carry no script');
    return { text, headers: res.headers };
  }

  before(async () => {
    store = await openStore();
    await store.db
      .insertInto('organisations')
      .values({ id: orgId, name: 'Alpha Cells', slug: 'alpha-cells' })
      .execute();
    const logger: ServerLogger = { error: (m) => logged.push(m), warn: (m) => logged.push(m) };
    const env = { PORT: '0', OPENCFP_DATA_DIR: ':memory:', OPENCFP_JOBS_RUN: 'false' };
    server = await listen(createApp({ store, config: loadConfig({ env }), logger }), {
      port: 0,
      host: '127.0.0.1',
    });
    limited = await listen(
      createApp({
        store,
        config: loadConfig({ env: { ...env, OPENCFP_PUBLIC_RATE_LIMIT_MAX: '3' } }),
        logger,
      }),
      { port: 0, host: '127.0.0.1' },
    );
    const old = await add(entry({ total: 90, publishedAt: new Date(Date.UTC(2025, 0, 1)) }));
    const current = await add(entry({ total: 80, productKey: old.productKey }));
    await store.transaction((trx) =>
      registry.supersede(trx, old.statementId, current.statementId, new Date()),
    );
    await add(
      entry({
        total: 70,
        productNameEn: 'NMC module',
        productNameZh: '三元锂电池模组',
        ruleSetId: 'pas-2050-2011',
      }),
    );
    await add(entry({ total: 60, verification: 'self-declared', verifierName: null, referenceYear: 2024 }));
    const gone = await add(entry({ total: 50 }));
    await store.transaction((trx) => registry.withdraw(trx, gone.statementId, 'a wrong input', new Date()));
    await add(
      entry({
        total: 400,
        productNameEn: 'PV module <script>alert(1)</script>',
        productNameZh: null,
        category: { scheme: 'CPC', code: '46320' },
        declaredUnit: { amount: 1, unit: 'kWp' },
        companyName: '=HYPERLINK("x")',
      }),
    );
  });

  after(async () => {
    await server?.close();
    await limited?.close();
    await store?.close();
    assert.deepEqual(logged, [], 'nothing logged as an error');
  });

  it('searches in English and Chinese with filters; superseded and withdrawn only on request', async () => {
    const found = await json('/v1/public/registry/entries?q=battery');
    const ids = (found.entries as { statementId: string }[]).map((e) => e.statementId);
    assert.deepEqual(
      ids,
      [entries[3].statementId, entries[1].statementId],
      'current battery packs, newest first',
    );
    assert.equal(found.total, 2);
    assert.equal(found.totalIsEstimate, false);
    const zh = await json(`/v1/public/registry/entries?q=${encodeURIComponent('电池')}`);
    assert.equal(zh.total, 3, 'two packs and the module');
    const all = await json('/v1/public/registry/entries?q=battery&status=all');
    assert.equal(all.total, 4);
    const statuses = (all.entries as { status: string }[]).map((e) => e.status).sort();
    assert.deepEqual(statuses, ['published', 'published', 'superseded', 'withdrawn']);
    const filtered = await json('/v1/public/registry/entries?verification=self-declared&year=2024');
    assert.deepEqual(
      (filtered.entries as { statementId: string }[]).map((e) => e.statementId),
      [entries[3].statementId],
    );
    await json('/v1/public/registry/entries?limit=1000', 400);
    await json('/v1/public/registry/entries?verification=maybe', 400);
  });

  it('gives an entry, a product with its history, and 404 for what the registry does not hold', async () => {
    const one = await json(`/v1/public/registry/entries/${entries[1].statementId}`);
    assert.equal((one.footprint as { total: number }).total, 80);
    assert.equal(one.statementJws, 'header.payload.1');
    assert.deepEqual((one.detail as { split: object }).split, {
      fossilEmissions: 80,
      total: 80,
      aircraft: 0.5,
    });
    const product = await json(`/v1/public/registry/products/${entries[0].productKey}`);
    assert.equal((product.current as { statementId: string }).statementId, entries[1].statementId);
    assert.deepEqual(
      (product.versions as { status: string }[]).map((v) => v.status),
      ['published', 'superseded'],
    );
    const missing = await json(`/v1/public/registry/entries/${randomUUID()}`, 404);
    assert.equal(missing.code, 'NOT_FOUND');
    await json(`/v1/public/registry/products/${randomUUID()}`, 404);
  });

  it('compares within a category and declared unit, with cautions; refuses across them', async () => {
    const same = await json(
      `/v1/public/registry/compare?ids=${entries[1].statementId},${entries[2].statementId},${entries[3].statementId}`,
    );
    const codes = (same.cautions as { code: string }[]).map((k) => k.code).sort();
    assert.deepEqual(codes, ['REFERENCE_YEARS_DIFFER', 'RULE_SETS_DIFFER', 'VERIFICATION_DIFFERS']);
    const old = await json(
      `/v1/public/registry/compare?ids=${entries[0].statementId},${entries[1].statementId}`,
    );
    assert.deepEqual(
      (old.cautions as { code: string }[]).map((k) => k.code),
      ['NOT_CURRENT'],
    );
    const refused = await json(
      `/v1/public/registry/compare?ids=${entries[1].statementId},${entries[5].statementId}`,
      400,
    );
    assert.equal(refused.code, 'NOT_COMPARABLE');
    assert.match(refused.message as string, /one product category and one declared unit/);
    await json(`/v1/public/registry/compare?ids=${entries[1].statementId}`, 400);
  });

  it('gives the statistics of a category and declared unit (current footprints only)', async () => {
    const s = await json('/v1/public/registry/statistics?scheme=CPC&code=46410&unit=kWh&bins=2');
    // Current kWh footprints of CPC 46410: 80, 70, 60 → quartiles at positions 0.5, 1, 1.5.
    assert.equal(s.count, 3);
    assert.equal(s.median, 70);
    assert.equal(s.p25, 65);
    assert.equal(s.p75, 75);
    assert.equal(s.mean, 70);
    assert.deepEqual(
      (s.histogram as { count: number }[]).map((b) => b.count),
      [1, 2],
    );
  });

  it('downloads the whole registry as JSON and as CSV, and one entry as CSV', async () => {
    const res = await get('/v1/public/registry/download?format=json');
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get('content-disposition') ?? '',
      /attachment; filename="opencfp-registry.json"/,
    );
    const all = (await res.json()) as { statementId: string; status: string }[];
    assert.deepEqual(
      all.map((e) => e.statementId),
      entries.map((e) => e.statementId).sort(),
    );
    const csv = await (await get('/v1/public/registry/download?format=csv')).text();
    const lines = csv.split('\r\n').filter((l) => l !== '');
    assert.equal(lines.length, entries.length + 1);
    assert.match(lines[0], /^statement_id,product_key,product_name_en,/);
    const pv = lines.find((l) => l.includes('PV module'));
    assert.ok(pv);
    assert.ok(pv.includes(`"'=HYPERLINK(""x"")"`), `a formula-like cell is defused and quoted: ${pv}`);
    const one = await get(`/v1/public/registry/entries/${entries[2].statementId}?format=csv`);
    assert.match(one.headers.get('content-type') ?? '', /^text\/csv/);
    const row = (await one.text()).split('\r\n')[1].split(',');
    assert.equal(row[0], entries[2].statementId);
    assert.equal(row[14], '70', 'total_kg_co2e');
  });

  it('revalidates by ETag, caches publicly, and limits the rate per client', async () => {
    const first = await get('/v1/public/registry/entries?q=battery');
    const tag = first.headers.get('etag');
    assert.ok(tag);
    assert.equal(first.headers.get('cache-control'), 'public, max-age=60');
    assert.equal(first.headers.get('access-control-allow-origin'), '*');
    const again = await get('/v1/public/registry/entries?q=battery', { 'if-none-match': tag });
    assert.equal(again.status, 304);
    const pageTag = (await get('/registry?q=battery')).headers.get('etag');
    assert.ok(pageTag);
    assert.equal((await get('/registry?q=battery', { 'if-none-match': pageTag })).status, 304);
    const statuses: number[] = [];
    for (let k = 0; k < 4; k++)
      statuses.push((await get('/v1/public/registry/entries', {}, limited.url)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    const refused = await get('/registry', { 'accept-language': 'zh-CN' }, limited.url);
    assert.equal(refused.status, 429);
    assert.match(await refused.text(), /请求过多/);
  });

  it('renders the pages in English and Chinese, escaping what companies wrote', async () => {
    const en = await page('/registry?q=battery&lang=en');
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /Published product carbon footprints/);
    assert.match(en.text, /2 footprints/);
    assert.match(en.text, /Self-declared: not verified by a third party/);
    const zh = await page(`/registry?q=${encodeURIComponent('电池')}`, 200);
    assert.match(zh.text, /<html lang="en">/, 'no language asked and none accepted: English');
    const chinese = await get('/registry', { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' });
    const chineseText = await chinese.text();
    assert.match(chineseText, /<html lang="zh-CN">/);
    assert.match(chineseText, /已发布的产品碳足迹/);
    assert.equal(chinese.headers.get('content-language'), 'zh-CN');
    const pv = await page('/registry?q=PV&lang=en');
    assert.doesNotMatch(pv.text, /<script>alert/);
    assert.match(pv.text, /PV module &lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    const product = await page(`/registry/products/${entries[0].productKey}?lang=zh-CN`);
    assert.match(product.text, /ISO 14067 分项/);
    assert.match(product.text, /其中：航空排放/);
    assert.match(product.text, />\s*生产\s*</, 'the stage by its Chinese name');
    assert.match(product.text, /40 %/, 'the primary data share');
    assert.match(product.text, /已被取代/);
    assert.match(
      product.text,
      new RegExp(`cfp verify ${server.url}/v1/public/statements/${entries[1].statementId}`),
    );
    const withdrawn = await page(`/registry/products/${entries[4].productKey}?lang=en`);
    assert.match(withdrawn.text, /Withdrawn: a wrong input/);
    const compare = await page(
      `/registry/compare?id=${entries[1].statementId}&id=${entries[2].statementId}&lang=en`,
    );
    assert.match(compare.text, /Read before comparing/);
    assert.match(compare.text, /different rule sets/);
    await page(`/registry/compare?id=${entries[1].statementId}&id=${entries[5].statementId}&lang=en`, 400);
    const stats = await page('/registry/categories?scheme=CPC&code=46410&unit=kWh&lang=en');
    assert.match(stats.text, /<img\s+class="chart"[^>]*src="data:image\/svg\+xml;base64,/);
    assert.match(stats.text, /Median/);
    await page(`/registry/products/${randomUUID()}?lang=en`, 404);
    await page('/registry/no/such/page', 404);
    const statement = await get(`/registry/statements/${entries[1].statementId}.jwt`);
    assert.equal(statement.headers.get('content-type'), 'application/vc+jwt');
    assert.equal(await statement.text(), 'header.payload.1');
  });

  it('has every page message in both languages', () => {
    assert.deepEqual([...MESSAGE_KEYS['zh-CN']].sort(), [...MESSAGE_KEYS.en].sort());
  });
});
