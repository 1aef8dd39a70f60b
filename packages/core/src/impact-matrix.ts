import { CooMatrix, type CscMatrix } from '@opencfp/linalg';
import type { Diagnostic } from './diagnostics.js';

import type { ImpactCategory, ImpactFactor, ImpactMethod } from './model.js';
import type { ElementaryRow } from './product-system.js';
import type { UnitIndex } from './units.js';

/** The characterisation matrix C of one method over the elementary flows of B: h = C g. */
export interface ImpactMatrix {
  method: ImpactMethod;
  /** Rows of C. */
  indicators: ImpactCategory[];
  /** indicators × elementary flows; factor per reference unit of each flow's reference property. */
  C: CscMatrix;
  diagnostics: Diagnostic[];
}

/** Evaluates a characterisation factor's formula; undefined keeps the stored value. */
export type ImpactFormulaEvaluator = (factor: ImpactFactor) => number | undefined;

/**
 * Builds C for the elementary flows of B (`rows`). A factor v given per unit u of property p becomes
 * v · fpf(p) / (u.factor / refUnit(p).factor) / fpf(ref) per reference unit of the flow's reference property
 * (the inverse of the exchange conversion): 5 per m³ of water (fpf volume = 0.001 m³/kg) → 0.005 per kg.
 * Factors of input flows (resources, uptakes: `row.isInput`) are entered negated, so that h = C g applies
 * them to the extracted amount (g is negative for extractions), as openLCA does.
 *
 * @example
 * const { C, indicators } = impactMatrix(method, matrices);
 * const h = C.multiply(g); // h[k]: result of indicators[k]
 */
export function impactMatrix(
  method: ImpactMethod,
  system: { elementaryRows: readonly ElementaryRow[]; units: UnitIndex },
  evaluate?: ImpactFormulaEvaluator,
): ImpactMatrix {
  const diagnostics: Diagnostic[] = [];
  const rowOf = new Map<string, ElementaryRow>();
  for (const r of system.elementaryRows) rowOf.set(r.flowId, r);
  const indicators = method.categories;
  const coo = new CooMatrix(indicators.length, system.elementaryRows.length);
  indicators.forEach((category, k) => {
    const seen = new Set<string>();
    for (const factor of category.factors) {
      const row = rowOf.get(factor.flowId);
      // A factor for a flow no process exchanges cannot change any result.
      if (!row) continue;
      const skip = (why: string): void => {
        diagnostics.push({
          code: 'IMPACT_FACTOR_SKIPPED',
          severity: 'warning',
          flowId: factor.flowId,
          message: `the factor of indicator '${category.name}' for flow '${row.name}' was skipped: ${why}`,
          details: { methodId: method.id, indicatorId: category.id },
        });
      };
      if (seen.has(factor.flowId)) {
        skip(
          'the indicator has another factor for the same flow (the first one is used). Remove the duplicate.',
        );
        continue;
      }
      seen.add(factor.flowId);
      const flow = system.units.flow(factor.flowId);
      if (!flow) continue;
      let value = factor.value;
      if (factor.formula !== undefined && factor.formula.trim() !== '' && evaluate) {
        const v = evaluate(factor);
        if (v !== undefined) value = v;
      }
      let k2 = 1;
      if (factor.unitId !== undefined || factor.flowPropertyId !== undefined) {
        const ref = system.units.referenceUnit(flow);
        if (!('unit' in ref)) {
          skip(ref.message);
          continue;
        }
        const propertyId = factor.flowPropertyId ?? ref.property.id;
        let unitId = factor.unitId;
        if (unitId === undefined) {
          const refUnitId = system.units.referenceUnitIdOf(propertyId);
          if (!refUnitId) {
            skip(`flow property ${propertyId} is not in the database; import it.`);
            continue;
          }
          unitId = refUnitId;
        }
        const c = system.units.conversionFactor(flow, unitId, propertyId);
        if (typeof c !== 'number') {
          skip(c.message);
          continue;
        }
        // The exchange conversion takes an amount per u to the reference unit; a factor per u goes the other way.
        k2 = 1 / c;
      }
      const v = value * k2;
      coo.add(k, row.index, row.isInput ? -v : v);
    }
  });
  return { method, indicators, C: coo.toCsc(), diagnostics };
}
