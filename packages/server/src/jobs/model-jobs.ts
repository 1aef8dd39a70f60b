import { z } from '@hono/zod-openapi';
import { monteCarloProductModel, parseProductModel } from '@opencfp/model';
import { productModels } from '@opencfp/store';
import type { CalculatorCache } from '../calculator-cache.js';
import { fromEngineError } from '../errors.js';
import { CalculationRequest, calculateStoredModel } from '../routes/calculations.js';
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
      return {
        modelId: model.id,
        modelVersion: model.version,
        backgroundVersionId: model.backgroundVersionId,
        request,
        ...JSON.parse(JSON.stringify(result)),
      };
    } catch (e) {
      if (signal.aborted) throw e;
      throw failure(e);
    }
  };
}
