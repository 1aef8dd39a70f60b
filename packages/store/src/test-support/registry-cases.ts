import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { StoreError } from '../errors.js';
import { registry, type RegistryEntryInput, type RegistryQuery } from '../repositories/registry.js';
import { searchQuery } from '../registry/search-tokens.js';
import { seedSyntheticRegistry } from '../registry/synthetic-registry.js';
import type { Store } from '../store.js';

function rejectsWith(code: string) {
  return (e: unknown) => {
    assert.ok(e instanceof StoreError, `a StoreError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    return true;
  };
}

/**
 * The public registry on a store: adding published statements, full-text search in English and Chinese with every
 * filter, status moves (superseded, withdrawn) and their immutability, a product's history, category statistics
 * (hand-computed quantiles) and keyset pages. Run for every Store implementation.
 */
export function registryCases(
  name: string,
  open: () => Promise<{ store: Store; cleanup?: () => Promise<void> }>,
) {
  describe(`registry: ${name}`, () => {
    let store: Store;
    let cleanup: (() => Promise<void>) | undefined;
    const suffix = randomUUID().slice(0, 8);
    let orgA = '';
    let orgB = '';
    const category = { scheme: 'CPC', code: `46410-${suffix}` };
    const entries: RegistryEntryInput[] = [];

    const entry = (over: Partial<RegistryEntryInput> & { total: number }): RegistryEntryInput => ({
      statementId: randomUUID(),
      studyId: randomUUID(),
      organisationId: orgA,
      productKey: randomUUID(),
      productNameEn: 'LFP battery pack',
      productNameZh: '磷酸铁锂电池包',
      companyName: 'Alpha Cells',
      companySlug: `alpha-${suffix}`,
      category,
      region: 'CN',
      ruleSetId: 'iso-14067-2018',
      ruleSetVersion: '2018',
      referenceYear: 2025,
      verification: 'third-party',
      verifierName: 'Verifier Co',
      declaredUnit: { amount: 1, unit: 'kWh' },
      boundary: 'cradle-to-gate',
      detail: { split: { fossil: over.total } },
      statementJws: 'header.payload.signature',
      publishedAt: new Date(Date.UTC(2026, 0, 1 + entries.length)),
      ...over,
    });

    async function add(e: RegistryEntryInput): Promise<RegistryEntryInput> {
      await store.transaction((trx) => registry.add(trx, e));
      entries.push(e);
      return e;
    }

    before(async () => {
      ({ store, cleanup } = await open());
      orgA = randomUUID();
      orgB = randomUUID();
      await store.db
        .insertInto('organisations')
        .values([
          { id: orgA, name: 'Alpha Cells', slug: `alpha-${suffix}` },
          { id: orgB, name: 'Beta Solar', slug: `beta-${suffix}` },
        ])
        .execute();
      // Five LFP packs of one category (totals 1 … 5), a NMC pack, and a PV module of another company and year.
      for (let k = 1; k <= 5; k++) await add(entry({ total: k }));
      await add(
        entry({
          total: 70,
          productNameEn: 'NMC battery module',
          productNameZh: '三元锂电池模组',
          region: 'DE',
        }),
      );
      await add(
        entry({
          total: 40,
          organisationId: orgB,
          companyName: 'Beta Solar',
          companySlug: `beta-${suffix}`,
          productNameEn: 'TOPCon PV module',
          productNameZh: '光伏组件',
          category: { scheme: 'CPC', code: `46320-${suffix}` },
          ruleSetId: 'pas-2050-2011',
          referenceYear: 2024,
          verification: 'self-declared',
          verifierName: null,
          declaredUnit: { amount: 1, unit: 'kWp' },
        }),
      );
    });

    after(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ids = (r: { entries: { statementId: string }[] }) => r.entries.map((e) => e.statementId).sort();
    const of = (...k: number[]) => k.map((i) => entries[i].statementId).sort();

    it('finds entries by English words, word prefixes and Chinese words of two or one characters', async () => {
      const q = (text: string) => registry.search(store, { text, category: category.code });
      assert.deepEqual(ids(await q('LFP battery')), of(0, 1, 2, 3, 4));
      assert.deepEqual(ids(await q('batt')), of(0, 1, 2, 3, 4, 5), 'the last word is a prefix');
      assert.deepEqual(ids(await q('电池')), of(0, 1, 2, 3, 4, 5));
      assert.deepEqual(ids(await q('铁锂电池')), of(0, 1, 2, 3, 4));
      assert.deepEqual(ids(await q('模组')), of(5));
      assert.deepEqual(ids(await q('锂')), of(0, 1, 2, 3, 4, 5), 'one character finds it anywhere in a word');
      assert.deepEqual(ids(await q('ＬＦＰ')), of(0, 1, 2, 3, 4), 'full-width letters are folded (NFKC)');
      assert.deepEqual(ids(await q('nmc 锂')), of(5), 'every word must match');
      assert.deepEqual(ids(await q('lead acid')), []);
      const all = await registry.search(store, { text: '光伏' });
      assert.ok(all.entries.some((e) => e.statementId === entries[6].statementId));
      // Punctuation and quotes are not syntax: a query of them finds by its words only.
      assert.deepEqual(ids(await q("LFP' | !battery")), of(0, 1, 2, 3, 4));
    });

    it('filters by category, company, region, rule set, year and verification; newest first; counts', async () => {
      const page = await registry.search(store, { company: `alpha-${suffix}`, limit: 3 });
      assert.equal(page.total, 6);
      assert.equal(page.totalIsLowerBound, false);
      assert.deepEqual(
        page.entries.map((e) => e.statementId),
        [entries[5], entries[4], entries[3]].map((e) => e.statementId),
      );
      const next = await registry.search(store, { company: `alpha-${suffix}`, limit: 3, offset: 3 });
      assert.deepEqual(
        next.entries.map((e) => e.statementId),
        [entries[2], entries[1], entries[0]].map((e) => e.statementId),
      );
      assert.deepEqual(
        ids(await registry.search(store, { company: `alpha-${suffix}`, region: 'de' })),
        of(5),
      );
      assert.deepEqual(ids(await registry.search(store, { company: `beta-${suffix}` })), of(6));
      assert.deepEqual(ids(await registry.search(store, { category: `46320-${suffix}` })), of(6));
      const beta = { company: `beta-${suffix}` };
      assert.deepEqual(ids(await registry.search(store, { ...beta, ruleSet: 'pas-2050-2011' })), of(6));
      assert.deepEqual(ids(await registry.search(store, { ...beta, ruleSet: 'iso-14067-2018' })), []);
      assert.deepEqual(ids(await registry.search(store, { ...beta, year: 2024 })), of(6));
      assert.deepEqual(ids(await registry.search(store, { ...beta, year: 2025 })), []);
      assert.deepEqual(ids(await registry.search(store, { ...beta, verification: 'self-declared' })), of(6));
      assert.deepEqual(ids(await registry.search(store, { ...beta, verification: 'third-party' })), []);
      const shown = page.entries[0];
      assert.deepEqual(shown.footprint, {
        total: 70,
        unit: 'kg CO2e',
        declaredUnit: { amount: 1, unit: 'kWh' },
      });
      assert.deepEqual(shown.verification, { mode: 'third-party', verifierName: 'Verifier Co' });
      assert.deepEqual(shown.product.category, category);
      assert.equal(shown.status, 'published');
    });

    it('gives the distribution of a category and declared unit (hand-computed quantiles)', async () => {
      const s = await registry.categoryStatistics(store, category, { amount: 1, unit: 'kWh' }, 4);
      // Totals 1, 2, 3, 4, 5 and 70: p25 at position 1.25 → 2.25, median at 2.5 → 3.5, p75 at 3.75 → 4.75.
      assert.equal(s.count, 6);
      assert.equal(s.min, 1);
      assert.equal(s.max, 70);
      assert.equal(s.p25, 2.25);
      assert.equal(s.median, 3.5);
      assert.equal(s.p75, 4.75);
      assert.equal(s.mean, 85 / 6);
      // Bins of width 69 / 4 = 17.25 from 1: [1, 18.25) holds 1…5, the last bin 70.
      assert.deepEqual(
        s.histogram.map((b) => b.count),
        [5, 0, 0, 1],
      );
      assert.equal(s.histogram[0].to, 18.25);
      assert.equal(s.histogram[3].to, 70);
      const other = await registry.categoryStatistics(store, category, { amount: 1, unit: 'kWp' });
      assert.equal(other.count, 0);
      assert.equal(other.median, null);
    });

    it('moves a statement to superseded or withdrawn once; the rest of an entry never changes', async () => {
      const [first, second] = [entries[0], entries[1]];
      const at = new Date(Date.UTC(2026, 5, 1));
      await store.transaction((trx) => registry.supersede(trx, first.statementId, second.statementId, at));
      await store.transaction((trx) => registry.withdraw(trx, second.statementId, 'a wrong input', at));
      const q = { category: category.code };
      assert.deepEqual(
        ids(await registry.search(store, q)),
        of(2, 3, 4, 5),
        'only published entries by default',
      );
      assert.deepEqual(ids(await registry.search(store, { ...q, status: 'all' })), of(0, 1, 2, 3, 4, 5));
      const withdrawn = await registry.entry(store, second.statementId);
      assert.equal(withdrawn.status, 'withdrawn');
      assert.equal(withdrawn.statusReason, 'a wrong input');
      assert.equal(withdrawn.statusAt?.toISOString(), at.toISOString());
      assert.equal(withdrawn.statementJws, 'header.payload.signature');
      const superseded = await registry.entry(store, first.statementId);
      assert.equal(superseded.status, 'superseded');
      assert.equal(superseded.supersededBy, second.statementId);
      // A further move, a change of what was published and a deletion are refused by the database.
      await store.transaction((trx) => registry.withdraw(trx, first.statementId, 'again', at));
      assert.equal((await registry.entry(store, first.statementId)).status, 'superseded');
      await assert.rejects(
        sql`update registry_entries set status = 'withdrawn' where statement_id = ${first.statementId}`.execute(
          store.db,
        ),
        /does not change any more/,
      );
      await assert.rejects(
        sql`update registry_entries set total = 0 where statement_id = ${entries[2].statementId}`.execute(
          store.db,
        ),
        /immutable/,
      );
      await assert.rejects(
        sql`delete from registry_entries where statement_id = ${entries[2].statementId}`.execute(store.db),
        /cannot be deleted/,
      );
      assert.equal((await registry.entry(store, entries[2].statementId)).footprint.total, 3);
    });

    it("lists a product's versions newest first, finds entries by id, and says what it does not have", async () => {
      const key = randomUUID();
      const v1 = await add(entry({ total: 9, productKey: key, publishedAt: new Date(Date.UTC(2025, 0, 1)) }));
      const v2 = await add(entry({ total: 8, productKey: key, publishedAt: new Date(Date.UTC(2025, 6, 1)) }));
      await store.transaction((trx) => registry.supersede(trx, v1.statementId, v2.statementId, new Date()));
      const versions = await registry.product(store, key);
      assert.deepEqual(
        versions.map((v) => [v.statementId, v.status]),
        [
          [v2.statementId, 'published'],
          [v1.statementId, 'superseded'],
        ],
      );
      assert.deepEqual(versions[1].detail, { split: { fossil: 9 } });
      const both = await registry.entries(store, [v1.statementId, v2.statementId]);
      assert.deepEqual(
        both.map((e) => e.footprint.total),
        [9, 8],
      );
      await assert.rejects(registry.product(store, randomUUID()), rejectsWith('NOT_FOUND'));
      await assert.rejects(registry.entry(store, randomUUID()), rejectsWith('NOT_FOUND'));
      await assert.rejects(registry.entries(store, [v1.statementId, 'nope']), rejectsWith('NOT_FOUND'));
    });

    it('pages through every entry in statement-id order (the open-data downloads)', async () => {
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await registry.page(store, { after, limit: 3 });
        if (page.length === 0) break;
        assert.ok(page.length <= 3);
        seen.push(...page.map((e) => e.statementId));
        after = page[page.length - 1].statementId;
      }
      const mineSeen = seen.filter((id) => entries.some((e) => e.statementId === id));
      assert.deepEqual(mineSeen, entries.map((e) => e.statementId).sort());
      assert.deepEqual([...seen].sort(), seen, 'in statement-id order (byte order, whatever the locale)');
      const published = await registry.page(store, { status: 'published', limit: 10_000 });
      assert.ok(published.every((e) => e.status === 'published'));
    });

    it('pages through thousands of entries exactly as a plain scan would (every search strategy)', async () => {
      await seedSyntheticRegistry(store, { count: 3000, companies: 40 });
      const company = (
        await store.db
          .selectFrom('registry_entries')
          .select('company_slug')
          .where('company_slug', 'like', 'synthetic-%')
          .limit(1)
          .executeTakeFirstOrThrow()
      ).company_slug;
      /** The newest matches by a plain query with the same conditions, and how many there are. */
      async function plain(q: RegistryQuery): Promise<{ ids: string[]; count: number }> {
        let query = store.db.selectFrom('registry_entries');
        const tsquery = q.text === undefined ? undefined : searchQuery(q.text);
        if (tsquery !== undefined) query = query.where(sql<boolean>`search @@ ${tsquery}::tsquery`);
        if ((q.status ?? 'published') === 'published') query = query.where('status', '=', 'published');
        if (q.category !== undefined) query = query.where('category_code', '=', q.category);
        if (q.company !== undefined) query = query.where('company_slug', '=', q.company);
        if (q.region !== undefined)
          query = query.where(sql<string>`lower(region)`, '=', q.region.toLowerCase());
        if (q.year !== undefined) query = query.where('reference_year', '=', q.year);
        if (q.verification !== undefined) query = query.where('verification', '=', q.verification);
        const rows = await query
          .select('statement_id')
          .orderBy('published_at', 'desc')
          .orderBy('statement_id')
          .execute();
        const offset = q.offset ?? 0;
        return {
          ids: rows.slice(offset, offset + (q.limit ?? 20)).map((r) => r.statement_id),
          count: rows.length,
        };
      }
      const queries: RegistryQuery[] = [
        {},
        { text: 'battery' },
        { text: 'battery', offset: 600, limit: 50 },
        { text: '光伏组件' },
        { text: '锂', offset: 40 },
        { text: 'M1234' },
        { text: 'M7' },
        { text: 'no such word' },
        { category: '46410', region: 'CN', year: 2023 },
        { company },
        { company, text: 'cell' },
        { verification: 'certified', offset: 100 },
        { status: 'all', text: 'module', offset: 300 },
      ];
      for (const q of queries) {
        const got = await registry.search(store, q);
        const want = await plain(q);
        assert.deepEqual(
          got.entries.map((e) => e.statementId),
          want.ids,
          `the page of ${JSON.stringify(q)}`,
        );
        if (!got.totalIsEstimate) {
          assert.equal(got.total, Math.min(want.count, 1000), `the total of ${JSON.stringify(q)}`);
          assert.equal(got.totalIsLowerBound, want.count > 1000);
        } else
          assert.ok(want.count > 0 && got.total > 0, `an estimate of ${JSON.stringify(q)} where some match`);
      }
    });
  });
}
