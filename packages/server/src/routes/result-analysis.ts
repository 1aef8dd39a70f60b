import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { UpstreamTreeNode } from '@opencfp/model';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { ServerError } from '../errors.js';
import { orgAccess, principalOf } from '../org-access.js';
import { ResultAnalyses } from '../result-analyses.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { OrgParams } from './schemas.js';

/** Most children one level of an upstream-tree answer lists (the rest are summed into an 'others' node). */
export const UPSTREAM_LIMIT = 500;
/** Most levels one upstream-tree answer expands. */
export const UPSTREAM_DEPTH = 3;
/** Most nodes one upstream-tree answer holds; deeper levels are left for later requests. */
export const UPSTREAM_NODES = 5000;
/** Most nodes a Sankey answer keeps. */
export const SANKEY_NODES = 2000;

const ResultParams = OrgParams.extend({
  resultId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'resultId', in: 'path' }, description: 'a calculation result id' }),
});

const UpstreamQuery = z.object({
  node: z
    .string()
    .max(2000)
    .regex(/^root(\/[lb]\d{1,9})*$/, "a node id from an earlier answer, e.g. 'root/l3/b120'")
    .optional()
    .openapi({ description: 'the node to expand (an id an earlier answer gave); default: the root' }),
  depth: z.coerce
    .number()
    .int()
    .min(1)
    .max(UPSTREAM_DEPTH)
    .default(1)
    .openapi({ description: 'how many levels below the node to answer' }),
  limit: z.coerce.number().int().min(1).max(UPSTREAM_LIMIT).default(50).openapi({
    description: "children per node, largest |total| first; the rest are summed into one 'others' node",
  }),
});

const Method = {
  unit: z.literal('kg CO2e'),
  gwpSet: z.string().openapi({ description: "the result's GWP set", example: 'ipcc-ar6-gwp100' }),
  biogenicApproach: z.enum(['-1/+1', '0/0']),
};

const UpstreamNodeSchema: z.ZodType<UpstreamTreeNode> = z
  .lazy(() =>
    z.object({
      id: z.string().openapi({ description: 'its path from the root: give it as `node` to expand it' }),
      label: z.string(),
      labelZh: z
        .string()
        .optional()
        .openapi({ description: "a foreground process's Chinese name, when the model document gives one" }),
      kind: z
        .enum(['foreground', 'background', 'supplier', 'electricity', 'transport', 'emission', 'others'])
        .openapi({
          description:
            "a foreground process, a background process, a line of the model with its own footprint (leaf: supplier, electricity, a transport leg with the carrier's factor, a direct emission), or the children over `limit`",
        }),
      processId: z.string().nullable().openapi({
        description: "the model's process (foreground) or the dataset's process (background)",
      }),
      productId: z.string().nullable(),
      productName: z.string().nullable(),
      path: z.string().nullable().openapi({
        description: 'JSON pointer of the model line it comes from',
        example: '/processes/0/inputs/2',
      }),
      amount: z.number().nullable().openapi({
        description:
          'what it delivers to its parent, in `unit` (background: negative for a waste sent to treatment)',
      }),
      unit: z.string().nullable(),
      direct: z.number().openapi({ description: "kg CO2e of its own emissions (a leaf's whole total)" }),
      total: z
        .number()
        .openapi({ description: 'kg CO2e with its whole supply chain: direct + its children' }),
      share: z.number().openapi({ description: "total / the root's total" }),
      depth: z.number().int(),
      expandable: z.boolean(),
      count: z.number().int().optional().openapi({ description: "'others': how many children it sums" }),
      children: z.array(UpstreamNodeSchema).optional(),
    }),
  )
  .openapi('UpstreamNode');

const UpstreamTreeSchema = z
  .object({
    resultId: z.string(),
    ...Method,
    total: z.number().openapi({ description: 'kg CO2e per declared unit: the root’s total' }),
    maxDepth: z
      .number()
      .int()
      .openapi({ description: 'nodes this deep are not expandable (loops end there)' }),
    node: UpstreamNodeSchema,
  })
  .openapi('UpstreamTree');

const SankeyQuery = z.object({
  threshold: z.coerce.number().min(0).max(1).default(0.01).openapi({
    description: "keep the nodes whose upstream total is at least this share of the result's total",
  }),
  maxNodes: z.coerce
    .number()
    .int()
    .min(1)
    .max(SANKEY_NODES)
    .default(200)
    .openapi({ description: 'keep at most this many nodes (the largest; the reference process always)' }),
});

const SankeyNodeSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    labelZh: z
      .string()
      .optional()
      .openapi({ description: "a foreground process's Chinese name, when the model document gives one" }),
    kind: z.enum(['foreground', 'background', 'supplier', 'electricity', 'transport', 'other']),
    processId: z.string().nullable(),
    productId: z.string().nullable(),
    amount: z
      .number()
      .nullable()
      .openapi({ description: 'total requirement (net output) per declared unit, in `unit`' }),
    unit: z.string().nullable(),
    direct: z.number().openapi({ description: 'kg CO2e of its own emissions' }),
    total: z.number().openapi({ description: 'upstream total: intensity × total requirement' }),
    share: z.number(),
    otherUpstream: z
      .number()
      .openapi({ description: "kg CO2e it takes in from pruned providers (the link from 'other')" }),
  })
  .openapi('SankeyNode');

const SankeyLinkSchema = z
  .object({
    source: z.string().openapi({ description: 'the provider' }),
    target: z.string().openapi({ description: 'the process it delivers to' }),
    value: z
      .number()
      .openapi({ description: "kg CO2e carried: the provider's intensity × the amount delivered" }),
    loop: z.boolean().openapi({ description: 'closes a loop: leave it out to draw an acyclic diagram' }),
  })
  .openapi('SankeyLink');

const SankeySchema = z
  .object({
    resultId: z.string(),
    ...Method,
    total: z.number().openapi({ description: 'kg CO2e per declared unit' }),
    threshold: z.number(),
    maxNodes: z.number().int(),
    candidates: z.number().int().openapi({ description: 'nodes of the whole graph, before pruning' }),
    nodes: z.array(SankeyNodeSchema),
    links: z.array(SankeyLinkSchema),
  })
  .openapi('SupplyChainSankey');

/**
 * Where the kilograms of a stored result come from, mounted under `/v1` (viewer): the upstream contribution tree,
 * expanded a node at a time, and the supply chain as a Sankey diagram pruned on the server. Both are made from one
 * analysis per result (`ResultAnalyses`: the result's document recalculated on the cached background version, its
 * intensities from one transposed solve per version and GWP set), kept in memory with the version.
 */
export function resultAnalysisRouter(
  cache: CalculatorCache,
  analyses = new ResultAnalyses(cache),
): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/calculations/{resultId}/upstream',
      tags: ['calculations'],
      summary: 'The upstream contribution tree of a result, one node at a time (viewer)',
      description:
        'kg CO2e per declared unit, in the GWP set of the result. Without `node`: the root (the declared unit of ' +
        "the model's reference process) and its children; with `node` (an id an earlier answer gave) that node's " +
        'children. Children: the lines of a foreground process (other foreground processes, background datasets, ' +
        'supplier footprints and direct emissions as leaves) and the providers of a background process in its ' +
        'database (amount −A_ij × scaling, total m_i × amount). A node’s total is its direct plus its ' +
        "children's totals. Loops end at `maxDepth`. An unknown node is 404.",
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ResultParams, query: UpstreamQuery },
      responses: {
        200: {
          description: 'The node and its children',
          content: { 'application/json': { schema: UpstreamTreeSchema } },
        },
      },
    }),
    async (c) => {
      const { resultId } = c.req.valid('param');
      const { node: nodeId, depth, limit } = c.req.valid('query');
      const analysis = await analyses.get(c.var.store, principalOf(c).organisationId, resultId);
      const node = analysis.chain.upstream(nodeId, { depth, limit, nodes: UPSTREAM_NODES });
      if (!node)
        throw new ServerError(
          'NOT_FOUND',
          `no node '${nodeId ?? ''}' in the upstream tree of result '${resultId}': give an id an earlier answer gave, or none for the root`,
          { details: { field: 'node' } },
        );
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json(
        {
          resultId: analysis.resultId,
          unit: 'kg CO2e' as const,
          gwpSet: analysis.gwpSet,
          biogenicApproach: analysis.biogenicApproach,
          total: analysis.chain.total,
          maxDepth: analysis.chain.maxDepth,
          node,
        },
        200,
      );
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/calculations/{resultId}/sankey',
      tags: ['calculations'],
      summary: 'The supply chain of a result as a Sankey diagram, pruned (viewer)',
      description:
        "Nodes: the model's foreground processes, its supplier inputs and the background processes its datasets " +
        'reach, each with its upstream total (intensity × total requirement, as in openLCA) and its direct kg ' +
        "CO2e; links: the kg CO2e a provider delivers with its product (the provider's intensity × the amount). " +
        'Kept: the nodes whose total is at least `threshold` × the result’s total, at most `maxNodes` of them ' +
        '(the reference process always); what a kept node takes in from pruned ones is its `otherUpstream`, drawn ' +
        "as a link from the node 'other', so each node's total is its direct plus its incoming links. Links that " +
        'close a loop are marked `loop`. docs/server.md explains the definitions.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ResultParams, query: SankeyQuery },
      responses: {
        200: { description: 'The pruned diagram', content: { 'application/json': { schema: SankeySchema } } },
      },
    }),
    async (c) => {
      const { resultId } = c.req.valid('param');
      const { threshold, maxNodes } = c.req.valid('query');
      const analysis = await analyses.get(c.var.store, principalOf(c).organisationId, resultId);
      const sankey = analysis.chain.sankey({ threshold, maxNodes });
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      return c.json(
        {
          resultId: analysis.resultId,
          unit: 'kg CO2e' as const,
          gwpSet: analysis.gwpSet,
          biogenicApproach: analysis.biogenicApproach,
          ...sankey,
        },
        200,
      );
    },
  );

  return router;
}
