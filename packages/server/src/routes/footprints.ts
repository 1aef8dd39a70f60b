import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Database } from '@opencfp/core';
import { productUnitFactor } from '@opencfp/model';
import { carbonFootprint, gwpSets } from '@opencfp/refdata';
import { SIGNED_IN } from '../authenticate.js';
import { fromEngineError, ServerError } from '../errors.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { processesPath } from './databases.js';
import { OrgParams, STAGE_IDS } from './schemas.js';

const FootprintRequest = z
  .strictObject({
    processId: z.string().min(1).max(200),
    productId: z.string().min(1).max(200).optional(),
    amount: z.number().positive().max(1e15).default(1).openapi({
      description: "in `unit`, else in the product's reference unit",
    }),
    unit: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .openapi({
        description:
          "a unit of any of the product's flow properties (kWh of an electricity measured in MJ, kg of a fuel " +
          'measured in MJ) or a common unit convertible to one of them; default: the reference unit',
        example: 'kWh',
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
    declaredUnit: z.looseObject({
      amount: z.number().openapi({ description: 'the amount asked for, in `unit`' }),
      unit: z.string().openapi({ description: 'the unit asked for, else the reference unit' }),
      processId: z.string(),
      referenceAmount: z.number().optional().openapi({
        description: 'with `unit` in the request: the amount in the reference unit',
        example: 7.2,
      }),
      referenceUnit: z.string().optional().openapi({ example: 'MJ' }),
    }),
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
        '`unit` (default: its reference unit; docs/carbon-footprint.md). `GET …/databases/{versionId}/processes` ' +
        'finds the `processId`. An unknown `unit` is 400 naming the units the product can be given in. Errors of ' +
        'the calculation (e.g. a non-productive loop) are returned in `diagnostics`.',
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
      const { orgId, versionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const { database, calculator } = await cache.get(c.var.store, principalOf(c).organisationId, versionId);
      let result;
      let cfp;
      let referenceAmount = body.amount;
      try {
        if (body.unit !== undefined) {
          const demand = calculator.resolveDemand({ processId: body.processId, productId: body.productId });
          referenceAmount = body.amount * unitFactor(database, demand, body.unit);
        }
        result = calculator.calculate({
          processId: body.processId,
          productId: body.productId,
          amount: referenceAmount,
        });
        cfp = carbonFootprint(result, database, {
          gwpSetId: body.method,
          biogenicApproach: body.biogenicApproach,
          stageScheme: body.stageScheme,
          defaultStage: body.defaultStage,
          topContributors: body.topContributors,
        });
      } catch (e) {
        throw withListingHint(fromEngineError(e), orgId, versionId, body.processId);
      }
      // The declared unit as asked (2 kWh), with what was calculated (7.2 MJ), as `cfp calc --unit` reports it.
      const declaredUnit =
        body.unit === undefined
          ? cfp.declaredUnit
          : {
              ...cfp.declaredUnit,
              amount: body.amount,
              unit: body.unit.trim(),
              referenceAmount: cfp.declaredUnit.amount,
              referenceUnit: cfp.declaredUnit.unit,
            };
      return c.json(
        JSON.parse(
          JSON.stringify({
            ...cfp,
            declaredUnit,
            diagnostics: result.diagnostics,
            backgroundVersionId: versionId,
          }),
        ) as z.infer<typeof FootprintSchema>,
        200,
      );
    },
  );
  return router;
}

/**
 * Reference units of the demanded product in one `unit`, through any of its flow's properties or the common units
 * ('kWh' of an electricity measured in MJ → 3.6); 400 on `body.unit`, listing the units it can be given in, when
 * there is no such conversion.
 */
function unitFactor(
  database: Database,
  demand: { productId: string; productName: string; unit: string },
  unit: string,
): number {
  if (unit.trim() === demand.unit.trim()) return 1;
  const flow = database.flows.find((f) => f.id === demand.productId);
  const known: string[] = [];
  const factor = flow ? productUnitFactor(database, flow, unit, known) : undefined;
  if (factor !== undefined && factor > 0 && Number.isFinite(factor)) return factor;
  const units = [...new Set([demand.unit, ...known])];
  const message = `'${demand.productName}' cannot be given in '${unit.trim()}': use one of its units (${units.join(', ')}) or a common unit convertible to one of them`;
  throw new ServerError('VALIDATION_FAILED', `the request is not valid: body.unit: ${message}`, {
    details: { issues: [{ location: 'body', path: ['unit'], message, code: 'custom' }], units },
  });
}

/**
 * An unknown process or product (NOT_FOUND from the engine) with the way to find the right id: the core's message
 * speaks of "the database" in general; here the listing route of this very version is named.
 */
function withListingHint(e: unknown, orgId: string, versionId: string, processId: string): unknown {
  if (!(e instanceof ServerError) || e.code !== 'NOT_FOUND') return e;
  const listing = `GET ${processesPath(orgId, versionId)}?search=<words> lists its process-products with their processId and productId`;
  const message =
    e.details.code === 'UNKNOWN_PROCESS'
      ? `there is no process '${processId}' in background database version '${versionId}' (ids are case-sensitive): ${listing}`
      : `${e.message} (${listing})`;
  return new ServerError('NOT_FOUND', message, { details: e.details });
}
