import { assembleFootprint } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import type { ModelBackground } from './model-background.js';
import { amountAt } from './monte-carlo-product-model.js';
import {
  evaluateParameters,
  prepareProductModel,
  type PreparedModel,
  type ProductModelOptions,
} from './prepare-product-model.js';
import type { ModelUncertainty, ProductModelDocument } from './product-model-document.js';
import { solveForeground } from './solve-foreground.js';

/** Options of a one-at-a-time sensitivity run. */
export interface SensitivityOptions extends ProductModelOptions {
  /** The relative change of a parameter without an uncertainty, each way; default 0.1 (±10 %). */
  relativeChange?: number;
}

/** One parameter of a tornado chart: the total with the parameter at its low and at its high value. */
export interface ParameterSensitivity {
  parameter: string;
  /** JSON pointer of the parameter in the document. */
  path: string;
  unit?: string;
  /** Its value in the calculation (the scenario's when it sets one). */
  value: number;
  low: number;
  high: number;
  /**
   * Where low and high come from: the 5th and 95th percentiles of its uncertainty, or ±`relativeChange` of the
   * value when it has none.
   */
  basis: 'uncertainty-p5-p95' | 'relative-change';
  totalLow: number;
  totalHigh: number;
  /** totalLow − base and totalHigh − base. */
  deltaLow: number;
  deltaHigh: number;
  /** |totalHigh − totalLow|: the bar's length; rows are sorted by it. */
  swing: number;
  /** Why a side could not be calculated (e.g. a formula giving a negative amount); its totals are then NaN. */
  error?: string;
}

/** Tornado data: the base total and every input parameter's low/high totals, largest swing first. */
export interface ParameterSensitivityResult {
  unit: 'kg CO2e';
  base: number;
  scenario: string | null;
  relativeChange: number;
  parameters: ParameterSensitivity[];
  notes: string[];
}

const P_LOW = 0.05;
const P_HIGH = 0.95;

/**
 * One-at-a-time sensitivity of a product model's total to its input parameters (tornado chart data): each
 * parameter is set to its low and its high value while the others keep theirs (the scenario's, if one is
 * chosen), and the model is calculated again. Low and high are the 5th and 95th percentiles of the parameter's
 * uncertainty (a lognormal's around the value as median, a normal's around it as mean, uniform and triangular
 * bounds moved with the scenario as in the Monte Carlo run), or the value ±10 % (`relativeChange`) when it has
 * none. Calculated parameters follow through their formulas. The model is prepared once (dataset footprints are
 * the background's cached ones), so each side costs one foreground solve.
 *
 * @example
 * const t = parameterSensitivity(doc, background, { scenarioId: 'solar-50' });
 * t.parameters[0]; // { parameter: 'cell_kwh', low: 24.4, high: 36.9, totalLow: …, totalHigh: …, swing: … }
 */
export function parameterSensitivity(
  document: ProductModelDocument,
  background: ModelBackground | undefined,
  options: SensitivityOptions = {},
): ParameterSensitivityResult {
  const relativeChange = options.relativeChange ?? 0.1;
  if (!(relativeChange > 0 && relativeChange < 1))
    throw new ModelError(
      'INVALID_OPTIONS',
      '',
      `relativeChange must be between 0 and 1 (0.1 is ±10 %), got ${relativeChange}`,
    );
  const model = prepareProductModel(document, background, options);
  const totalWith = (overrides?: ReadonlyMap<string, number>): number => {
    const values = evaluateParameters(model, overrides);
    return assembleFootprint(model, values, solveForeground(model, values)).split.total;
  };
  const base = totalWith();
  const notes: string[] = [];
  const rows: ParameterSensitivity[] = [];
  const zero: string[] = [];
  for (const p of model.parameters) {
    if (p.value === undefined) continue;
    const stated = p.value;
    const value = model.scenario?.values.get(p.key) ?? stated;
    const u = p.uncertainty;
    let low: number;
    let high: number;
    if (u) {
      [low, high] = [P_LOW, P_HIGH].map((q) => bounds(stated, value, u, q)) as [number, number];
    } else {
      low = value * (1 - relativeChange);
      high = value * (1 + relativeChange);
      if (value === 0) zero.push(p.name);
    }
    const row: ParameterSensitivity = {
      parameter: p.name,
      path: `/parameters/${p.index}`,
      value,
      low,
      high,
      basis: u ? 'uncertainty-p5-p95' : 'relative-change',
      totalLow: Number.NaN,
      totalHigh: Number.NaN,
      deltaLow: Number.NaN,
      deltaHigh: Number.NaN,
      swing: Number.NaN,
    };
    const unit = document.parameters[p.index]?.unit;
    if (unit !== undefined) row.unit = unit;
    const side = (x: number): number => {
      try {
        return totalWith(new Map([[p.key, x]]));
      } catch (e) {
        if (!(e instanceof ModelError)) throw e;
        row.error = `at ${x}: ${e.message}`;
        return Number.NaN;
      }
    };
    row.totalLow = side(low);
    row.totalHigh = side(high);
    row.deltaLow = row.totalLow - base;
    row.deltaHigh = row.totalHigh - base;
    row.swing = Math.abs(row.totalHigh - row.totalLow);
    rows.push(row);
  }
  // Largest swing first; rows that could not be calculated last.
  rows.sort((a, b) => (Number.isNaN(a.swing) ? 1 : 0) - (Number.isNaN(b.swing) ? 1 : 0) || b.swing - a.swing);
  if (rows.length === 0) notes.push('the model has no input parameters (with a value): nothing to vary');
  if (zero.length > 0)
    notes.push(
      `${zero.map((x) => `'${x}'`).join(', ')} ${zero.length === 1 ? 'is' : 'are'} 0 and without an uncertainty: ±${relativeChange * 100} % of 0 does not move ${zero.length === 1 ? 'it' : 'them'}; give an uncertainty to vary ${zero.length === 1 ? 'it' : 'them'}`,
    );
  return {
    unit: 'kg CO2e',
    base,
    scenario: model.scenario?.id ?? null,
    relativeChange,
    parameters: rows,
    notes: [...notes, ...modelNotes(model)],
  };
}

/** A parameter's value at probability q of its uncertainty, as the Monte Carlo run draws it. */
function bounds(stated: number, value: number, u: ModelUncertainty, q: number): number {
  const bounded = u.distribution === 'uniform' || u.distribution === 'triangular';
  return bounded ? amountAt(stated, u, q) + (value - stated) : amountAt(value, u, q);
}

function modelNotes(model: PreparedModel): string[] {
  return model.lines.some((l) => l.dataset)
    ? ["background datasets' footprints stay at their stated values; only the model's parameters vary"]
    : [];
}
