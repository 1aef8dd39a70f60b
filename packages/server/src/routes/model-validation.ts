import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { validateProductModel, type ModelBackground } from '@opencfp/model';
import { gwpSets } from '@opencfp/refdata';
import { StoreError } from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { ServerError } from '../errors.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { MODEL_MAX_BYTES } from './models.js';
import { OrgParams, STAGE_IDS } from './schemas.js';

const ValidationRequest = z
  .strictObject({
    model: z
      .record(z.string(), z.unknown())
      .refine((model) => Buffer.byteLength(JSON.stringify(model), 'utf8') <= MODEL_MAX_BYTES, {
        message: `the model document is larger than ${MODEL_MAX_BYTES} bytes (1 MB) as JSON`,
      })
      .openapi({
        description:
          'a product-model document (ProductModelDocument), as it would be saved: one that does not follow the ' +
          'schema is answered with its schema problems (code INVALID_MODEL), not refused',
      }),
    backgroundVersionId: z.string().min(1).max(100).nullable().default(null).openapi({
      description:
        'the background database version to check the datasets against (one the organisation can see); null: none, as for a model not linked yet',
    }),
    method: z
      .enum(gwpSets.map((s) => s.id) as [string, ...string[]])
      .default('ipcc-ar6-gwp100')
      .openapi({ description: 'the GWP set (a gas it has no value for is a problem)' }),
    biogenicApproach: z.enum(['-1/+1', '0/0']).default('-1/+1'),
    stageScheme: z.enum(['iso-14067', 'eu-battery']).default('iso-14067'),
    defaultStage: z.enum(STAGE_IDS).optional(),
  })
  .openapi('ModelValidationRequest');

const ModelIssueSchema = z
  .object({
    path: z.string().openapi({
      description: "JSON pointer into the document ('' for the whole model)",
      example: '/processes/0/inputs/1/unit',
    }),
    code: z.string().openapi({
      description:
        'what a calculation raises (MODEL_INVALID details.code): INVALID_MODEL, FORMULA_ERROR, UNKNOWN_PARAMETER, PARAMETER_CYCLE, UNKNOWN_DATASET, NO_BACKGROUND, UNIT_MISMATCH, UNKNOWN_GAS, UNKNOWN_STAGE, UNKNOWN_FACTOR, FOREGROUND_SINGULAR, NEGATIVE_SCALING, NON_FINITE …',
      example: 'UNIT_MISMATCH',
    }),
    message: z
      .string()
      .openapi({ description: 'what is wrong and how to fix it, as the calculation says it' }),
    scenarioId: z.string().optional().openapi({
      description: 'raised only when this scenario is calculated (not in the base case)',
    }),
  })
  .openapi('ModelIssue');

const ValidationAnswer = z
  .object({
    issues: z.array(ModelIssueSchema).openapi({
      description:
        'every problem found, in the order a calculation meets them (at most 100); none: it calculates',
    }),
  })
  .openapi('ModelValidation');

/**
 * Checks a product-model document without calculating it for good, mounted under `/v1` (viewer: it changes nothing,
 * and verifiers reviewing a model see the same problems as its editors): the problems a calculation on the given
 * background version would raise — schema, formulas, parameters, datasets, units, links, gases, stages, electricity
 * factors, the foreground's solvability — for the base case and every scenario (validateProductModel of
 * @opencfp/model). Nothing is stored; the background's dataset footprints are cached as a calculation caches them.
 */
export function modelValidationRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/models/validate',
      tags: ['models'],
      summary: 'The problems a calculation of a model document would raise, without calculating it (viewer)',
      description:
        'Validates `model` against its schema and then as a calculation on `backgroundVersionId` would: every ' +
        'problem with its JSON pointer, code and message — formulas, unknown parameters and datasets, units ' +
        'that cannot be converted, links, gases, stages, electricity factors, a foreground that cannot be solved — ' +
        'for the base case and each scenario. A problem found, the part at fault is set aside and the search goes ' +
        'on, so each issue is what a calculation raises once those before it are fixed. Nothing is saved; the ' +
        'answer is the same whoever asks (viewer and up). A version the organisation cannot see is 404 with ' +
        '`details.field`.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: {
        params: OrgParams,
        body: { required: true, content: { 'application/json': { schema: ValidationRequest } } },
      },
      responses: {
        200: {
          description: 'The problems found (an empty list: the model calculates)',
          content: { 'application/json': { schema: ValidationAnswer } },
        },
      },
    }),
    async (c) => {
      const { organisationId } = principalOf(c);
      const { model, backgroundVersionId, method, biogenicApproach, stageScheme, defaultStage } =
        c.req.valid('json');
      let background: ModelBackground | undefined;
      if (backgroundVersionId !== null)
        try {
          background = await cache.background(
            c.var.store,
            organisationId,
            backgroundVersionId,
            method,
            biogenicApproach,
          );
        } catch (e) {
          if (e instanceof StoreError && e.code === 'NOT_FOUND')
            throw new ServerError('NOT_FOUND', e.message, { details: { field: 'backgroundVersionId' } });
          throw e;
        }
      const issues = validateProductModel(model, background, {
        gwpSetId: method,
        biogenicApproach,
        stageScheme,
        ...(defaultStage === undefined ? {} : { defaultStage }),
      });
      return c.json({ issues }, 200);
    },
  );
  return router;
}
