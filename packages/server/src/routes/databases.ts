import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  processProductIndex,
  type Calculator,
  type ProcessProductEntry,
  type ProcessProductIndex,
} from '@opencfp/core';
import { commonUnitFactor } from '@opencfp/model';
import {
  getBackgroundDatabaseVersion,
  listBackgroundDatabaseVersions,
  type DatabaseVersionInfo,
} from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams } from './schemas.js';

/** How many of a version's reading issues one GET answers (`issueCount` counts them all). */
export const ISSUES_SHOWN = 1000;

const ImportIssueSchema = z
  .object({
    file: z
      .string()
      .openapi({ description: 'the entry inside the archive or folder', example: 'processes/p1.json' }),
    path: z.string().openapi({ description: "JSON pointer into the file's dataset; '' for the whole file" }),
    code: z.string().openapi({ example: 'UNKNOWN_UNIT' }),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
  })
  .openapi('ImportIssue');

const DatabaseVersionSchema = z
  .object({
    id: z.string().openapi({ description: 'the version id (what a product model refers to)' }),
    databaseId: z.string(),
    name: z.string().openapi({ description: 'the name of the database', example: 'USLCI' }),
    organisationId: z
      .string()
      .nullable()
      .openapi({ description: 'the organisation that imported it; null: shared with every organisation' }),
    version: z.number().int().positive().openapi({ description: '1, 2, … for each import of the database' }),
    format: z.string().openapi({ description: 'the format it was read from', example: 'openlca-jsonld' }),
    sourceName: z.string().openapi({ description: 'the file or folder it was imported from' }),
    contentHash: z.string().openapi({ example: 'sha256:9f86d081…' }),
    stats: z
      .record(z.string(), z.number())
      .openapi({ description: 'datasets per kind', example: { processes: 766, flows: 4601 } }),
    issueCount: z.number().int().nonnegative().openapi({ description: 'the number of reading issues' }),
    locked: z.boolean().openapi({ description: 'used by a study, so it can no longer change' }),
    createdAt: Instant,
  })
  .openapi('DatabaseVersion');

const DatabaseVersionDetail = DatabaseVersionSchema.extend({
  issues: z.array(ImportIssueSchema).openapi({
    description: `what the reader had to skip or guess, in the order found: the first ${ISSUES_SHOWN} (issueCount counts all)`,
  }),
}).openapi('DatabaseVersionDetail');

const DatabaseVersionList = z
  .object({ versions: z.array(DatabaseVersionSchema) })
  .openapi('DatabaseVersionList');

const VersionParams = OrgParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' }, description: 'the database version id' }),
});

/** Most process-products one GET of a version's processes answers. */
export const PROCESSES_LIMIT = 500;
/** Most process ids one lookup (`?ids=`) names. */
export const IDS_LIMIT = 200;

const ProcessQuery = z.object({
  search: z
    .string()
    .max(500)
    .optional()
    .openapi({
      description:
        'words, each matched case-insensitively anywhere in the process name, the product name and synonyms, ' +
        'the location (code and name), the categories and the ids; all must match. Chinese works too (电力 江苏)',
      example: 'electricity jiangsu',
    }),
  ids: z
    .string()
    .max(IDS_LIMIT * 201)
    .transform((text) => [...new Set(text.split(',').map((id) => id.trim()))].filter(Boolean))
    .pipe(z.array(z.string().max(200)).min(1).max(IDS_LIMIT))
    .optional()
    .openapi({
      type: 'string',
      description:
        `process ids, comma-separated (at most ${IDS_LIMIT}): only their process-products, in the order given ` +
        '(each process’s products by name); ids the version does not have are left out. With `search` and `unit`, ' +
        'those must match too. An id that holds a comma cannot be looked up this way (use …/processes/{processId})',
      example: 'p-steel,p-power',
    }),
  unit: z.string().trim().min(1).max(50).optional().openapi({
    description:
      "only process-products whose reference unit is this unit: the same name, or a name of the same common unit (t*km also finds 'tkm', 't·km', '吨公里'; not kg*km, which is another unit)",
    example: 't*km',
  }),
  limit: z.coerce.number().int().min(1).max(PROCESSES_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1e9).default(0),
});

const ProcessProductSchema = z
  .object({
    processId: z.string().openapi({ description: 'what a footprint or a product model input names' }),
    processName: z.string(),
    productId: z
      .string()
      .openapi({ description: "the product's flow id: give it as productId when a process has several" }),
    productName: z.string(),
    unit: z
      .string()
      .openapi({ description: "the product's reference unit (an amount of 1 means one of it)" }),
    location: z
      .string()
      .nullable()
      .openapi({ description: "the location's code, else its name", example: 'CN-JS' }),
    category: z.string().nullable().openapi({ example: 'Energy/Electricity/China/Provinces' }),
    isWaste: z
      .literal(true)
      .optional()
      .openapi({ description: 'a waste treatment: the product is the waste the process treats' }),
    tags: z
      .array(z.string())
      .optional()
      .openapi({ description: "the process's tags, e.g. stage:production" }),
  })
  .openapi('ProcessProduct');

const ProcessProductList = z
  .object({
    total: z.number().int().nonnegative().openapi({ description: 'how many match the search (all pages)' }),
    processes: z.array(ProcessProductSchema),
  })
  .openapi('ProcessProductList');

/** The search index of a cached version, built on first use and dropped with the version's calculator. */
const indexes = new WeakMap<Calculator, ProcessProductIndex>();
/** A cached version's process-products by process id, for lookups by id. */
const byProcess = new WeakMap<Calculator, Map<string, ProcessProductEntry[]>>();

/**
 * Whether a process-product's reference unit is `unit`: the same name (spaces around ignored), or two names of one
 * common unit (the engine's table: factor 1 between them).
 */
const sameUnit = (reference: string, unit: string): boolean =>
  reference.trim() === unit || commonUnitFactor(reference, unit) === 1;

/**
 * Where the process-products of a version are listed, for error messages that tell the user how to find an id.
 *
 * @example processesPath('org-1', 'v-1') // '/v1/orgs/org-1/databases/v-1/processes'
 */
export const processesPath = (orgId: string, versionId: string): string =>
  `/v1/orgs/${orgId}/databases/${versionId}/processes`;

/** A version as JSON (instants as ISO text). */
const toJson = <V extends DatabaseVersionInfo>(v: V) => ({ ...v, createdAt: v.createdAt.toISOString() });

/**
 * The background database versions an organisation can use — its own imports and the shared ones (e.g. the
 * starter database) — mounted under `/v1`, for viewers. Another organisation's version is 404. A version's
 * process-products are listed from its database as the calculator cache holds it (loaded once), so their ids are
 * exactly those the footprint route and product models accept.
 */
export function databasesRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases',
      tags: ['databases'],
      summary: 'The background database versions the organisation can use (viewer)',
      description: 'Its own and the shared ones, by database name and version; without their reading issues.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: OrgParams },
      responses: {
        200: {
          description: 'The versions',
          content: { 'application/json': { schema: DatabaseVersionList } },
        },
      },
    }),
    async (c) => {
      const list = await listBackgroundDatabaseVersions(c.var.store, principalOf(c).organisationId);
      return c.json({ versions: list.map(toJson) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases/{versionId}',
      tags: ['databases'],
      summary: 'One background database version with its reading issues (viewer)',
      description: `The first ${ISSUES_SHOWN} reading issues; \`issueCount\` is the number of all of them.`,
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: VersionParams },
      responses: {
        200: {
          description: 'The version',
          content: { 'application/json': { schema: DatabaseVersionDetail } },
        },
      },
    }),
    async (c) => {
      const version = await getBackgroundDatabaseVersion(
        c.var.store,
        principalOf(c).organisationId,
        c.req.valid('param').versionId,
        { issueLimit: ISSUES_SHOWN },
      );
      return c.json(toJson(version), 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases/{versionId}/processes',
      tags: ['databases'],
      summary: 'The datasets (process-products) of a background database version, searchable (viewer)',
      description:
        'One entry per product output and per treated waste of each process, by process name: the `processId` ' +
        '(and `productId`) to link a product model input to or to ask a footprint for. `search` words must all ' +
        'match; `ids` looks up several processes at once (in the order given); `unit` keeps those whose reference ' +
        'unit it is; `total` counts every match, `limit` and `offset` page through them. The first request on a ' +
        'version loads it (as a footprint does); later ones search it in memory.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: VersionParams, query: ProcessQuery },
      responses: {
        200: {
          description: 'The matching process-products',
          content: { 'application/json': { schema: ProcessProductList } },
        },
      },
    }),
    async (c) => {
      const { versionId } = c.req.valid('param');
      const { search, ids, unit, limit, offset } = c.req.valid('query');
      const { database, calculator } = await cache.get(c.var.store, principalOf(c).organisationId, versionId);
      let index = indexes.get(calculator);
      if (!index) {
        index = processProductIndex(database, calculator.matrices.products);
        indexes.set(calculator, index);
      }
      let found = ids && !search?.trim() ? [] : index.search(search ?? '');
      if (ids) {
        let processes = byProcess.get(calculator);
        if (!processes) {
          processes = new Map();
          for (const entry of index.entries) {
            const list = processes.get(entry.processId);
            if (list) list.push(entry);
            else processes.set(entry.processId, [entry]);
          }
          byProcess.set(calculator, processes);
        }
        const byId = ids.flatMap((id) => processes.get(id) ?? []);
        // a search narrows the lookup (the index's entries are the same objects)
        const matching = search?.trim() ? new Set(found) : undefined;
        found = matching ? byId.filter((entry) => matching.has(entry)) : byId;
      }
      if (unit !== undefined) found = found.filter((entry) => sameUnit(entry.unit, unit));
      return c.json(
        {
          total: found.length,
          processes: found.slice(offset, offset + limit).map((p) => ({
            processId: p.processId,
            processName: p.processName,
            productId: p.productId,
            productName: p.productName,
            unit: p.unit,
            location: p.location ?? null,
            category: p.category ?? null,
            ...(p.isWaste ? { isWaste: true as const } : {}),
            ...(p.tags ? { tags: p.tags } : {}),
          })),
        },
        200,
      );
    },
  );

  return router;
}
