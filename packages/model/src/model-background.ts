import {
  BackgroundMonteCarlo,
  type Calculator,
  type Database,
  type Flow,
  type MonteCarloRun,
  type UncertainInput,
} from '@opencfp/core';
import {
  carbonFootprint,
  carbonFootprintEntryWeights,
  type BiogenicApproach,
  type CarbonFootprint,
} from '@opencfp/refdata';
import { ModelError } from './errors.js';
import { productUnitFactor } from './product-unit-factor.js';

/** The carbon footprint of one reference unit of a background dataset, and how to convert units to it. */
export interface DatasetFootprint {
  processId: string;
  processName: string;
  productId: string;
  productName: string;
  /** The reference unit the footprint is per (one of it). */
  referenceUnit: string;
  footprint: CarbonFootprint;
  /** Warnings and errors of the dataset's calculation (cut-offs, singular parts …). */
  diagnostics: { code: string; severity: string; message: string }[];
  /** Reference units in one `unit`, or undefined when the product cannot be given in it; `known` gets the options. */
  unitFactor(unit: string, known?: string[]): number | undefined;
}

/** Where a product model's background datasets come from. */
export interface ModelBackground {
  /** The background database version, recorded with results. */
  versionId?: string;
  /** GWP set and biogenic approach the dataset footprints are calculated with. */
  gwpSetId: string;
  biogenicApproach: BiogenicApproach;
  /** Per reference unit; a ModelError UNKNOWN_DATASET (at `path`) when the database has no such product. */
  dataset(processId: string, productId: string | undefined, path: string): DatasetFootprint;
  /**
   * Monte Carlo draws of datasets' footprints per reference unit (kg CO2e counted as the footprint counts it),
   * the database's exchanges drawn from their distributions; absent when the background cannot sample them.
   */
  sampleDatasets?(
    datasets: readonly { processId: string; productId: string }[],
    options: BackgroundSampleOptions,
  ): Promise<BackgroundSamples>;
}

/** A background Monte Carlo run for a product model (the model's seed and iterations). */
export interface BackgroundSampleOptions {
  iterations: number;
  seed: number;
  /** Worker threads (default: the machine's available parallelism); 0: the calling thread. */
  workers?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
  signal?: AbortSignal;
}

/** Footprints per iteration of each dataset asked for (`run.outputs`, in order), and the inputs drawn. */
export interface BackgroundSamples {
  run: MonteCarloRun;
  /** The database exchange behind a background input index (as in `run.contributionInputs.indices`). */
  input(index: number): UncertainInput;
  /** What the database's uncertainties could not give (distributions that cannot be used, parameters). */
  notes: string[];
}

/**
 * A {@link ModelBackground} over a database and its (factorized) calculator: each dataset's footprint is one
 * solve, done once and kept, so a model that links the same dataset many times, or is calculated again, costs
 * no further solves.
 *
 * @example
 * const background = modelBackground(db, new Calculator(db), { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' });
 * calculateProductModel(doc, background);
 */
export function modelBackground(
  database: Database,
  calculator: Calculator,
  options: { gwpSetId: string; biogenicApproach: BiogenicApproach; versionId?: string },
): ModelBackground {
  const datasets = new Map<string, DatasetFootprint>();
  const flows = new Map<string, Flow>(database.flows.map((f) => [f.id, f]));
  // Made on first use and kept: tracing the uncertain exchanges costs one more build of the matrices.
  let sampler: BackgroundMonteCarlo | undefined;
  let weights: Float64Array | undefined;
  return {
    versionId: options.versionId,
    gwpSetId: options.gwpSetId,
    biogenicApproach: options.biogenicApproach,
    async sampleDatasets(products, sampleOptions) {
      sampler ??= new BackgroundMonteCarlo(database, calculator);
      weights ??= carbonFootprintEntryWeights(calculator.matrices, database, options);
      const mc = sampler;
      const run = await mc.run(
        { products, target: { id: 'carbon-footprint', unit: 'kg CO2e', weights } },
        sampleOptions,
      );
      return { run, input: (index) => mc.input(index), notes: mc.notes };
    },
    dataset(processId, productId, path) {
      const key = `${processId}\0${productId ?? ''}`;
      const cached = datasets.get(key);
      if (cached) return cached;
      let info;
      try {
        info = calculator.resolveDemand({ processId, productId, amount: 1 });
      } catch (e) {
        throw new ModelError(
          'UNKNOWN_DATASET',
          path,
          `${e instanceof Error ? e.message : String(e)} Link the input to a process-product of the background database: GET /v1/orgs/{orgId}/databases/${options.versionId ?? '{versionId}'}/processes?search=<words> lists them with their processId and productId ('cfp processes <database> --search <words>' on the command line).`,
        );
      }
      const result = calculator.calculate({ processId, productId: info.productId, amount: 1 });
      const footprint = carbonFootprint(result, database, {
        gwpSetId: options.gwpSetId,
        biogenicApproach: options.biogenicApproach,
        topContributors: 5,
      });
      const flow = flows.get(info.productId);
      const entry: DatasetFootprint = {
        processId: info.processId,
        processName: info.processName,
        productId: info.productId,
        productName: info.productName,
        referenceUnit: info.unit,
        footprint,
        diagnostics: result.diagnostics
          .filter((d) => d.severity === 'error' || d.severity === 'warning')
          .map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
        unitFactor: (unit, known) => {
          if (unit.trim() === info.unit.trim()) return 1;
          return flow ? productUnitFactor(database, flow, unit, known) : undefined;
        },
      };
      datasets.set(key, entry);
      return entry;
    },
  };
}
