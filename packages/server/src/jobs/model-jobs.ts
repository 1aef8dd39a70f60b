import { availableParallelism } from 'node:os';
import { z } from '@hono/zod-openapi';
import { PEDIGREE_FACTOR_SET_IDS } from '@opencfp/core';
import { monteCarloProductModel, parseProductModel, type ProductModelDocument } from '@opencfp/model';
import { calculationResults, productModels, type ProductModel, type Store } from '@opencfp/store';
import type { CalculatorCache } from '../calculator-cache.js';
import { fromEngineError } from '../errors.js';
import { CalculationRequest, calculateStoredModel, calculationInputsHash } from '../routes/calculations.js';
import { JobFailure } from './job-failure.js';
import type { JobHandler } from './job-runner.js';

export const MODEL_CALCULATION = 'model-calculation';
export const MONTE_CARLO = 'monte-carlo';

/**
 * Worker threads of a Monte Carlo run's background draws when the request names none: half the machine's cores
 * (at least one), so that a run leaves the server the rest for its requests and other jobs.
 */
export function defaultWorkers(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

/** The most worker threads a request may ask for in any case; the machine's cores bound it further. */
const MAX_WORKERS = 256;

/**
 * A Monte Carlo run of a model: the calculation options plus iterations and seed, whether the background
 * database's exchanges are drawn too, the worker threads of that background run, and the pedigree factor set.
 */
export const MonteCarloRequest = CalculationRequest.extend({
  iterations: z.number().int().min(1).max(100_000).default(1000),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .openapi({ description: 'equal seeds give equal runs' }),
  backgroundUncertainty: z.boolean().default(false).openapi({
    description:
      "also draw the background database's exchanges from their distributions, so that the linked datasets' footprints vary too (docs/uncertainty.md); false: they stay at their stated values",
  }),
  workers: z.number().int().min(1).max(MAX_WORKERS).optional().openapi({
    description:
      "worker threads of the background draws (with backgroundUncertainty): 1 … the server's available parallelism (a larger number is 400); default: half of it, at least 1",
  }),
  pedigreeFactorSet: z.enum(PEDIGREE_FACTOR_SET_IDS).optional().openapi({
    description:
      "the factors that turn lines' pedigree scores into uncertainty for this run, instead of the model document's dataQuality.pedigreeFactorSet: 'ecoinvent-v3' or 'ciroth-2016'",
  }),
});
export type MonteCarloRequest = z.infer<typeof MonteCarloRequest>;

/** A 400 issue for a `workers` count over what this machine has (the schema cannot know the machine). */
export function checkWorkers(request: { workers?: number }, ctx: z.RefinementCtx): void {
  const cores = availableParallelism();
  if (request.workers !== undefined && request.workers > cores)
    ctx.addIssue({
      code: 'custom',
      path: ['workers'],
      message: `at most ${cores} worker threads on this server (its available parallelism), got ${request.workers}`,
    });
}

/**
 * The fields that tie an analysis of a model (a Monte Carlo run, a sensitivity run, method choices) to the
 * calculation it describes: the model version, background version and options it ran with, and the inputs hash of a
 * calculation of the same (GET …/calculations/{resultId}/… finds the newest run of a result by it).
 */
export const analysisLinkFields = {
  modelId: z.string(),
  modelVersion: z.number().int().openapi({ description: 'the model version it ran on' }),
  backgroundVersionId: z.string().nullable(),
  inputsHash: z.string().openapi({
    description:
      'the inputs hash of a calculation of the same model version, background version and options: equal to ' +
      'the `inputsHash` of the result it describes (GET …/calculations/{resultId}/… finds it)',
  }),
  resultId: z.string().nullable().openapi({
    description: 'the stored result with that inputs hash when the run ended (null: none was stored yet)',
  }),
};

/**
 * The link of an analysis to its calculation (analysisLinkFields): the inputs hash of calculating the model as
 * saved with the calculation options of `request`, and the stored result of that hash, if any.
 */
export async function analysisLink(
  store: Store,
  organisationId: string,
  model: ProductModel,
  request: CalculationRequest,
): Promise<{
  modelId: string;
  modelVersion: number;
  backgroundVersionId: string | null;
  inputsHash: string;
  resultId: string | null;
}> {
  const options = CalculationRequest.parse({
    scenarioId: request.scenarioId,
    method: request.method,
    biogenicApproach: request.biogenicApproach,
    stageScheme: request.stageScheme,
    defaultStage: request.defaultStage,
  });
  const inputsHash = calculationInputsHash(model, options);
  const resultId = await calculationResults.findByInputs(store, organisationId, model.id, inputsHash);
  return {
    modelId: model.id,
    modelVersion: model.version,
    backgroundVersionId: model.backgroundVersionId,
    inputsHash,
    resultId: resultId ?? null,
  };
}

const kgCo2e = (description: string) =>
  z.number().openapi({ description: `kg CO2e per declared unit: ${description}` });

/**
 * What a succeeded 'monte-carlo' job answers (its `output`): the model version and options it ran with, the inputs
 * hash of the calculation it describes (and that result, if one was stored when it ran), and the distribution of
 * the total (docs/product-models.md, Monte Carlo). Further fields of newer engines are allowed.
 */
export const MonteCarloOutput = z
  .looseObject({
    ...analysisLinkFields,
    request: MonteCarloRequest,
    backgroundDrawn: z.boolean().openapi({
      description:
        "whether the background database's exchanges were drawn (false: the datasets' footprints stayed at their stated values, as without backgroundUncertainty or when the background has nothing to draw from)",
    }),
    workers: z.number().int().nullable().optional().openapi({
      description:
        'the worker threads of the background draws (null: the background was not drawn; absent in runs made before it was recorded)',
    }),
    pedigreeFactorSet: z.enum(PEDIGREE_FACTOR_SET_IDS).optional().openapi({
      description:
        "the factors that turned lines' pedigree scores into uncertainty (absent in runs made before it was recorded: the model document's)",
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
  return analysisJob(
    MonteCarloRequest,
    async ({ store, organisationId, request, model, document, signal, progress }) => {
      const pedigreeFactorSet =
        request.pedigreeFactorSet ?? document.dataQuality?.pedigreeFactorSet ?? 'ecoinvent-v3';
      const drawn: ProductModelDocument = {
        ...document,
        dataQuality: { pactVersion: document.dataQuality?.pactVersion ?? '2', pedigreeFactorSet },
      };
      const background = await cache.backgroundOf(store, model, request.method, request.biogenicApproach);
      // The job may run on another instance than the one that took the request: its own cores bound the threads.
      const workers = Math.min(request.workers ?? defaultWorkers(), availableParallelism());
      const result = await monteCarloProductModel(drawn, background, {
        iterations: request.iterations,
        seed: request.seed,
        scenarioId: request.scenarioId,
        gwpSetId: request.method,
        biogenicApproach: request.biogenicApproach,
        stageScheme: request.stageScheme,
        defaultStage: request.defaultStage,
        backgroundUncertainty: request.backgroundUncertainty,
        workers,
        signal,
        onProgress: (done, total) => progress(done / total, `${done} of ${total} iterations`),
      });
      const backgroundDrawn = result.background !== undefined;
      const output: MonteCarloOutput = {
        // The calculation this run describes: the same model document, background version and options.
        ...(await analysisLink(store, organisationId, model, request)),
        request,
        backgroundDrawn,
        workers: backgroundDrawn ? workers : null,
        pedigreeFactorSet,
        ...JSON.parse(JSON.stringify(result)),
      };
      return output;
    },
  );
}

/** What an analysis of a model (a Monte Carlo run, a sensitivity run, method choices) runs with. */
export interface AnalysisContext<R> {
  store: Store;
  organisationId: string;
  /** The job's request, parsed. */
  request: R;
  /** The model as saved now, and its document parsed. */
  model: ProductModel;
  document: ProductModelDocument;
  signal: AbortSignal;
  progress: (fraction: number, message?: string) => void;
}

/**
 * A job handler for an analysis of a stored model: parses the job's input and request (`schema`), reads the model
 * as saved now, runs `run`, and turns engine and store errors into the job's error (a cancellation stays one).
 *
 * @example runner.register('sensitivity', analysisJob(SensitivityRequest, async (x) => ({ …x.request })));
 */
export function analysisJob<R>(
  schema: z.ZodType<R>,
  run: (context: AnalysisContext<R>) => Promise<Record<string, unknown>>,
): JobHandler {
  return async ({ job, store, signal, progress }) => {
    const input = ModelJobInput.parse(job.input);
    const request = schema.parse(input.request);
    const organisationId = job.organisationId as string;
    progress(0, 'loading the model and its background database');
    try {
      const model = await productModels.get(store, organisationId, input.modelId);
      const document = parseProductModel(model.model);
      return await run({ store, organisationId, request, model, document, signal, progress });
    } catch (e) {
      if (signal.aborted) throw e;
      throw failure(e);
    }
  };
}
