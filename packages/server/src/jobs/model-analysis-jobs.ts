import { z } from '@hono/zod-openapi';
import {
  methodChoices,
  modelBackgroundFactory,
  parameterSensitivity,
  type ModelBackground,
  type ModelBackgroundFactory,
} from '@opencfp/model';
import type { BiogenicApproach } from '@opencfp/refdata';
import type { Store } from '@opencfp/store';
import type { CalculatorCache } from '../calculator-cache.js';
import { CalculationRequest } from '../routes/calculations.js';
import type { JobHandler } from './job-runner.js';
import { analysisJob, analysisLink, analysisLinkFields } from './model-jobs.js';

export const SENSITIVITY = 'sensitivity';
export const METHOD_CHOICES = 'method-choices';

/** One-at-a-time sensitivity of a model: the calculation options plus the change of parameters without uncertainty. */
export const SensitivityRequest = CalculationRequest.extend({
  relativeChange: z.number().gt(0).lt(1).default(0.1).openapi({
    description:
      'low and high of a parameter without an uncertainty: its value −/+ this share (0.1: ±10 %); a parameter with one goes from its 5th to its 95th percentile',
  }),
});
export type SensitivityRequest = z.infer<typeof SensitivityRequest>;

/** The alternative method choices of a model's calculation: the calculation options (the base case). */
export const MethodChoicesRequest = CalculationRequest;
export type MethodChoicesRequest = z.infer<typeof MethodChoicesRequest>;

/** A total that may not be calculable (JSON has no NaN: null). */
const Total = z.number().nullable();

/**
 * What a succeeded 'sensitivity' job answers: tornado data — each input parameter of the model at its low and its
 * high value while the others keep theirs, the total each way and the swing, largest first (docs/uncertainty.md).
 */
export const SensitivityOutput = z
  .looseObject({
    ...analysisLinkFields,
    request: SensitivityRequest,
    unit: z.literal('kg CO2e'),
    base: z.number().openapi({ description: 'kg CO2e per declared unit: the total as calculated' }),
    scenario: z.string().nullable().openapi({ description: 'the scenario id; null: the base case' }),
    relativeChange: z.number(),
    parameters: z.array(
      z.looseObject({
        parameter: z.string(),
        path: z.string().openapi({ description: 'JSON pointer of the parameter in the model document' }),
        unit: z.string().optional(),
        value: z
          .number()
          .openapi({ description: 'its value in the calculation (the scenario’s when it sets one)' }),
        low: z.number(),
        high: z.number(),
        basis: z.enum(['uncertainty-p5-p95', 'relative-change']),
        totalLow: Total,
        totalHigh: Total,
        deltaLow: Total,
        deltaHigh: Total,
        swing: Total.openapi({ description: '|totalHigh − totalLow|: the bar of the tornado chart' }),
        error: z
          .string()
          .optional()
          .openapi({ description: 'why a side could not be calculated (totals null)' }),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('SensitivityOutput');
export type SensitivityOutput = z.infer<typeof SensitivityOutput>;

/**
 * What a succeeded 'method-choices' job answers: the total under each choice of one aspect ISO 14067 asks about —
 * background allocation, electricity accounting, end of life, biogenic carbon — the others as in the base case.
 */
export const MethodChoicesOutput = z
  .looseObject({
    ...analysisLinkFields,
    request: MethodChoicesRequest,
    unit: z.literal('kg CO2e'),
    base: z.number().openapi({ description: 'kg CO2e per declared unit: the total as calculated' }),
    scenario: z.string().nullable(),
    rows: z.array(
      z.looseObject({
        aspect: z.enum(['allocation', 'electricity-accounting', 'end-of-life', 'biogenic-carbon']),
        choice: z.string().openapi({ example: 'market-based' }),
        label: z.string(),
        base: z.boolean().openapi({ description: 'the choice of the calculation itself' }),
        total: Total.openapi({
          description: 'null: the model cannot express this choice (the notes say why)',
        }),
        difference: Total.openapi({ description: 'total − base' }),
        notes: z.array(z.string()),
      }),
    ),
    notes: z.array(z.string()),
  })
  .openapi('MethodChoicesOutput');
export type MethodChoicesOutput = z.infer<typeof MethodChoicesOutput>;

/** JSON as a job's output stores it (NaN and infinities become null, as JSON.stringify makes them). */
const asJson = (value: object): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

/**
 * 'sensitivity': one-at-a-time sensitivity of a stored model as saved now (parameterSensitivity of
 * @opencfp/model), with the calculation options of the request; output SensitivityOutput, linked to the result of
 * the same inputs like a Monte Carlo run.
 */
export function sensitivityJob(cache: CalculatorCache): JobHandler {
  return analysisJob(
    SensitivityRequest,
    async ({ store, organisationId, request, model, document, signal, progress }) => {
      const background = await cache.backgroundOf(store, model, request.method, request.biogenicApproach);
      signal.throwIfAborted();
      progress(0.5, 'calculating each parameter low and high');
      const result = parameterSensitivity(document, background, {
        ...modelOptions(request),
        relativeChange: request.relativeChange,
      });
      return {
        ...(await analysisLink(store, organisationId, model, request)),
        request,
        ...asJson(result),
      } as SensitivityOutput;
    },
  );
}

/**
 * 'method-choices': the total of a stored model as saved now under each alternative method choice, side by side
 * (methodChoices of @opencfp/model). The base case is the calculation's own (the background's allocation as its
 * datasets define it); the other allocations factorize the background database again, once each, in this job.
 */
export function methodChoicesJob(cache: CalculatorCache): JobHandler {
  return analysisJob(
    MethodChoicesRequest,
    async ({ store, organisationId, request, model, document, signal, progress }) => {
      const backgrounds = await choiceBackgrounds(store, cache, model, request.method);
      signal.throwIfAborted();
      progress(0.2, 'calculating the model under each method choice');
      const result = methodChoices(document, backgrounds, modelOptions(request));
      return {
        ...(await analysisLink(store, organisationId, model, request)),
        request,
        ...asJson(result),
      } as MethodChoicesOutput;
    },
  );
}

/** The calculation options of a request, as @opencfp/model names them. */
function modelOptions(request: CalculationRequest) {
  return {
    scenarioId: request.scenarioId,
    gwpSetId: request.method,
    biogenicApproach: request.biogenicApproach,
    stageScheme: request.stageScheme,
    defaultStage: request.defaultStage,
  };
}

const APPROACHES: readonly BiogenicApproach[] = ['-1/+1', '0/0'];

/**
 * The backgrounds of a model's method choices: the cached ones of its version for the allocation as defined (what
 * calculations use, so the base case is the result's total), new calculators for the other allocations. Undefined
 * for a model without a background version.
 */
async function choiceBackgrounds(
  store: Store,
  cache: CalculatorCache,
  model: { organisationId: string; backgroundVersionId: string | null },
  gwpSetId: string,
): Promise<ModelBackgroundFactory | undefined> {
  const versionId = model.backgroundVersionId;
  if (versionId === null) return undefined;
  const cached = new Map<string, ModelBackground>();
  for (const approach of APPROACHES)
    cached.set(approach, await cache.background(store, model.organisationId, versionId, gwpSetId, approach));
  const { database } = await cache.get(store, model.organisationId, versionId);
  const others = modelBackgroundFactory(database, { versionId });
  return (choice) =>
    choice.allocation === 'as-defined' && choice.gwpSetId === gwpSetId
      ? (cached.get(choice.biogenicApproach) as ModelBackground)
      : others(choice);
}
