import type { Calculator, Database, Flow } from '@opencfp/core';
import { carbonFootprint, type BiogenicApproach, type CarbonFootprint } from '@opencfp/refdata';
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
  return {
    versionId: options.versionId,
    gwpSetId: options.gwpSetId,
    biogenicApproach: options.biogenicApproach,
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
