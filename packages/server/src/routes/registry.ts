import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { etag } from 'hono/etag';
import type { MiddlewareHandler } from 'hono';
import { COUNT_CAP, registry, type RegistryEntry, type RegistrySummary } from '@opencfp/store';
import { ServerError } from '../errors.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { registryCsv } from '../registry/registry-csv.js';
import { compareEntries } from '../registry/compare-entries.js';
import { Instant } from './schemas.js';

/** No credentials: the OpenAPI document says so with an empty requirement list. */
const PUBLIC: Record<string, string[]>[] = [];

const Verification = z.enum(['self-declared', 'third-party', 'certified']);
const Status = z.enum(['published', 'superseded', 'withdrawn']);
const Boundary = z.enum(['cradle-to-gate', 'cradle-to-grave', 'gate-to-gate']);
const Category = z.object({ scheme: z.string().nullable(), code: z.string() });
const DeclaredUnit = z.object({ amount: z.number(), unit: z.string() });

const SummarySchema = z
  .object({
    statementId: z.string(),
    productKey: z.string().openapi({ description: 'the product whose versions this is one of' }),
    product: z.object({ nameEn: z.string(), nameZh: z.string().nullable(), category: Category.nullable() }),
    company: z.object({ name: z.string(), slug: z.string() }),
    region: z.string().nullable(),
    ruleSet: z.object({ id: z.string(), version: z.string() }),
    referenceYear: z.number().int().nullable(),
    verification: z.object({ mode: Verification, verifierName: z.string().nullable() }),
    footprint: z.object({ total: z.number(), unit: z.literal('kg CO2e'), declaredUnit: DeclaredUnit }),
    boundary: Boundary,
    status: Status,
    supersededBy: z.string().nullable(),
    statusReason: z.string().nullable(),
    statusAt: Instant.nullable(),
    publishedAt: Instant,
  })
  .openapi('RegistrySummary');

const EntrySchema = SummarySchema.extend({
  detail: z.record(z.string(), z.unknown()).openapi({
    description:
      'what the product page shows beyond the summary: ISO 14067 split, stages, gases, data quality',
  }),
  statementJws: z
    .string()
    .openapi({ description: 'the signed statement (compact JWS): check it with `cfp verify`' }),
}).openapi('RegistryEntry');

const SearchSchema = z
  .object({
    entries: z.array(SummarySchema),
    total: z.number().int(),
    totalIsLowerBound: z
      .boolean()
      .openapi({ description: `more than ${COUNT_CAP} match: narrow the search` }),
    totalIsEstimate: z.boolean().openapi({
      description: 'the total is estimated from the share of the newest entries that match (a common search)',
    }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi('RegistrySearch');

const ProductSchema = z
  .object({
    productKey: z.string(),
    current: EntrySchema.nullable().openapi({
      description: 'the published version; null when none is current',
    }),
    versions: z.array(EntrySchema).openapi({ description: 'every version, newest first' }),
  })
  .openapi('RegistryProduct');

const StatisticsSchema = z
  .object({
    category: Category,
    declaredUnit: DeclaredUnit,
    count: z.number().int(),
    min: z.number().nullable(),
    p25: z.number().nullable(),
    median: z.number().nullable(),
    p75: z.number().nullable(),
    max: z.number().nullable(),
    mean: z.number().nullable(),
    histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
  })
  .openapi('RegistryCategoryStatistics');

const ComparisonSchema = z
  .object({
    entries: z.array(EntrySchema),
    cautions: z
      .array(z.object({ code: z.string(), message: z.string(), values: z.array(z.string()) }))
      .openapi({
        description: 'what a reader must know before comparing (different rule sets, boundaries, years …)',
      }),
  })
  .openapi('RegistryComparison');

const SearchQuery = z.object({
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'words in Chinese or English (every word must match)' }),
  category: z.string().max(50).optional().openapi({ description: 'a category code (e.g. a CPC code)' }),
  company: z.string().max(100).optional().openapi({ description: "the company's slug" }),
  region: z.string().max(100).optional(),
  ruleSet: z.string().max(100).optional().openapi({ description: 'a rule set id, e.g. iso-14067-2018' }),
  year: z.coerce.number().int().min(1990).max(2100).optional().openapi({ description: 'the reference year' }),
  verification: Verification.optional(),
  status: z.enum(['published', 'all']).default('published'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(COUNT_CAP - 1)
    .default(0),
});

const StatementParams = z.object({
  statementId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'statementId', in: 'path' } }),
});
const ProductParams = z.object({
  productKey: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'productKey', in: 'path' } }),
});

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** An entry (or summary) as JSON: dates as ISO text. */
export function summaryJson(e: RegistrySummary): z.infer<typeof SummarySchema> {
  return { ...e, statusAt: iso(e.statusAt), publishedAt: e.publishedAt.toISOString() };
}
export function entryJson(e: RegistryEntry): z.infer<typeof EntrySchema> {
  return { ...summaryJson(e), detail: e.detail, statementJws: e.statementJws };
}

/** Public answers: cached briefly by anyone, revalidated by ETag, readable from any origin. */
function publicCache(maxAge: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status === 200) {
      c.header('Cache-Control', `public, max-age=${maxAge}`);
      c.header('Access-Control-Allow-Origin', '*');
    }
  };
}

/**
 * The public registry's open data (no sign-in): search, entries, a product's versions, comparisons within a
 * category, category statistics and the full download in JSON or CSV. Everything answered comes from the registry
 * table (published statements and their later status), never from a study, model or result. `limit` is the
 * public rate limit (one budget per client, shared with the registry's pages); answers carry ETags and
 * `Cache-Control: public`.
 */
export function registryRouter(limit: MiddlewareHandler<AppEnv>): OpenAPIHono<AppEnv> {
  const router = createRouter();
  const middleware = [limit, etag({ weak: true }), publicCache(60)];

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/entries',
      tags: ['registry'],
      summary: 'Search the public registry (no sign-in)',
      description:
        'Published footprints matching every word of `q` (Chinese or English; the last word may be the start of a ' +
        'word) and every filter, newest first. Search pages through the first ' +
        `${COUNT_CAP} matches (\`totalIsLowerBound\` when there are more): narrow it with filters, or take the ` +
        'download for everything. `status=all` includes superseded and withdrawn versions.',
      security: PUBLIC,
      middleware,
      request: { query: SearchQuery },
      responses: {
        200: { description: 'A page of entries', content: { 'application/json': { schema: SearchSchema } } },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const found = await registry.search(c.var.store, {
        text: q.q,
        category: q.category,
        company: q.company,
        region: q.region,
        ruleSet: q.ruleSet,
        year: q.year,
        verification: q.verification,
        status: q.status,
        limit: q.limit,
        offset: q.offset,
      });
      return c.json(
        {
          entries: found.entries.map(summaryJson),
          total: found.total,
          totalIsLowerBound: found.totalIsLowerBound,
          totalIsEstimate: found.totalIsEstimate,
          limit: q.limit,
          offset: Math.min(q.offset, COUNT_CAP - q.limit),
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/entries/{statementId}',
      tags: ['registry'],
      summary: 'One registry entry, in JSON or CSV (no sign-in)',
      description:
        'The entry with its detail and signed statement (`format=json`), or one CSV row with a header (`format=csv`).',
      security: PUBLIC,
      middleware,
      request: {
        params: StatementParams,
        query: z.object({ format: z.enum(['json', 'csv']).default('json') }),
      },
      responses: {
        200: {
          description: 'The entry',
          content: {
            'application/json': { schema: EntrySchema },
            'text/csv': { schema: z.string() },
          },
        },
      },
    }),
    async (c) => {
      const { statementId } = c.req.valid('param');
      const entry = await registry.entry(c.var.store, statementId);
      if (c.req.valid('query').format === 'csv') {
        c.header('Content-Disposition', `attachment; filename="opencfp-registry-${statementId}.csv"`);
        return c.body(registryCsv([entry], true), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
      }
      return c.json(entryJson(entry), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/products/{productKey}',
      tags: ['registry'],
      summary: "A product's footprint and its history (no sign-in)",
      description:
        'The current (published) version and every version newest first; superseded and withdrawn ones stay, ' +
        'marked as such.',
      security: PUBLIC,
      middleware,
      request: { params: ProductParams },
      responses: {
        200: { description: 'The product', content: { 'application/json': { schema: ProductSchema } } },
      },
    }),
    async (c) => {
      const { productKey } = c.req.valid('param');
      const versions = await registry.product(c.var.store, productKey);
      const current = versions.find((v) => v.status === 'published');
      return c.json(
        { productKey, current: current ? entryJson(current) : null, versions: versions.map(entryJson) },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/compare',
      tags: ['registry'],
      summary: 'Compare footprints of one category and declared unit (no sign-in)',
      description:
        'Two to ten entries of the same category and declared unit, with cautions where the comparison needs care ' +
        '(different rule sets, boundaries, reference years, verification; versions no longer current). Entries of ' +
        'different categories or declared units are not comparable: 400 NOT_COMPARABLE says which differ.',
      security: PUBLIC,
      middleware,
      request: {
        query: z.object({
          ids: z
            .string()
            .max(2000)
            .transform((s) => [
              ...new Set(
                s
                  .split(',')
                  .map((x) => x.trim())
                  .filter((x) => x !== ''),
              ),
            ])
            .pipe(z.array(z.string().max(100)).min(2).max(10))
            .openapi({ type: 'string', description: 'statement ids, comma-separated (2 to 10)' }),
        }),
      },
      responses: {
        200: { description: 'The comparison', content: { 'application/json': { schema: ComparisonSchema } } },
      },
    }),
    async (c) => {
      const entries = await registry.entries(c.var.store, c.req.valid('query').ids);
      const comparison = compareEntries(entries);
      if (comparison.refusal)
        throw new ServerError('NOT_COMPARABLE', comparison.refusal.message, {
          details: comparison.refusal.details,
        });
      return c.json({ entries: entries.map(entryJson), cautions: comparison.cautions }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/statistics',
      tags: ['registry'],
      summary: 'The distribution of current footprints in one category and declared unit (no sign-in)',
      security: PUBLIC,
      middleware,
      request: {
        query: z.object({
          scheme: z.string().max(50).optional().openapi({ description: 'the category scheme (e.g. CPC)' }),
          code: z.string().min(1).max(50),
          unit: z.string().min(1).max(50).openapi({ description: 'the declared unit, e.g. kWh' }),
          amount: z.coerce.number().positive().default(1),
          bins: z.coerce.number().int().min(1).max(50).default(10),
        }),
      },
      responses: {
        200: { description: 'The statistics', content: { 'application/json': { schema: StatisticsSchema } } },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const s = await registry.categoryStatistics(
        c.var.store,
        { scheme: q.scheme ?? null, code: q.code },
        { amount: q.amount, unit: q.unit },
        q.bins,
      );
      return c.json(s, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/v1/public/registry/download',
      tags: ['registry'],
      summary: 'The whole registry as open data, in JSON or CSV (no sign-in)',
      description:
        'Every entry (published, superseded and withdrawn, with its status), streamed in statement-id order: a ' +
        'JSON array of RegistryEntry or CSV with a header row.',
      security: PUBLIC,
      middleware: [limit],
      request: { query: z.object({ format: z.enum(['json', 'csv']).default('json') }) },
      responses: {
        200: {
          description: 'The registry',
          content: {
            'application/json': { schema: z.array(EntrySchema) },
            'text/csv': { schema: z.string() },
          },
        },
      },
    }),
    async (c) => {
      const csv = c.req.valid('query').format === 'csv';
      const store = c.var.store;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          try {
            let after: string | undefined;
            let first = true;
            if (!csv) controller.enqueue(encoder.encode('['));
            for (;;) {
              const page = await registry.page(store, { after, limit: 1000 });
              if (page.length === 0) break;
              const text = csv
                ? registryCsv(page, first)
                : (first ? '' : ',') + page.map((e) => JSON.stringify(entryJson(e))).join(',');
              controller.enqueue(encoder.encode(text));
              first = false;
              after = page[page.length - 1].statementId;
            }
            if (!csv) controller.enqueue(encoder.encode(']'));
            controller.close();
          } catch (e) {
            controller.error(e);
          }
        },
      });
      c.header('Content-Disposition', `attachment; filename="opencfp-registry.${csv ? 'csv' : 'json'}"`);
      c.header('Cache-Control', 'public, max-age=300');
      c.header('Access-Control-Allow-Origin', '*');
      return c.body(body, 200, {
        'Content-Type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      });
    },
  );

  return router;
}
