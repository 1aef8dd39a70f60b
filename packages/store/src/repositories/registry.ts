import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { StoreError } from '../errors.js';
import { searchQuery, searchTokens } from '../registry/search-tokens.js';
import type { RegistryEntriesTable, Schema } from '../schema.js';
import type { Store } from '../store.js';

/** How a registry entry was verified: by no third party, by one, or by one and certified. */
export type RegistryVerification = RegistryEntriesTable['verification'];
/** Published entries are current; superseded and withdrawn ones stay listed in their product's history. */
export type RegistryStatus = 'published' | 'superseded' | 'withdrawn';

/** A product category: the scheme (CPC, HS …) and the code in it. */
export interface RegistryCategory {
  scheme: string | null;
  code: string;
}

/** What publication writes into the registry (studies.publish, in its transaction). */
export interface RegistryEntryInput {
  statementId: string;
  studyId: string;
  organisationId: string;
  /** The product all versions of one footprint share (its page in the registry). */
  productKey: string;
  productNameEn: string;
  productNameZh: string | null;
  companyName: string;
  companySlug: string;
  category: RegistryCategory | null;
  /** Where the product is made, as the model states it (free text, e.g. 'CN' or 'Jiangsu'); null unknown. */
  region: string | null;
  ruleSetId: string;
  ruleSetVersion: string;
  referenceYear: number | null;
  verification: RegistryVerification;
  /** The verifying organisation (and certification body), null when self-declared. */
  verifierName: string | null;
  /** kg CO2e per declared unit. */
  total: number;
  declaredUnit: { amount: number; unit: string };
  boundary: RegistryEntriesTable['boundary'];
  /** What the product page shows beyond the columns: split, stages, gases, data quality, GWP set … */
  detail: Record<string, unknown>;
  statementJws: string;
  publishedAt: Date;
}

/** One entry as search lists it. */
export interface RegistrySummary {
  statementId: string;
  productKey: string;
  product: { nameEn: string; nameZh: string | null; category: RegistryCategory | null };
  company: { name: string; slug: string };
  region: string | null;
  ruleSet: { id: string; version: string };
  referenceYear: number | null;
  verification: { mode: RegistryVerification; verifierName: string | null };
  footprint: { total: number; unit: 'kg CO2e'; declaredUnit: { amount: number; unit: string } };
  boundary: RegistryEntriesTable['boundary'];
  status: RegistryStatus;
  supersededBy: string | null;
  statusReason: string | null;
  statusAt: Date | null;
  publishedAt: Date;
}

/** One entry in full, as its page and downloads show it. */
export interface RegistryEntry extends RegistrySummary {
  detail: Record<string, unknown>;
  /** The signed statement (compact JWS) to download and check with `cfp verify`. */
  statementJws: string;
}

/** A registry search: words (Chinese or English) and filters, all optional; published entries by default. */
export interface RegistryQuery {
  text?: string;
  category?: string;
  /** The company's slug. */
  company?: string;
  region?: string;
  ruleSet?: string;
  year?: number;
  verification?: RegistryVerification;
  /** 'published' (default) or every status. */
  status?: 'published' | 'all';
  /** At most 100; default 20. */
  limit?: number;
  /** Search shows the first COUNT_CAP matches: offset + limit stays within them (narrow with filters for more). */
  offset?: number;
}

/** A page of search results, newest publication first. */
export interface RegistrySearch {
  entries: RegistrySummary[];
  /** Matches, up to COUNT_CAP; `totalIsLowerBound` when there are more. */
  total: number;
  totalIsLowerBound: boolean;
  /** The total is estimated from the share of the newest entries that match (a common search), not counted. */
  totalIsEstimate: boolean;
}

/** The distribution of the current footprints of one category and declared unit. */
export interface CategoryStatistics {
  category: RegistryCategory;
  declaredUnit: { amount: number; unit: string };
  count: number;
  /** kg CO2e per declared unit; null when the category has no entry. */
  min: number | null;
  p25: number | null;
  median: number | null;
  p75: number | null;
  max: number | null;
  mean: number | null;
  /** Equal-width bins from min to max (empty when count is 0). */
  histogram: { from: number; to: number; count: number }[];
}

/**
 * Search counts matches up to this many and pages through no more; beyond it the total is a lower bound (an exact
 * count would read them all). The open-data downloads hold every entry.
 */
export const COUNT_CAP = 1000;

type Row = Omit<RegistryEntriesTable, 'status' | 'search' | 'published_at' | 'status_at'> & {
  status: RegistryStatus;
  published_at: Date;
  status_at: Date | null;
};

const SUMMARY_COLUMNS = [
  'statement_id',
  'product_key',
  'product_name_en',
  'product_name_zh',
  'company_name',
  'company_slug',
  'category_scheme',
  'category_code',
  'region',
  'rule_set_id',
  'rule_set_version',
  'reference_year',
  'verification',
  'verifier_name',
  'total',
  'declared_unit_amount',
  'declared_unit',
  'boundary',
  'status',
  'superseded_by',
  'status_reason',
  'status_at',
  'published_at',
] as const;

type SummaryRow = Pick<Row, (typeof SUMMARY_COLUMNS)[number]>;

const summaryOf = (r: SummaryRow): RegistrySummary => ({
  statementId: r.statement_id,
  productKey: r.product_key,
  product: {
    nameEn: r.product_name_en,
    nameZh: r.product_name_zh,
    category: r.category_code === null ? null : { scheme: r.category_scheme, code: r.category_code },
  },
  company: { name: r.company_name, slug: r.company_slug },
  region: r.region,
  ruleSet: { id: r.rule_set_id, version: r.rule_set_version },
  referenceYear: r.reference_year,
  verification: { mode: r.verification, verifierName: r.verifier_name },
  footprint: {
    total: r.total,
    unit: 'kg CO2e',
    declaredUnit: { amount: r.declared_unit_amount, unit: r.declared_unit },
  },
  boundary: r.boundary,
  status: r.status,
  supersededBy: r.superseded_by,
  statusReason: r.status_reason,
  statusAt: r.status_at,
  publishedAt: r.published_at,
});

/** The text an entry is found by: its names in both languages, company, category, region and rule set. */
function searchText(e: RegistryEntryInput): string {
  return [
    e.productNameEn,
    e.productNameZh ?? '',
    e.companyName,
    e.companySlug,
    e.category?.code ?? '',
    e.region ?? '',
    e.ruleSetId,
  ].join(' ');
}

/** How many of the newest entries a search tests, first and then (see `search`). */
const WINDOWS = [1000, 10_000] as const;

type RegistryFrom = { registry_entries: RegistryEntriesTable };

/**
 * Entries (published ones, or all) counted at most once a minute per store — the scale of a search's estimate —
 * and category statistics kept a minute: both are dropped when this process adds or moves an entry (another
 * server process sees the change within the minute).
 */
const counts = new WeakMap<
  Kysely<Schema>,
  { at: number; generation: number; published: number; all: number }
>();
const statistics = new WeakMap<
  Kysely<Schema>,
  Map<string, { at: number; generation: number; value: CategoryStatistics }>
>();
const CACHE_MS = 60_000;
/** Increases with every change this process makes to the registry: cached figures of an older one are stale. */
let generation = 0;
/** Drops this process's cached registry figures (after a change made without `registry`, e.g. a bulk load). */
export function registryChanged(): void {
  generation++;
}
const fresh = (entry: { at: number; generation: number } | undefined) =>
  entry !== undefined && entry.generation === generation && Date.now() - entry.at < CACHE_MS;
async function entryCount(store: Store, published: boolean): Promise<number> {
  const cached = counts.get(store.db);
  if (cached && fresh(cached)) return published ? cached.published : cached.all;
  const row = await store.db
    .selectFrom('registry_entries')
    .select([
      sql<string | number>`count(*) filter (where status = 'published')`.as('published'),
      sql<string | number>`count(*)`.as('all'),
    ])
    .executeTakeFirstOrThrow();
  const counted = { at: Date.now(), generation, published: Number(row.published), all: Number(row.all) };
  counts.set(store.db, counted);
  return published ? counted.published : counted.all;
}

const bounded = (value: number | undefined, fallback: number, max: number) =>
  value === undefined ? fallback : Math.max(0, Math.min(max, Math.floor(value)));

/** The statistics of one category and declared unit, computed (see registry.categoryStatistics). */
async function computeStatistics(
  store: Store,
  category: RegistryCategory,
  declaredUnit: { amount: number; unit: string },
  bins: number,
): Promise<CategoryStatistics> {
  let query = store.db
    .selectFrom('registry_entries')
    .where('status', '=', 'published')
    .where('category_code', '=', category.code)
    .where('declared_unit', '=', declaredUnit.unit)
    .where('declared_unit_amount', '=', declaredUnit.amount);
  query =
    category.scheme === null
      ? query.where('category_scheme', 'is', null)
      : query.where('category_scheme', '=', category.scheme);
  const [stats] = (await query
    .select([
      sql<number>`count(*)::int`.as('count'),
      sql<number | null>`min(total)`.as('min'),
      sql<number | null>`max(total)`.as('max'),
      sql<number | null>`avg(total)`.as('mean'),
      sql<
        number[] | null
      >`percentile_cont(array[0.25, 0.5, 0.75]::float8[]) within group (order by total)`.as('quartiles'),
    ])
    .execute()) as {
    count: number;
    min: number | null;
    max: number | null;
    mean: number | null;
    quartiles: number[] | null;
  }[];
  const count = Number(stats.count);
  if (count === 0 || stats.min === null || stats.max === null)
    return {
      category,
      declaredUnit,
      count: 0,
      min: null,
      p25: null,
      median: null,
      p75: null,
      max: null,
      mean: null,
      histogram: [],
    };
  const min = Number(stats.min);
  const max = Number(stats.max);
  const width = (max - min) / bins;
  const histogram = Array.from({ length: width > 0 ? bins : 1 }, (_, k) => ({
    from: min + k * width,
    to: width > 0 ? (k === bins - 1 ? max : min + (k + 1) * width) : max,
    count: 0,
  }));
  if (width > 0) {
    // width_bucket puts max in bucket bins + 1: it belongs to the last bin.
    const buckets = await query
      .select([
        sql<number>`least(width_bucket(total, ${min}::float8, ${max}::float8, ${bins}::int), ${bins}::int)`.as(
          'bucket',
        ),
        sql<number>`count(*)::int`.as('n'),
      ])
      .groupBy(sql`1`)
      .execute();
    for (const b of buckets as { bucket: number; n: number }[])
      histogram[Number(b.bucket) - 1].count = Number(b.n);
  } else histogram[0].count = count;
  const [p25, median, p75] = (stats.quartiles ?? []).map(Number);
  return { category, declaredUnit, count, min, p25, median, p75, max, mean: Number(stats.mean), histogram };
}

/**
 * The public disclosure registry: written by publication (in its transaction) and by the moves after it, read by
 * anyone. Reads return only what the registry holds — published statements and their later status.
 *
 * @example
 * const page = await registry.search(store, { text: '磷酸铁锂 电池', verification: 'third-party', limit: 20 });
 * const history = await registry.product(store, page.entries[0].productKey);
 */
export const registry = {
  /** Adds a newly published statement (call inside the publishing transaction). */
  async add(trx: Kysely<Schema>, e: RegistryEntryInput): Promise<void> {
    generation++;
    await trx
      .insertInto('registry_entries')
      .values({
        statement_id: e.statementId,
        study_id: e.studyId,
        organisation_id: e.organisationId,
        product_key: e.productKey,
        product_name_en: e.productNameEn,
        product_name_zh: e.productNameZh,
        company_name: e.companyName,
        company_slug: e.companySlug,
        category_scheme: e.category?.scheme ?? null,
        category_code: e.category?.code ?? null,
        region: e.region,
        rule_set_id: e.ruleSetId,
        rule_set_version: e.ruleSetVersion,
        reference_year: e.referenceYear,
        verification: e.verification,
        verifier_name: e.verifierName,
        total: e.total,
        declared_unit_amount: e.declaredUnit.amount,
        declared_unit: e.declaredUnit.unit,
        boundary: e.boundary,
        detail: JSON.stringify(e.detail),
        statement_jws: e.statementJws,
        published_at: e.publishedAt,
        search: sql<string>`array_to_tsvector(${searchTokens(searchText(e))}::text[])`,
      })
      .execute();
  },

  /** Marks a published statement superseded by its successor's (inside the transaction that publishes it). */
  async supersede(trx: Kysely<Schema>, statementId: string, by: string, at: Date): Promise<void> {
    generation++;
    await trx
      .updateTable('registry_entries')
      .set({ status: 'superseded', superseded_by: by, status_at: at })
      .where('statement_id', '=', statementId)
      .where('status', '=', 'published')
      .execute();
  },

  /** Marks a published statement withdrawn, with the reason (inside the transaction that withdraws the study). */
  async withdraw(trx: Kysely<Schema>, statementId: string, reason: string, at: Date): Promise<void> {
    generation++;
    await trx
      .updateTable('registry_entries')
      .set({ status: 'withdrawn', status_reason: reason, status_at: at })
      .where('statement_id', '=', statementId)
      .where('status', '=', 'published')
      .execute();
  },

  /**
   * A page of entries matching every word and filter, newest publication first, within the first COUNT_CAP
   * matches. Filters alone are equality on independent columns, which the planner estimates well: it plans them.
   * Words it cannot estimate — a word prefix or a run of Chinese word pairs — and it guesses wrong both ways, so a
   * search of words decides by itself, in at most two steps:
   *
   * 1. the newest 1,000, then 10,000 entries (walked on the newest-first index) are tested; when at least
   *    offset + limit of them match, those are the page — exactly the newest matches overall — and the total is
   *    estimated from the share that matched (`totalIsEstimate`), unless the window held every entry;
   * 2. otherwise (or when none of the newest 1,000 matched) the search is selective, so its matches are found
   *    through the indexes' bitmaps (GIN for words), counted up to COUNT_CAP + 1, and sorted.
   */
  async search(store: Store, q: RegistryQuery): Promise<RegistrySearch> {
    const limit = bounded(q.limit, 20, 100);
    const offset = Math.min(bounded(q.offset, 0, COUNT_CAP), COUNT_CAP - limit);
    const tsquery = q.text === undefined ? undefined : searchQuery(q.text);
    const published = (q.status ?? 'published') === 'published';
    const conditions = <T extends SelectQueryBuilder<RegistryFrom, 'registry_entries', object>>(
      query: T,
    ): T => {
      let out = query as SelectQueryBuilder<RegistryFrom, 'registry_entries', object>;
      if (tsquery !== undefined) out = out.where(sql<boolean>`search @@ ${tsquery}::tsquery`);
      if (q.category !== undefined) out = out.where('category_code', '=', q.category);
      if (q.company !== undefined) out = out.where('company_slug', '=', q.company);
      if (q.region !== undefined) out = out.where(sql<string>`lower(region)`, '=', q.region.toLowerCase());
      if (q.ruleSet !== undefined) out = out.where('rule_set_id', '=', q.ruleSet);
      if (q.year !== undefined) out = out.where('reference_year', '=', q.year);
      if (q.verification !== undefined) out = out.where('verification', '=', q.verification);
      return out as T;
    };
    const everything = await entryCount(store, published);
    return store.transaction(async (trx) => {
      const page = async (matching: SelectQueryBuilder<RegistryFrom, 'registry_entries', object>) => {
        const counted = await trx
          .selectFrom(
            matching
              .select(sql<number>`1`.as('one'))
              .limit(COUNT_CAP + 1)
              .as('matches'),
          )
          .select((eb) => eb.fn.countAll<string | number>().as('n'))
          .executeTakeFirstOrThrow();
        const n = Number(counted.n);
        const rows =
          n <= offset
            ? []
            : await matching
                .select(SUMMARY_COLUMNS)
                .orderBy('published_at', 'desc')
                .orderBy('statement_id')
                .limit(limit)
                .offset(offset)
                .execute();
        return {
          entries: (rows as SummaryRow[]).map(summaryOf),
          total: Math.min(n, COUNT_CAP),
          totalIsLowerBound: n > COUNT_CAP,
          totalIsEstimate: false,
        };
      };
      const all = () => {
        let matching = trx.selectFrom('registry_entries');
        if (published) matching = matching.where('status', '=', 'published');
        return conditions(matching);
      };
      // Filters alone: equality on independent columns, which the planner estimates well — its own plan (an index
      // per filter, walked newest first, or their bitmaps).
      if (tsquery === undefined) return page(all());
      // Step 1: the newest entries, as the newest-first index gives them, in two widths.
      for (const width of WINDOWS) {
        let newest = trx.selectFrom('registry_entries').select([...SUMMARY_COLUMNS, 'search']);
        if (published) newest = newest.where('status', '=', 'published');
        const windowQuery = conditions(
          trx.selectFrom(
            newest
              .orderBy('published_at', 'desc')
              .orderBy('statement_id')
              .limit(width)
              .as('registry_entries'),
          ) as unknown as SelectQueryBuilder<RegistryFrom, 'registry_entries', object>,
        );
        const windowRows = (await windowQuery
          .select([...SUMMARY_COLUMNS, sql<string | number>`count(*) over ()`.as('window_matches')])
          .orderBy('published_at', 'desc')
          .orderBy('statement_id')
          .limit(limit)
          .offset(offset)
          .execute()) as (SummaryRow & { window_matches: string | number })[];
        // The window's matches ride on its rows; a page beyond them (a deep page) counts them apart.
        const windowMatches =
          windowRows.length > 0
            ? Number(windowRows[0].window_matches)
            : offset === 0
              ? 0
              : Number(
                  (
                    await windowQuery
                      .select((eb) => eb.fn.countAll<string | number>().as('n'))
                      .executeTakeFirstOrThrow()
                  ).n,
                );
        const complete = everything <= width;
        if (complete || windowMatches >= offset + limit) {
          const estimate = complete ? windowMatches : Math.round((windowMatches * everything) / width);
          return {
            entries: windowRows.map(summaryOf),
            total: Math.min(estimate, COUNT_CAP),
            totalIsLowerBound: estimate > COUNT_CAP,
            totalIsEstimate: !complete,
          };
        }
        // None of the newest matched: rare words, cheaper to find through the GIN index's bitmap than in a wider
        // window.
        if (windowMatches === 0) break;
      }
      // Step 2: a selective search — its few matches through the indexes' bitmaps (GIN for words), then sorted.
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_indexscan = off`.execute(trx);
      return page(all());
    });
  },

  /** One entry in full; NOT_FOUND when the registry has no such statement. */
  async entry(store: Store, statementId: string): Promise<RegistryEntry> {
    const row = await store.db
      .selectFrom('registry_entries')
      .where('statement_id', '=', statementId)
      .select([...SUMMARY_COLUMNS, 'detail', 'statement_jws'])
      .executeTakeFirst();
    if (!row)
      throw new StoreError('NOT_FOUND', `the registry has no statement '${statementId}': check the link`, {
        details: { statementId },
      });
    const r = row as SummaryRow & { detail: Record<string, unknown>; statement_jws: string };
    return { ...summaryOf(r), detail: r.detail, statementJws: r.statement_jws };
  },

  /** Every version of a product's footprint, newest first (NOT_FOUND when it has none). */
  async product(store: Store, productKey: string): Promise<RegistryEntry[]> {
    const rows = await store.db
      .selectFrom('registry_entries')
      .where('product_key', '=', productKey)
      .select([...SUMMARY_COLUMNS, 'detail', 'statement_jws'])
      .orderBy('published_at', 'desc')
      .orderBy('statement_id')
      .limit(1000)
      .execute();
    if (rows.length === 0)
      throw new StoreError('NOT_FOUND', `the registry has no product '${productKey}': check the link`, {
        details: { productKey },
      });
    return (rows as (SummaryRow & { detail: Record<string, unknown>; statement_jws: string })[]).map((r) => ({
      ...summaryOf(r),
      detail: r.detail,
      statementJws: r.statement_jws,
    }));
  },

  /** Entries by statement id, in the order asked (for a comparison); unknown ids are NOT_FOUND. */
  async entries(store: Store, statementIds: readonly string[]): Promise<RegistryEntry[]> {
    if (statementIds.length === 0) return [];
    const rows = await store.db
      .selectFrom('registry_entries')
      .where('statement_id', 'in', statementIds)
      .select([...SUMMARY_COLUMNS, 'detail', 'statement_jws'])
      .execute();
    const byId = new Map(
      (rows as (SummaryRow & { detail: Record<string, unknown>; statement_jws: string })[]).map((r) => [
        r.statement_id,
        { ...summaryOf(r), detail: r.detail, statementJws: r.statement_jws },
      ]),
    );
    const missing = statementIds.filter((id) => !byId.has(id));
    if (missing.length > 0)
      throw new StoreError(
        'NOT_FOUND',
        `the registry has no statement ${missing.map((m) => `'${m}'`).join(', ')}`,
        {
          details: { statementIds: missing },
        },
      );
    return statementIds.map((id) => byId.get(id) as RegistryEntry);
  },

  /**
   * The distribution of the current (published) footprints of one category and declared unit: quantiles and an
   * equal-width histogram of `bins` bins.
   */
  async categoryStatistics(
    store: Store,
    category: RegistryCategory,
    declaredUnit: { amount: number; unit: string },
    bins = 10,
  ): Promise<CategoryStatistics> {
    const key = JSON.stringify([
      category.scheme,
      category.code,
      declaredUnit.amount,
      declaredUnit.unit,
      bins,
    ]);
    let cache = statistics.get(store.db);
    const cached = cache?.get(key);
    if (cached && fresh(cached)) return cached.value;
    const value = await computeStatistics(store, category, declaredUnit, bins);
    if (!cache) statistics.set(store.db, (cache = new Map()));
    if (cache.size > 1000) cache.clear();
    cache.set(key, { at: Date.now(), generation, value });
    return value;
  },

  /**
   * Entries in statement-id order after `after` (keyset pages for the open-data downloads: stable while entries are
   * added, no offset scans).
   */
  async page(
    store: Store,
    options: { after?: string; limit?: number; status?: 'published' | 'all' },
  ): Promise<RegistryEntry[]> {
    let query = store.db.selectFrom('registry_entries');
    if (options.after !== undefined) query = query.where('statement_id', '>', options.after);
    if ((options.status ?? 'all') === 'published') query = query.where('status', '=', 'published');
    const rows = await query
      .select([...SUMMARY_COLUMNS, 'detail', 'statement_jws'])
      .orderBy('statement_id')
      .limit(bounded(options.limit, 1000, 10_000))
      .execute();
    return (rows as (SummaryRow & { detail: Record<string, unknown>; statement_jws: string })[]).map((r) => ({
      ...summaryOf(r),
      detail: r.detail,
      statementJws: r.statement_jws,
    }));
  },
};
