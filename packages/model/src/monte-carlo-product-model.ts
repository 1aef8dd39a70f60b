import { Random } from '@opencfp/linalg';
import { countedOf, countedPerUnit } from './calculate-product-model.js';
import type { ModelBackground } from './model-background.js';
import { evaluateElectricity, type PreparedElectricity } from './model-electricity.js';
import { lineMultiplier } from './model-transport.js';
import {
  amountValue,
  evaluateParameters,
  prepareProductModel,
  type ProductModelOptions,
} from './prepare-product-model.js';
import type { ModelUncertainty, ProductModelDocument } from './product-model-document.js';
import { solveForeground } from './solve-foreground.js';

export interface MonteCarloOptions extends ProductModelOptions {
  /** Number of iterations (1 … 100,000). */
  iterations: number;
  /** The seed of the random stream: equal seeds give equal runs. */
  seed: number;
  /** Called every `progressEvery` iterations (default 200) with the iterations done. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  progressEvery?: number;
  /** Stops the run between iterations (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** The distribution of the total footprint over the iterations. */
export interface MonteCarloResult {
  iterations: number;
  seed: number;
  unit: 'kg CO2e';
  /** The footprint with every amount at its stated value. */
  deterministic: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  percentiles: {
    p2_5: number;
    p5: number;
    p25: number;
    p50: number;
    p75: number;
    p95: number;
    p97_5: number;
  };
  histogram: { from: number; to: number; counts: number[] };
  /** What was varied: parameters and lines with an uncertainty. */
  sampled: { parameters: string[]; lines: string[] };
  scenario: string | null;
  notes: string[];
}

/** One draw of an amount whose stated value is `x` (median of a lognormal, mean of a normal). */
export function sampleAmount(x: number, u: ModelUncertainty, rng: Random): number {
  switch (u.distribution) {
    case 'lognormal':
      return x * Math.exp(Math.log(u.geometricSd) * rng.normal());
    case 'normal':
      return x + u.sd * rng.normal();
    case 'uniform':
      return rng.uniform(u.min, u.max);
    case 'triangular': {
      // Inverse CDF of the triangular distribution.
      const r = rng.next();
      const { min: a, mode: c, max: b } = u;
      if (b === a) return a;
      const fc = (c - a) / (b - a);
      return r < fc ? a + Math.sqrt(r * (b - a) * (c - a)) : b - Math.sqrt((1 - r) * (b - a) * (b - c));
    }
  }
}

const isBounded = (u: ModelUncertainty) => u.distribution === 'uniform' || u.distribution === 'triangular';

const quantile = (sorted: Float64Array, p: number): number => {
  // Linear interpolation between closest ranks (type 7, as R and numpy by default).
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
};

/**
 * Monte Carlo run of a product model: each iteration draws the parameters and line amounts that have an
 * uncertainty (seeded, reproducible), solves the foreground again and sums the lines at their per-unit
 * footprints. The background datasets' footprints are taken at their stated values (their own uncertainty is
 * not sampled; the result says so).
 *
 * @example
 * const mc = await monteCarloProductModel(doc, background, { iterations: 1000, seed: 42 });
 * mc.percentiles.p2_5; mc.percentiles.p97_5;
 */
export async function monteCarloProductModel(
  document: ProductModelDocument,
  background: ModelBackground | undefined,
  options: MonteCarloOptions,
): Promise<MonteCarloResult> {
  const iterations = Math.floor(options.iterations);
  if (!(iterations >= 1 && iterations <= 100_000))
    throw new RangeError(`iterations must be between 1 and 100,000, got ${options.iterations}`);
  const model = prepareProductModel(document, background, options);
  const perUnit = model.lines.map((l) => countedPerUnit(l, model.approach));
  const total = (quantities: Float64Array) => {
    let sum = 0;
    for (let k = 0; k < quantities.length; k++) sum += quantities[k] * perUnit[k];
    return sum;
  };
  // Electricity is accounted for each draw of its kWh and instrument shares; the factors stay as published.
  const electricity = model.lines.map((l, k) => (l.electricity ? k : -1)).filter((k) => k >= 0);
  let trimmed = 0;
  const accountElectricity = (values: ReadonlyMap<string, number>, amounts: Float64Array) => {
    let cut = false;
    for (const k of electricity) {
      const e = evaluateElectricity(
        model.lines[k].electricity as PreparedElectricity,
        values,
        amounts[k],
        true,
      );
      perUnit[k] = countedOf(e.perUnit, model.approach);
      cut ||= e.trimmed;
    }
    if (cut) trimmed++;
  };
  const baseValues = evaluateParameters(model);
  const base = solveForeground(model, baseValues);
  const deterministic = total(base.quantities);
  // The amounts as stated (no scenario): what uniform and triangular bounds are given around.
  const statedValues = evaluateParameters({ ...model, scenario: undefined });
  const baseAmounts = model.lines.map((l) =>
    typeof l.amount === 'number'
      ? l.amount
      : amountValue(l.amount, l.amountText, statedValues, `${l.path}/amount`),
  );
  const uncertainParameters = model.parameters.filter((p) => p.uncertainty && p.value !== undefined);
  const uncertainLines = model.lines.map((l, k) => (l.uncertainty ? k : -1)).filter((k) => k >= 0);
  const rng = new Random(options.seed);
  const totals = new Float64Array(iterations);
  const every = options.progressEvery ?? 200;
  const overrides = new Map<string, number>();
  for (let it = 0; it < iterations; it++) {
    options.signal?.throwIfAborted();
    overrides.clear();
    for (const p of uncertainParameters) {
      const u = p.uncertainty as ModelUncertainty;
      const stated = p.value as number;
      const value = model.scenario?.values.get(p.key) ?? stated;
      // Bounds of uniform and triangular distributions are amounts around the stated value: a scenario moves them.
      overrides.set(
        p.key,
        isBounded(u) ? sampleAmount(stated, u, rng) + (value - stated) : sampleAmount(value, u, rng),
      );
    }
    const values = evaluateParameters(model, overrides);
    const amounts = new Float64Array(model.lines.length);
    model.lines.forEach((l, k) => {
      amounts[k] = amountValue(l.amount, l.amountText, values, `${l.path}/amount`);
    });
    for (const k of uncertainLines) {
      const u = model.lines[k].uncertainty as ModelUncertainty;
      // A bounded line moves with its formula's value, like a parameter with its scenario.
      amounts[k] = isBounded(u)
        ? sampleAmount(baseAmounts[k], u, rng) + (amounts[k] - baseAmounts[k])
        : sampleAmount(amounts[k], u, rng);
    }
    // A transport leg's amount (and uncertainty) is its mass: its distance turns it into t·km.
    model.lines.forEach((l, k) => {
      if (l.transport) amounts[k] *= lineMultiplier(l, values);
    });
    if (electricity.length > 0) accountElectricity(values, amounts);
    totals[it] = total(solveForeground(model, values, amounts).quantities);
    if ((it + 1) % every === 0 || it + 1 === iterations) {
      await options.onProgress?.(it + 1, iterations);
      // Let the event loop breathe (heartbeats, progress events, cancellation) during long runs.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  let mean = 0;
  for (const x of totals) mean += x;
  mean /= iterations;
  let squares = 0;
  for (const x of totals) squares += (x - mean) ** 2;
  const sd = iterations > 1 ? Math.sqrt(squares / (iterations - 1)) : 0;
  const sorted = Float64Array.from(totals).sort();
  const min = sorted[0];
  const max = sorted[iterations - 1];
  const bins = 20;
  const counts = new Array<number>(bins).fill(0);
  const width = (max - min) / bins;
  for (const x of sorted) counts[width === 0 ? 0 : Math.min(bins - 1, Math.floor((x - min) / width))]++;
  const notes: string[] = [];
  if (uncertainParameters.length === 0 && uncertainLines.length === 0)
    notes.push(
      'no parameter or line of the model has an uncertainty: every iteration gives the same footprint',
    );
  if (model.lines.some((l) => l.dataset !== undefined))
    notes.push(
      "the background datasets' own uncertainty is not sampled: their footprints per unit are taken at their stated values",
    );
  if (electricity.length > 0)
    notes.push(
      'the published electricity factors have no uncertainty and stay fixed: only the kWh and instrument shares or amounts with an uncertainty (of their parameters or the input) vary',
    );
  if (trimmed > 0)
    notes.push(
      `in ${trimmed} iteration${trimmed === 1 ? '' : 's'} the drawn electricity consumption was below the kWh its instruments cover: their claim was limited to the consumption`,
    );
  return {
    iterations,
    seed: options.seed,
    unit: 'kg CO2e',
    deterministic,
    mean,
    sd,
    min,
    max,
    percentiles: {
      p2_5: quantile(sorted, 0.025),
      p5: quantile(sorted, 0.05),
      p25: quantile(sorted, 0.25),
      p50: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p95: quantile(sorted, 0.95),
      p97_5: quantile(sorted, 0.975),
    },
    histogram: { from: min, to: max, counts },
    sampled: {
      parameters: uncertainParameters.map((p) => p.name),
      lines: uncertainLines.map((k) => model.lines[k].path),
    },
    scenario: model.scenario?.id ?? null,
    notes,
  };
}
