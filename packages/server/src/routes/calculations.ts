import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { calculateProductModel, parseProductModel, type ProductModelFootprint } from '@opencfp/model';
import { gwpSets } from '@opencfp/refdata';
import {
  calculationResults,
  inputsHash,
  lockBackgroundDatabase,
  productModels,
  type Author,
  type CalculationResult,
  type ProductModel,
  type Store,
} from '@opencfp/store';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { fromEngineError } from '../errors.js';
import { actorId, orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { Instant, OrgParams, STAGE_IDS } from './schemas.js';

/** Changes when the calculation of models changes, so results of an older engine are not reused. */
export const MODEL_ENGINE = 'opencfp-model@2';

const Id = z.string().min(1).max(100);

export const CalculationRequest = z
  .strictObject({
    scenarioId: z.string().min(1).max(100).optional().openapi({ description: 'a scenario of the model' }),
    method: z
      .enum(gwpSets.map((s) => s.id) as [string, ...string[]])
      .default('ipcc-ar6-gwp100')
      .openapi({ description: 'the GWP set' }),
    biogenicApproach: z.enum(['-1/+1', '0/0']).default('-1/+1'),
    stageScheme: z.enum(['iso-14067', 'eu-battery']).default('iso-14067'),
    defaultStage: z.enum(STAGE_IDS).optional(),
  })
  .openapi('CalculationRequest');
export type CalculationRequest = z.infer<typeof CalculationRequest>;

const Footprint = z
  .looseObject({
    schema: z.literal('opencfp/product-model-footprint@1'),
    gwpSet: z.object({ id: z.string(), name: z.string(), version: z.string(), year: z.number() }),
    biogenicApproach: z.enum(['-1/+1', '0/0']),
    stageScheme: z.enum(['iso-14067', 'eu-battery']),
    unit: z.literal('kg CO2e'),
    declaredUnit: z.looseObject({ amount: z.number(), unit: z.string(), processId: z.string() }),
    scenario: z.object({ id: z.string(), name: z.string() }).nullable(),
    parameters: z.record(z.string(), z.number()),
    split: z.record(z.string(), z.number()),
    pact: z.record(z.string(), z.union([z.number(), z.boolean(), z.null()])),
    byGas: z.array(z.looseObject({ species: z.string(), co2e: z.number() })),
    byStage: z.array(z.looseObject({ id: z.string(), amount: z.number(), share: z.number() })),
    byProcess: z.array(
      z.looseObject({
        processId: z.string(),
        nameZh: z
          .string()
          .optional()
          .openapi({ description: "the process's Chinese name, when the model document gives one" }),
        scaling: z.number(),
        direct: z.number(),
      }),
    ),
    contributions: z.array(
      z.looseObject({
        path: z.string(),
        processId: z.string(),
        processNameZh: z
          .string()
          .optional()
          .openapi({ description: "its process's Chinese name, when the model document gives one" }),
        name: z.string(),
        co2e: z.number(),
      }),
    ),
    notes: z.array(z.looseObject({ code: z.string(), message: z.string() })),
    residual: z.number(),
    backgroundVersionId: z.string().nullable(),
  })
  .openapi('ProductModelFootprint', { description: 'docs/product-models.md explains every field' });

/** The scenario a result was calculated for, as its model document named it then. */
const ResultScenario = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string().optional().openapi({ description: 'its Chinese name, when the document gives one' }),
  })
  .openapi('ResultScenario');

const resultFields = {
  id: z.string(),
  modelId: z.string(),
  modelVersion: z.number().int(),
  inputsHash: z
    .string()
    .openapi({ description: 'SHA-256 of the model document, database version and options' }),
  createdAt: Instant,
  request: CalculationRequest,
  scenario: ResultScenario.nullable().openapi({
    description: 'the scenario calculated, named as in the model document as calculated; null: the base case',
  }),
  total: z.number().openapi({ description: 'kg CO2e per declared unit (split.total)' }),
};

const CalculationResultSummary = z.object(resultFields).openapi('CalculationResultSummary');
const CalculationResultSchema = z
  .object({
    ...resultFields,
    reused: z.boolean().optional().openapi({
      description:
        'on a calculation: true when equal inputs were calculated before (the stored result is returned)',
    }),
    footprint: Footprint,
  })
  .openapi('CalculationResult');

const ModelParams = OrgParams.extend({
  id: Id.openapi({ param: { name: 'id', in: 'path' }, description: 'the model id' }),
});
const ResultParams = OrgParams.extend({
  resultId: Id.openapi({ param: { name: 'resultId', in: 'path' }, description: 'a calculation result id' }),
});

interface StoredResult {
  request: CalculationRequest;
  footprint: ProductModelFootprint;
  /** The model document as calculated, so the result can be traced (upstream tree, Sankey) after the model changes. */
  model?: object;
}

type ResultScenario = z.infer<typeof ResultScenario>;

/**
 * The scenario of a result with its names from the model document as calculated (`scenarios` of the stored
 * document), else as the footprint names it (results stored before they kept their document); null: the base case.
 */
function scenarioOf(
  scenarioId: string | undefined,
  scenarios: unknown,
  footprint: { id: string; name: string } | null | undefined,
): ResultScenario | null {
  if (scenarioId === undefined) return null;
  const named = Array.isArray(scenarios)
    ? (scenarios as Partial<ResultScenario>[]).find((s) => s?.id === scenarioId)
    : undefined;
  if (named && typeof named.name === 'string')
    return {
      id: scenarioId,
      name: named.name,
      ...(typeof named.nameZh === 'string' ? { nameZh: named.nameZh } : {}),
    };
  return footprint ? { id: footprint.id, name: footprint.name } : { id: scenarioId, name: scenarioId };
}

const summary = (r: CalculationResult) => {
  const stored = r.result as StoredResult;
  return {
    id: r.id,
    modelId: r.modelId,
    modelVersion: r.modelVersion,
    inputsHash: r.inputsHash,
    createdAt: r.createdAt.toISOString(),
    request: stored.request,
    scenario: scenarioOf(
      stored.request.scenarioId,
      (stored.model as { scenarios?: unknown } | undefined)?.scenarios,
      stored.footprint.scenario,
    ),
    total: stored.footprint.split.total,
  };
};

const full = (r: CalculationResult, reused: boolean) => ({
  ...summary(r),
  reused,
  footprint: (r.result as StoredResult).footprint as unknown as z.infer<typeof Footprint>,
});

/**
 * The identity of a calculation of a stored model as saved now: the SHA-256 of the engine version, the model
 * document, its background version and the options. Equal hashes, equal results: a stored result is found again
 * by it, and a Monte Carlo run of the same inputs names it.
 *
 * @example const hash = calculationInputsHash(model, CalculationRequest.parse({ scenarioId: 'solar' }));
 */
export function calculationInputsHash(
  model: Pick<ProductModel, 'model' | 'backgroundVersionId'>,
  request: CalculationRequest,
): string {
  return inputsHash({
    engine: MODEL_ENGINE,
    model: model.model,
    backgroundVersionId: model.backgroundVersionId,
    request,
  });
}

/**
 * Calculates a stored model (the version now saved) on its background database version, or returns the result
 * of equal inputs calculated before. Shared by the route and the calculation job.
 */
export async function calculateStoredModel(
  store: Store,
  cache: CalculatorCache,
  organisationId: string,
  modelId: string,
  request: CalculationRequest,
  actor: Author | string | null,
): Promise<{ result: CalculationResult; reused: boolean }> {
  const model = await productModels.get(store, organisationId, modelId);
  const hash = calculationInputsHash(model, request);
  const previous = await calculationResults.findByInputs(store, organisationId, modelId, hash);
  if (previous !== undefined)
    return { result: await calculationResults.get(store, organisationId, previous), reused: true };
  let footprint: ProductModelFootprint;
  try {
    const document = parseProductModel(model.model);
    const background = await cache.backgroundOf(store, model, request.method, request.biogenicApproach);
    footprint = calculateProductModel(document, background, {
      scenarioId: request.scenarioId,
      gwpSetId: request.method,
      biogenicApproach: request.biogenicApproach,
      stageScheme: request.stageScheme,
      defaultStage: request.defaultStage,
    });
  } catch (e) {
    throw fromEngineError(e);
  }
  // Stored as JSON: undefined fields (e.g. no carbon content) are left out, as a client reads them.
  const stored = JSON.parse(JSON.stringify({ request, footprint, model: model.model })) as StoredResult;
  // A result refers to its background version: lock it first (idempotent), so no result ever stands on a version
  // that may still change or go (database trigger).
  if (model.backgroundVersionId !== null) await lockBackgroundDatabase(store, model.backgroundVersionId);
  const result = await calculationResults.record(
    store,
    organisationId,
    { modelId, modelVersion: model.version, inputsHash: hash, result: stored },
    actor,
  );
  return { result, reused: false };
}

/**
 * Calculations of product models, mounted under `/v1`: an editor calculates a model (the result is stored,
 * immutable, with the hash of its inputs; equal inputs give the stored result again), viewers read results.
 */
export function calculationsRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();

  router.openapi(
    defineRoute({
      method: 'post',
      path: '/orgs/{orgId}/models/{id}/calculations',
      tags: ['calculations'],
      summary: 'Calculate a product model (editor)',
      description:
        'The carbon footprint of the model as saved now, on its background database version (loaded and ' +
        'factorized once per version, then kept): ISO 14067 split, PACT fields, gases, stages, processes and every ' +
        'line. The result is stored with the SHA-256 of its inputs (document, database version, options); equal ' +
        'inputs return the stored result (200, `reused: true`) instead of a new one (201). A model that cannot be ' +
        'calculated is 422 MODEL_INVALID with `details.path` pointing into the document.',
      security: SIGNED_IN,
      middleware: [orgAccess('editor')],
      request: {
        params: ModelParams,
        body: { required: true, content: { 'application/json': { schema: CalculationRequest } } },
      },
      responses: {
        200: {
          description: 'Calculated before with equal inputs',
          content: { 'application/json': { schema: CalculationResultSchema } },
        },
        201: {
          description: 'Calculated',
          content: { 'application/json': { schema: CalculationResultSchema } },
        },
      },
    }),
    async (c) => {
      const principal = principalOf(c);
      const { result, reused } = await calculateStoredModel(
        c.var.store,
        cache,
        principal.organisationId,
        c.req.valid('param').id,
        c.req.valid('json'),
        { userId: principal.userId, tokenId: principal.tokenId ?? null, actorId: actorId(principal) },
      );
      if (reused) return c.json(full(result, true), 200);
      c.header('Location', `/v1/orgs/${principal.organisationId}/calculations/${result.id}`);
      return c.json(full(result, false), 201);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/models/{id}/calculations',
      tags: ['calculations'],
      summary: 'The stored results of a model, newest first (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ModelParams },
      responses: {
        200: {
          description: 'The results (at most 100)',
          content: {
            'application/json': {
              schema: z
                .object({ results: z.array(CalculationResultSummary) })
                .openapi('CalculationResultList'),
            },
          },
        },
      },
    }),
    async (c) => {
      const { organisationId } = principalOf(c);
      const { id } = c.req.valid('param');
      await productModels.get(c.var.store, organisationId, id); // another tenant's model: 404
      const list = await calculationResults.list(c.var.store, organisationId, id);
      return c.json({ results: list.map(summary) }, 200);
    },
  );

  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/calculations/{resultId}',
      tags: ['calculations'],
      summary: 'One stored calculation result (viewer)',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: ResultParams },
      responses: {
        200: {
          description: 'The result',
          content: { 'application/json': { schema: CalculationResultSchema } },
        },
      },
    }),
    async (c) => {
      const r = await calculationResults.getText(
        c.var.store,
        principalOf(c).organisationId,
        c.req.valid('param').resultId,
        {
          request: ['request'],
          scenarioId: ['request', 'scenarioId'],
          scenarios: ['model', 'scenarios'],
          footprintScenario: ['footprint', 'scenario'],
          total: ['footprint', 'split', 'total'],
          footprint: ['footprint'],
        },
      );
      const parts = r.parts;
      const scenario = scenarioOf(
        parts.scenarioId === null ? undefined : (JSON.parse(parts.scenarioId) as string),
        parts.scenarios === null ? undefined : JSON.parse(parts.scenarios),
        parts.footprintScenario === null
          ? null
          : (JSON.parse(parts.footprintScenario) as { id: string; name: string } | null),
      );
      // Immutable: caches may keep it. Served from the stored JSON text (no parse, no re-serialisation).
      c.header('Cache-Control', 'private, max-age=31536000, immutable');
      const head = JSON.stringify({
        id: r.id,
        modelId: r.modelId,
        modelVersion: r.modelVersion,
        inputsHash: r.inputsHash,
        createdAt: r.createdAt.toISOString(),
        scenario,
      });
      // The text is the schema's JSON, assembled from stored parts: typed as such for the router.
      return c.body(
        `${head.slice(0, -1)},"request":${parts.request ?? 'null'},"total":${parts.total ?? 'null'},"footprint":${parts.footprint ?? 'null'}}`,
        200,
        { 'content-type': 'application/json' },
      ) as never;
    },
  );

  return router;
}
