import { z } from '@hono/zod-openapi';
import { monteCarloProductModel, parseProductModel } from '@opencfp/model';
import { calculationResults, productModels } from '@opencfp/store';
import type { CalculatorCache } from '../calculator-cache.js';
import { fromEngineError } from '../errors.js';
import { CalculationRequest, calculateStoredModel, calculationInputsHash } from '../routes/calculations.js';
import { JobFailure } from './job-failure.js';
import type { JobHandler } from './job-runner.js';

export const MODEL_CALCULATION = 'model-calculation';
export const MONTE_CARLO = 'monte-carlo';

/** A Monte Carlo run of a model: the calculation options plus iterations and seed. */
export const MonteCarloRequest = CalculationRequest.extend({
  iterations: z.number().int().min(1).max(100_000).default(1000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .openapi({ description: 'equal seeds give equal runs' }),
});
export type MonteCarloRequest = z.infer<typeof MonteCarloRequest>;

const kgCo2e = (description: string) =>
  z.number().openapi({ description: `kg CO2e per declared unit: ${description}` });

/**
 * What a succeeded 'monte-carlo' job answers (its `output`): the model version and options it ran with, the inputs
 * hash of the calculation it describes (and that result, if one was stored when it ran), and the distribution of
 * the total (docs/product-models.md, Monte Carlo). Further fields of newer engines are allowed.
 */
export const MonteCarloOutput = z
  .looseObject({
    modelId: z.string(),
    modelVersion: z.number().int().openapi({ description: 'the model version it ran on' }),
    backgroundVersionId: z.string().nullable(),
    request: MonteCarloRequest,
    inputsHash: z.string().openapi({
      description:
        'the inputs hash of a calculation of the same model version, background version and options: equal to ' +
        'the `inputsHash` of the result this run describes (GET …/calculations/{resultId}/monte-carlo finds it)',
    }),
    resultId: z.string().nullable().openapi({
      description: 'the stored result with that inputs hash when the run ended (null: none was stored yet)',
    }),
    iterations: z.number().int(),
    seed: z.number().int(),
    unit: z.literal('kg CO2e'),
    deterministic: kgCo2e('every amount at its stated value (the calculated total)'),
    mean: kgCo2e('the mean of the iterations'),
    sd: kgCo2e('the standard deviation of the iterations'),
    min: kgCo2e('the smallest iteration'),
    max: kgCo2e('the largest iteration'),
    percentiles: z
      .object({
        p2_5: z.number(),
        p5: z.number(),
        p25: z.number(),
        p50: z.number(),
        p75: z.number(),
        p95: z.number(),
        p97_5: z.number(),
      })
      .openapi({ description: 'kg CO2e per declared unit (type 7 quantiles)' }),
    histogram: z
      .object({ from: z.number(), to: z.number(), counts: z.array(z.number().int().nonnegative()) })
      .openapi({ description: 'iterations per bin of equal width from `from` to `to`' }),
    sampled: z
      .looseObject({
        parameters: z.array(z.string()),
        lines: z.array(z.string()),
        backgroundExchanges: z
          .number()
          .int()
          .optional()
          .openapi({ description: "how many of the background's exchanges were drawn (0: none)" }),
      })
      .openapi({
        description: 'what was varied: parameter names, JSON pointers of lines, background exchanges',
      }),
    contributions: z
      .looseObject({
        method: z.string().openapi({ example: 'squared-spearman' }),
        tested: z.number().int(),
        threshold: z.number().nullable().openapi({
          description: '|correlation| above which an input is told from noise (null: nothing was tested)',
        }),
        significant: z.number().int(),
        explained: z.number().nullable().openapi({ description: 'Σ correlation² of the significant inputs' }),
        inputs: z.array(
          z.looseObject({
            kind: z.string().openapi({ description: "'parameter', 'line' or 'background-exchange'" }),
            name: z.string(),
            path: z.string().optional().openapi({ description: 'JSON pointer of the parameter or line' }),
            exchange: z
              .looseObject({
                processId: z.string(),
                processName: z.string(),
                flowId: z.string(),
                flowName: z.string(),
                exchangeId: z.number().int(),
              })
              .optional(),
            correlation: z.number().nullable().openapi({
              description:
                "Spearman's rank correlation with the total (null: undefined, e.g. a constant total)",
            }),
            share: z.number().nullable().openapi({ description: 'its share of the variance' }),
          }),
        ),
      })
      .optional()
      .openapi({ description: "contribution to variance: which inputs drive the total's uncertainty" }),
    background: z
      .looseObject({ datasets: z.number().int(), solver: z.record(z.string(), z.unknown()) })
      .optional()
      .openapi({ description: "when the background's uncertainty was drawn: how its systems were solved" }),
    failed: z
      .number()
      .int()
      .optional()
      .openapi({ description: 'iterations without a finite total, left out of the statistics' }),
    scenario: z.string().nullable().openapi({ description: 'the scenario id; null: the base case' }),
    notes: z.array(z.string()),
  })
  .openapi('MonteCarloOutput');
export type MonteCarloOutput = z.infer<typeof MonteCarloOutput>;

const ModelJobInput = z.object({
  modelId: z.string(),
  request: z.record(z.string(), z.unknown()),
  author: z.object({ tokenId: z.string().nullable(), actorId: z.string() }).optional(),
});

/** Turns an engine or store error into the job's error (its code and message kept). */
function failure(e: unknown): unknown {
  const mapped = fromEngineError(e);
  if (
    mapped instanceof Error &&
    'details' in mapped &&
    (mapped as { code?: unknown }).code === 'MODEL_INVALID'
  )
    return new JobFailure('MODEL_INVALID', mapped.message, {
      details: (mapped as { details: Record<string, unknown> }).details,
    });
  return mapped;
}

/** 'model-calculation': calculates a stored model as POST …/calculations does; output { resultId, reused }. */
export function modelCalculationJob(cache: CalculatorCache): JobHandler {
  return async ({ job, store, signal, progress }) => {
    const input = ModelJobInput.parse(job.input);
    const request = CalculationRequest.parse(input.request);
    progress(0.1, 'loading the background database');
    signal.throwIfAborted();
    try {
      const { result, reused } = await calculateStoredModel(
        store,
        cache,
        job.organisationId as string,
        input.modelId,
        request,
        input.author
          ? { userId: job.createdBy, tokenId: input.author.tokenId, actorId: input.author.actorId }
          : job.createdBy,
      );
      return { resultId: result.id, reused, modelVersion: result.modelVersion };
    } catch (e) {
      throw failure(e);
    }
  };
}

/**
 * 'monte-carlo': a seeded Monte Carlo run of a stored model (docs/product-models.md); progress per 200 iterations,
 * stops between iterations when cancelled. Output: the distribution of the total with the model version and options.
 */
export function monteCarloJob(cache: CalculatorCache): JobHandler {
  return async ({ job, store, signal, progress }) => {
    const input = ModelJobInput.parse(job.input);
    const request = MonteCarloRequest.parse(input.request);
    const organisationId = job.organisationId as string;
    progress(0, 'loading the model and its background database');
    try {
      const model = await productModels.get(store, organisationId, input.modelId);
      const document = parseProductModel(model.model);
      const background = await cache.backgroundOf(store, model, request.method, request.biogenicApproach);
      const result = await monteCarloProductModel(document, background, {
        iterations: request.iterations,
        seed: request.seed,
        scenarioId: request.scenarioId,
        gwpSetId: request.method,
        biogenicApproach: request.biogenicApproach,
        stageScheme: request.stageScheme,
        defaultStage: request.defaultStage,
        signal,
        onProgress: (done, total) => progress(done / total, `${done} of ${total} iterations`),
      });
      // The calculation this run describes: the same model document, background version and options.
      const { iterations: _iterations, seed: _seed, ...options } = request;
      const hash = calculationInputsHash(model, CalculationRequest.parse(options));
      const resultId = await calculationResults.findByInputs(store, organisationId, model.id, hash);
      const output: MonteCarloOutput = {
        modelId: model.id,
        modelVersion: model.version,
        backgroundVersionId: model.backgroundVersionId,
        request,
        inputsHash: hash,
        resultId: resultId ?? null,
        ...JSON.parse(JSON.stringify(result)),
      };
      return output;
    } catch (e) {
      if (signal.aborted) throw e;
      throw failure(e);
    }
  };
}
