import {
  CounterRandom,
  counterUniform,
  normalQuantile,
  rankContributions,
  summarizeSamples,
  type ContributionInputs,
  type MonteCarloSolverReport,
  type UncertainInput,
} from '@opencfp/core';
import type { Random } from '@opencfp/linalg';
import { countedOf, countedPerUnit } from './calculate-product-model.js';
import type { BackgroundSamples, ModelBackground } from './model-background.js';
import { applyPedigreeUncertainty, pedigreeNote } from './model-data-quality.js';
import { evaluateElectricity, type PreparedElectricity } from './model-electricity.js';
import { lineMultiplier } from './model-transport.js';
import {
  amountValue,
  evaluateParameters,
  prepareProductModel,
  type PreparedLine,
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
  /**
   * Also draw the background database's exchanges from their distributions (a Monte Carlo run over the whole
   * background, docs/uncertainty.md), so that the linked datasets' footprints vary too. Needs a background that
   * can sample (`modelBackground` can); default false: the datasets' footprints are taken at their stated values.
   */
  backgroundUncertainty?: boolean;
  /** Worker threads of the background run (default: the machine's available parallelism; 0: this thread). */
  workers?: number;
  /** Contribution to variance: default true; `limit` inputs at most (default 20). */
  contributions?: boolean;
  limit?: number;
}

/** An input of a product model's Monte Carlo run that drives the total's uncertainty. */
export interface ModelInputContribution {
  kind: 'parameter' | 'line' | 'background-exchange';
  /** The parameter's name, the line's name, or the background exchange's flow and process. */
  name: string;
  /** JSON pointer of the parameter or line in the document. */
  path?: string;
  /** A background exchange: its process and flow. */
  exchange?: { processId: string; processName: string; flowId: string; flowName: string; exchangeId: number };
  /** Spearman's rank correlation with the total. */
  correlation: number;
  /** Its share of the variance: correlation² over the sum of the significant inputs' correlation². */
  share: number;
}

/** Contribution to variance of the total (squared Spearman rank correlations, normalised; docs/uncertainty.md). */
export interface ModelContributionAnalysis {
  method: 'squared-spearman';
  /** Inputs tested, and the |correlation| above which one is told from noise (Bonferroni, 5 %). */
  tested: number;
  threshold: number;
  significant: number;
  /** Σ correlation² of the significant inputs (near 1 when they explain the total's ranks). */
  explained: number;
  inputs: ModelInputContribution[];
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
  /** What was varied: parameters and lines with an uncertainty, and the background's exchanges when drawn. */
  sampled: { parameters: string[]; lines: string[]; backgroundExchanges: number };
  /** Which inputs drive the total's uncertainty (absent when `contributions` is false). */
  contributions?: ModelContributionAnalysis;
  /** The background run, when the background's uncertainty was drawn: how its systems were solved. */
  background?: { datasets: number; solver: MonteCarloSolverReport };
  /** Iterations without a finite total (a singular draw of the background), left out of the statistics. */
  failed: number;
  scenario: string | null;
  notes: string[];
}

/**
 * The value at probability `p` ∈ (0, 1) of an amount whose stated value is `x` (the median of a lognormal, the
 * mean of a normal; uniform and triangular bounds as given): the inverse of its distribution function, so that
 * one uniform gives one draw and the draw's rank is the uniform's.
 *
 * @example
 * amountAt(10, { distribution: 'lognormal', geometricSd: 1.2 }, 0.975); // 10 · 1.2^1.96 ≈ 14.3
 */
export function amountAt(x: number, u: ModelUncertainty, p: number): number {
  switch (u.distribution) {
    case 'lognormal':
      return x * Math.exp(Math.log(u.geometricSd) * normalQuantile(p));
    case 'normal':
      return x + u.sd * normalQuantile(p);
    case 'uniform':
      return u.min + (u.max - u.min) * p;
    case 'triangular': {
      const { min: a, mode: c, max: b } = u;
      if (b === a) return a;
      const fc = (c - a) / (b - a);
      return p < fc ? a + Math.sqrt(p * (b - a) * (c - a)) : b - Math.sqrt((1 - p) * (b - a) * (b - c));
    }
  }
}

/** Whether a distribution has no spread (every draw the same). */
const degenerate = (u: ModelUncertainty): boolean =>
  u.distribution === 'lognormal'
    ? u.geometricSd === 1
    : u.distribution === 'normal'
      ? u.sd === 0
      : u.min === u.max;

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

/** The counter-based streams of a model run: background exchanges (as the background run), foreground inputs. */
const FOREGROUND_STREAM = 1;

/**
 * Monte Carlo run of a product model: each iteration draws the parameters and line amounts that have an
 * uncertainty, solves the foreground again and sums the lines at their per-unit footprints. Draws are
 * counter-based (seed, input, iteration: docs/uncertainty.md), so equal seeds give equal runs. With
 * `backgroundUncertainty` the background database's exchanges are drawn too (one background run, in worker
 * threads, giving every linked dataset's footprint per iteration); otherwise the datasets' footprints are taken
 * at their stated values and the result says so. The result has the deterministic total, mean, SD, percentiles,
 * a histogram and the contribution to variance of each input (squared Spearman rank correlation, normalised).
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
  // Lines with pedigree scores and no uncertainty of their own are drawn from the lognormal the scores imply.
  const fromPedigree = applyPedigreeUncertainty(model);
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
  const notes: string[] = [];
  const progress = async (done: number) => {
    await options.onProgress?.(done, iterations);
  };
  // The background's draws: every linked dataset's footprint per iteration, from one run over the database.
  const datasetLines = model.lines.map((l, k) => (l.dataset ? k : -1)).filter((k) => k >= 0);
  let samples: BackgroundSamples | undefined;
  const datasetOf = new Int32Array(model.lines.length).fill(-1);
  if (options.backgroundUncertainty && datasetLines.length > 0) {
    if (!background?.sampleDatasets)
      notes.push(
        "the background's uncertainty was asked for, but this background cannot draw its exchanges: the datasets' footprints are taken at their stated values",
      );
    else {
      const keys = new Map<string, number>();
      const products: { processId: string; productId: string }[] = [];
      for (const k of datasetLines) {
        const d = model.lines[k].dataset as NonNullable<PreparedLine['dataset']>;
        const key = `${d.processId}\0${d.productId}`;
        let at = keys.get(key);
        if (at === undefined) {
          at = products.length;
          keys.set(key, at);
          products.push({ processId: d.processId, productId: d.productId });
        }
        datasetOf[k] = at;
      }
      // The background run is the first half of the progress, the foreground's draws the second.
      samples = await background.sampleDatasets(products, {
        iterations,
        seed: options.seed,
        workers: options.workers,
        signal: options.signal,
        onProgress: (done) => progress(Math.floor(done / 2)),
      });
      notes.push(...samples.notes.map((n) => `background database: ${n}`));
    }
  }
  const progressOffset = samples ? Math.floor(iterations / 2) : 0;
  const progressScale = samples ? 0.5 : 1;
  const basePerUnit = perUnit.slice();
  // The amounts as stated (no scenario): what uniform and triangular bounds are given around.
  const statedValues = evaluateParameters({ ...model, scenario: undefined });
  const baseAmounts = model.lines.map((l) =>
    typeof l.amount === 'number'
      ? l.amount
      : amountValue(l.amount, l.amountText, statedValues, `${l.path}/amount`),
  );
  const uncertainParameters = model.parameters.filter((p) => p.uncertainty && p.value !== undefined);
  const uncertainLines = model.lines.map((l, k) => (l.uncertainty ? k : -1)).filter((k) => k >= 0);
  // Foreground inputs in the counter-based stream: parameters by their index, lines after all parameters.
  const random = new CounterRandom(options.seed, FOREGROUND_STREAM);
  const parameterKeys = uncertainParameters.map((p) => random.inputKeys(p.index));
  const lineKeys = uncertainLines.map((k) => random.inputKeys(model.parameters.length + k));
  const totals = new Float64Array(iterations);
  const every = options.progressEvery ?? 200;
  const overrides = new Map<string, number>();
  for (let it = 0; it < iterations; it++) {
    options.signal?.throwIfAborted();
    const [t1, t2] = random.iterationKeys(it);
    overrides.clear();
    uncertainParameters.forEach((p, i) => {
      const u = p.uncertainty as ModelUncertainty;
      const stated = p.value as number;
      const value = model.scenario?.values.get(p.key) ?? stated;
      const q = counterUniform(parameterKeys[i][0], parameterKeys[i][1], t1, t2);
      // Bounds of uniform and triangular distributions are amounts around the stated value: a scenario moves them.
      overrides.set(p.key, isBounded(u) ? amountAt(stated, u, q) + (value - stated) : amountAt(value, u, q));
    });
    const values = evaluateParameters(model, overrides);
    const amounts = new Float64Array(model.lines.length);
    model.lines.forEach((l, k) => {
      amounts[k] = amountValue(l.amount, l.amountText, values, `${l.path}/amount`);
    });
    uncertainLines.forEach((k, i) => {
      const u = model.lines[k].uncertainty as ModelUncertainty;
      const q = counterUniform(lineKeys[i][0], lineKeys[i][1], t1, t2);
      // A bounded line moves with its formula's value, like a parameter with its scenario.
      amounts[k] = isBounded(u)
        ? amountAt(baseAmounts[k], u, q) + (amounts[k] - baseAmounts[k])
        : amountAt(amounts[k], u, q);
    });
    // A drawn dataset footprint moves its lines: kg CO2e per line unit = factor · footprint per reference unit.
    if (samples)
      for (const k of datasetLines) {
        const output = samples.run.outputs[datasetOf[k]];
        const factor = (model.lines[k].dataset as NonNullable<PreparedLine['dataset']>).factor;
        perUnit[k] = basePerUnit[k] + factor * (output.values[it] - output.deterministic);
      }
    // A transport leg's amount (and uncertainty) is its mass: its distance turns it into t·km.
    model.lines.forEach((l, k) => {
      if (l.transport) amounts[k] *= lineMultiplier(l, values);
    });
    if (electricity.length > 0) accountElectricity(values, amounts);
    totals[it] = total(solveForeground(model, values, amounts).quantities);
    if ((it + 1) % every === 0 || it + 1 === iterations) {
      await progress(progressOffset + Math.floor((it + 1) * progressScale));
      // Let the event loop breathe (heartbeats, progress events, cancellation) during long runs.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const summary = summarizeSamples(totals);
  let contributions: ModelContributionAnalysis | undefined;
  if (options.contributions !== false) {
    // Inputs whose draws vary: the uncertain parameters and lines (a zero-width distribution does not), and the
    // background's exchanges.
    const described: Omit<ModelInputContribution, 'correlation' | 'share'>[] = [];
    const foreground: number[] = [];
    uncertainParameters.forEach((p) => {
      if (degenerate(p.uncertainty as ModelUncertainty)) return;
      foreground.push(p.index);
      described.push({ kind: 'parameter', name: p.name, path: `/parameters/${p.index}` });
    });
    for (const k of uncertainLines) {
      const line = model.lines[k];
      if (degenerate(line.uncertainty as ModelUncertainty)) continue;
      foreground.push(model.parameters.length + k);
      described.push({ kind: 'line', name: line.name, path: line.path });
    }
    const groups: ContributionInputs[] = [{ random, indices: foreground }];
    if (samples) groups.push(samples.run.contributionInputs);
    const c = rankContributions(totals, groups, { limit: options.limit ?? 20 });
    const describe = (
      group: number,
      input: number,
    ): Omit<ModelInputContribution, 'correlation' | 'share'> => {
      if (group === 0) return described[input];
      const x: UncertainInput = (samples as BackgroundSamples).input(
        (samples as BackgroundSamples).run.contributionInputs.indices[input],
      );
      return {
        kind: 'background-exchange',
        name: `${x.flowName} in '${x.processName}'`,
        exchange: {
          processId: x.processId,
          processName: x.processName,
          flowId: x.flowId,
          flowName: x.flowName,
          exchangeId: x.exchangeInternalId,
        },
      };
    };
    contributions = {
      method: c.method,
      tested: c.tested,
      threshold: c.threshold,
      significant: c.significant,
      explained: c.explained,
      inputs: c.inputs.map((x) => ({
        ...describe(x.group, x.input),
        correlation: x.correlation,
        share: x.share,
      })),
    };
  }
  const pedigree = pedigreeNote(model, fromPedigree);
  if (pedigree) notes.push(pedigree);
  if (uncertainParameters.length === 0 && uncertainLines.length === 0)
    notes.push(
      'no parameter or line of the model has an uncertainty: every iteration gives the same footprint',
    );
  if (model.lines.some((l) => l.dataset !== undefined) && !samples)
    notes.push(
      "the background datasets' own uncertainty is not sampled: their footprints per unit are taken at their stated values (option backgroundUncertainty draws them)",
    );
  if (samples && samples.run.solver.refactorized > 0)
    notes.push(
      `background: ${samples.run.solver.refactorized} of ${iterations} iterations needed a fresh factorization (the iterative solve did not converge)`,
    );
  if (summary.failed > 0)
    notes.push(
      `${summary.failed} of ${iterations} iterations drew a singular background technology matrix and are left out of the statistics`,
    );
  if (electricity.length > 0)
    notes.push(
      'the published electricity factors have no uncertainty and stay fixed: only the kWh and instrument shares or amounts with an uncertainty (of their parameters or the input) vary',
    );
  if (trimmed > 0)
    notes.push(
      `in ${trimmed} iteration${trimmed === 1 ? '' : 's'} the drawn electricity consumption was below the kWh its instruments cover: their claim was limited to the consumption`,
    );
  const result: MonteCarloResult = {
    iterations,
    seed: options.seed,
    unit: 'kg CO2e',
    deterministic,
    mean: summary.mean,
    sd: summary.sd,
    min: summary.min,
    max: summary.max,
    percentiles: summary.percentiles,
    histogram: summary.histogram,
    sampled: {
      parameters: uncertainParameters.map((p) => p.name),
      lines: uncertainLines.map((k) => model.lines[k].path),
      backgroundExchanges: samples?.run.sampled ?? 0,
    },
    failed: summary.failed,
    scenario: model.scenario?.id ?? null,
    notes,
  };
  if (contributions) result.contributions = contributions;
  if (samples) result.background = { datasets: samples.run.outputs.length, solver: samples.run.solver };
  return result;
}
