import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { carbonFootprint, gwpSets } from '@opencfp/refdata';
import { SIGNED_IN } from '../authenticate.js';
import { fromEngineError } from '../errors.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { OrgParams, STAGE_IDS } from './schemas.js';

const FootprintRequest = z
  .strictObject({
    processId: z.string().min(1).max(200),
    productId: z.string().min(1).max(200).optional(),
    amount: z.number().positive().max(1e15).default(1).openapi({
      description: "in the product's reference unit",
    }),
    method: z
      .enum(gwpSets.map((s) => s.id) as [string, ...string[]])
      .default('ipcc-ar6-gwp100')
      .openapi({ description: 'the GWP set' }),
    biogenicApproach: z.enum(['-1/+1', '0/0']).default('-1/+1'),
    stageScheme: z.enum(['iso-14067', 'eu-battery']).default('iso-14067'),
    defaultStage: z.enum(STAGE_IDS).optional(),
    topContributors: z.number().int().min(0).max(100).default(10),
  })
  .openapi('FootprintRequest');

const Amounts = z.record(z.string(), z.union([z.number(), z.boolean(), z.null()]));

const FootprintSchema = z
  .looseObject({
    gwpSet: z.object({ id: z.string(), name: z.string(), version: z.string(), year: z.number() }),
    biogenicApproach: z.enum(['-1/+1', '0/0']),
    stageScheme: z.enum(['iso-14067', 'eu-battery']),
    unit: z.literal('kg CO2e'),
    declaredUnit: z.looseObject({ amount: z.number(), unit: z.string(), processId: z.string() }),
    split: z.record(z.string(), z.number()),
    pact: Amounts,
    byGas: z.array(z.looseObject({ species: z.string(), co2e: z.number() })),
    byStage: z.array(z.looseObject({ id: z.string(), amount: z.number(), share: z.number() })),
    topContributors: z.array(z.looseObject({ processId: z.string(), amount: z.number() })),
    notes: z.array(z.looseObject({ code: z.string(), message: z.string() })),
    diagnostics: z.array(z.looseObject({ code: z.string(), severity: z.string(), message: z.string() })),
    backgroundVersionId: z.string(),
  })
  .openapi('CarbonFootprint');

const VersionParams = OrgParams.extend({
  versionId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: 'versionId', in: 'path' }, description: 'a background database version id' }),
});

/**
 * The carbon footprint of one dataset (process-product) of a background database version the organisation can see
 * (its own or a shared one such as the starter database), mounted under `/v1` (viewer). The version is loaded and
 * factorized once and cached (CalculatorCache); each request is one solve.
 */
export function footprintsRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/databases/{versionId}/footprint',
      tags: ['calculations'],
      summary: 'Carbon footprint of a background dataset (viewer)',
      description:
        'ISO 14067 split, PACT fields, gases, stages and top contributors of one process-product, per `amount` of ' +
        'its reference unit (docs/carbon-footprint.md). Errors of the calculation (e.g. a non-productive loop) are ' +
        'returned in `diagnostics`.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: {
        params: VersionParams,
        body: { required: true, content: { 'application/json': { schema: FootprintRequest } } },
      },
      responses: {
        200: { description: 'The footprint', content: { 'application/json': { schema: FootprintSchema } } },
      },
    }),
    async (c) => {
      const { versionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { database, calculator } = await cache.get(c.var.store, principalOf(c).organisationId, versionId);
      let result;
      let cfp;
      try {
        result = calculator.calculate({
          processId: body.processId,
          productId: body.productId,
          amount: body.amount,
        });
        cfp = carbonFootprint(result, database, {
          gwpSetId: body.method,
          biogenicApproach: body.biogenicApproach,
          stageScheme: body.stageScheme,
          defaultStage: body.defaultStage,
          topContributors: body.topContributors,
        });
      } catch (e) {
        throw fromEngineError(e);
      }
      return c.json(
        JSON.parse(
          JSON.stringify({ ...cfp, diagnostics: result.diagnostics, backgroundVersionId: versionId }),
        ) as z.infer<typeof FootprintSchema>,
        200,
      );
    },
  );
  return router;
}
