import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Calculator } from '@opencfp/core';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { flowIndex, type FlowIndex } from '../flow-index.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { OrgParams } from './schemas.js';

/** Most flows one GET of a version's flows answers. */
export const FLOWS_LIMIT = 500;

const FlowParams = OrgParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' }, description: 'the database version id' }),
});

const FlowQuery = z.object({
  search: z
    .string()
    .max(500)
    .optional()
    .openapi({
      description:
        'words, each matched case-insensitively anywhere in the flow name, its synonyms, its category, its CAS ' +
        'number, its formula and its id; all must match. Chinese works too (电力)',
      example: 'carbon dioxide',
    }),
  type: z
    .enum(['elementary', 'product', 'waste'])
    .optional()
    .openapi({ description: 'only flows of this type (default: all)' }),
  limit: z.coerce.number().int().min(1).max(FLOWS_LIMIT).default(50),
  offset: z.coerce.number().int().min(0).max(1e9).default(0),
});

const FlowSchema = z
  .object({
    flowId: z.string(),
    name: z.string(),
    type: z.enum(['elementary', 'product', 'waste']).openapi({
      description:
        'elementary: exchanged with nature (emissions, resources); product or waste: between processes',
    }),
    category: z.string().nullable().openapi({ example: 'Elementary flows/Emission to air/unspecified' }),
    unit: z.string().nullable().openapi({
      description: "the flow's reference unit (null: the database gives it none)",
      example: 'kg',
    }),
    cas: z
      .string()
      .optional()
      .openapi({ description: 'the CAS number as the database gives it', example: '124-38-9' }),
    usedBy: z
      .number()
      .int()
      .nonnegative()
      .openapi({ description: 'how many processes have an exchange (input or output) of the flow' }),
  })
  .openapi('DatabaseFlow');

const FlowList = z
  .object({
    total: z.number().int().nonnegative().openapi({ description: 'every match, not only this page' }),
    flows: z.array(FlowSchema),
  })
  .openapi('DatabaseFlowList');

/** The flow index of a cached version, built on first use and dropped with the version's calculator. */
const indexes = new WeakMap<Calculator, FlowIndex>();

/**
 * The flows of a background database version the organisation can see, searchable, mounted under `/v1` (viewer):
 * elementary flows (emissions, resources), products and wastes, with their reference unit and how many processes
 * use them. Read from the version as the calculator cache holds it (loaded once; the index is built on the first
 * request and kept with it), so a search is an in-memory scan. Visibility is the process listing's: another
 * organisation's version is 404.
 */
export function flowsRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/databases/{versionId}/flows',
      tags: ['databases'],
      summary: 'The flows of a background database version, searchable (viewer)',
      description:
        'Every flow of the version by name — elementary flows, products and wastes — with its category, reference ' +
        'unit, CAS number and the number of processes that use it. `search` words must all match; `type` keeps ' +
        'one type; `total` counts every match, `limit` and `offset` page through them. The first request on a ' +
        'version loads it (as a footprint does); later ones search it in memory.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: FlowParams, query: FlowQuery },
      responses: {
        200: {
          description: 'The matching flows',
          content: { 'application/json': { schema: FlowList } },
        },
      },
    }),
    async (c) => {
      const { versionId } = c.req.valid('param');
      const { search, type, limit, offset } = c.req.valid('query');
      const { database, calculator } = await cache.get(c.var.store, principalOf(c).organisationId, versionId);
      let index = indexes.get(calculator);
      if (!index) {
        index = flowIndex(database, calculator.matrices.units);
        indexes.set(calculator, index);
      }
      const found = index.search(search ?? '', type);
      return c.json(
        {
          total: found.length,
          flows: found.slice(offset, offset + limit).map((f) => ({
            flowId: f.flowId,
            name: f.name,
            type: f.type,
            category: f.category ?? null,
            unit: f.unit ?? null,
            ...(f.cas === undefined ? {} : { cas: f.cas }),
            usedBy: f.usedBy,
          })),
        },
        200,
      );
    },
  );
  return router;
}
