import { parseProductModel, productModelSupplyChain, type ProductModelSupplyChain } from '@opencfp/model';
import { calculationResults, inputsHash, productModels, StoreError, type Store } from '@opencfp/store';
import type { CalculatorCache } from './calculator-cache.js';
import { fromEngineError } from './errors.js';
import { MODEL_ENGINE, type CalculationRequest } from './routes/calculations.js';

/** The supply chain of one stored result, with what the answers state about it. */
export interface ResultAnalysis {
  resultId: string;
  gwpSet: string;
  biogenicApproach: '-1/+1' | '0/0';
  chain: ProductModelSupplyChain;
}

/** Analyses kept per cached background version (its calculator), or here for models without a background. */
const NO_BACKGROUND = {};

/**
 * The supply chains of stored calculation results (`productModelSupplyChain` of `@opencfp/model`), made once per
 * result and kept: with the background version's calculator (so they go when the CalculatorCache lets the version
 * go), at most `perVersion` results each, least recently used out first. Every call reads the result from the
 * store for the caller's organisation first (another organisation's result is NOT_FOUND) and checks the version's
 * visibility through the CalculatorCache.
 *
 * A result is traced from the model document it was calculated from: stored with the result since results keep
 * it; for an older result, the model as saved now when its inputs hash is the result's, else 409 CONFLICT (the
 * model changed since: calculate it again).
 *
 * @example const { chain } = await analyses.get(store, organisationId, resultId); chain.sankey();
 */
export class ResultAnalyses {
  private readonly kept = new WeakMap<object, Map<string, Promise<ResultAnalysis>>>();

  constructor(
    private readonly cache: CalculatorCache,
    private readonly perVersion = 32,
  ) {}

  async get(store: Store, organisationId: string, resultId: string): Promise<ResultAnalysis> {
    const stored = await calculationResults.getText(store, organisationId, resultId, {
      request: ['request'],
      model: ['model'],
      versionId: ['footprint', 'backgroundVersionId'],
      total: ['footprint', 'split', 'total'],
    });
    const versionId =
      stored.parts.versionId === null ? null : (JSON.parse(stored.parts.versionId) as string | null);
    const entry = versionId === null ? undefined : await this.cache.get(store, organisationId, versionId);
    const owner = entry?.calculator ?? NO_BACKGROUND;
    let results = this.kept.get(owner);
    if (!results) this.kept.set(owner, (results = new Map()));
    const key = `${organisationId}|${resultId}`;
    let analysis = results.get(key);
    if (analysis) {
      results.delete(key);
      results.set(key, analysis); // most recently used last
      return analysis;
    }
    analysis = this.analyse(store, organisationId, stored, versionId);
    results.set(key, analysis);
    try {
      await analysis;
    } catch (e) {
      results.delete(key);
      throw e;
    }
    while (results.size > this.perVersion) results.delete(results.keys().next().value as string);
    return analysis;
  }

  private async analyse(
    store: Store,
    organisationId: string,
    stored: Awaited<
      ReturnType<typeof calculationResults.getText<'request' | 'model' | 'versionId' | 'total'>>
    >,
    versionId: string | null,
  ): Promise<ResultAnalysis> {
    const request = JSON.parse(stored.parts.request ?? 'null') as CalculationRequest;
    const document =
      stored.parts.model === null
        ? await this.currentDocument(store, organisationId, stored, versionId, request)
        : (JSON.parse(stored.parts.model) as object);
    let chain: ProductModelSupplyChain;
    try {
      const background =
        versionId === null
          ? undefined
          : {
              ...(await this.cache.get(store, organisationId, versionId)),
              model: await this.cache.background(
                store,
                organisationId,
                versionId,
                request.method,
                request.biogenicApproach,
              ),
              versionId,
            };
      chain = productModelSupplyChain(parseProductModel(document), background, {
        scenarioId: request.scenarioId,
        gwpSetId: request.method,
        biogenicApproach: request.biogenicApproach,
        stageScheme: request.stageScheme,
        defaultStage: request.defaultStage,
      });
    } catch (e) {
      throw fromEngineError(e);
    }
    const total = Number(stored.parts.total);
    if (!(Math.abs(chain.lineTotal - total) <= 1e-9 * Math.max(1, Math.abs(total))))
      throw new StoreError(
        'CONFLICT',
        `result '${stored.id}' (${total} kg CO2e) was calculated by an earlier version of the engine, which this one does not reproduce (${chain.lineTotal}): calculate the model again to trace its footprint`,
        { details: { reason: 'engine-changed', resultId: stored.id } },
      );
    return {
      resultId: stored.id,
      gwpSet: request.method,
      biogenicApproach: request.biogenicApproach,
      chain,
    };
  }

  /** For a result stored without its document: the model as saved now, when it is still what was calculated. */
  private async currentDocument(
    store: Store,
    organisationId: string,
    stored: { id: string; modelId: string; modelVersion: number; inputsHash: string },
    versionId: string | null,
    request: CalculationRequest,
  ): Promise<object> {
    const model = await productModels.get(store, organisationId, stored.modelId);
    const hash = inputsHash({
      engine: MODEL_ENGINE,
      model: model.model,
      backgroundVersionId: versionId,
      request,
    });
    if (hash === stored.inputsHash && model.backgroundVersionId === versionId) return model.model;
    throw new StoreError(
      'CONFLICT',
      `result '${stored.id}' was calculated from version ${stored.modelVersion} of its model, which has changed since (now version ${model.version}), and it was stored without its document: calculate the model again to trace its footprint`,
      {
        details: {
          reason: 'model-changed',
          resultId: stored.id,
          modelVersion: stored.modelVersion,
          currentVersion: model.version,
        },
      },
    );
  }
}
