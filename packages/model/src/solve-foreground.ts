import {
  CooMatrix,
  SingularMatrixError,
  solveWithRefinement,
  sparseLu,
  type CscMatrix,
  type Factorization,
} from '@opencfp/linalg';
import { ModelError } from './errors.js';
import { lineMultiplier } from './model-transport.js';
import { amountValue, type PreparedModel } from './prepare-product-model.js';

/** The foreground system for one set of parameter values: A s = f solved, and each line's quantity. */
export interface ForegroundSolution {
  /** s: how many times each foreground process runs (its output amount as written = 1 run). */
  s: Float64Array;
  /** Each line's quantity in its unit: its amount × its process's s. */
  quantities: Float64Array;
  /** Each line's amount per run (after parameters or sampling), in the line's unit (t*km for a transport leg). */
  amounts: Float64Array;
  /** ‖A s − f‖∞ / ‖f‖∞. */
  residual: number;
  /** Output per run of each process. */
  outputs: Float64Array;
  A: CscMatrix;
  triplets: [number, number, number][];
}

/**
 * Builds A of the foreground (outputs on the diagonal, foreground inputs below/above it, negative) and solves
 * A s = f with f = the reference process's output: one unit of the model's declared output. Line amounts come
 * from `values` unless `amounts` gives them (Monte Carlo; transport legs already in t*km there).
 */
export function solveForeground(
  model: PreparedModel,
  values: ReadonlyMap<string, number>,
  amounts?: Float64Array,
  outputs?: Float64Array,
): ForegroundSolution {
  const n = model.processes.length;
  const out = outputs ?? new Float64Array(n);
  if (!outputs)
    model.processes.forEach((p, i) => {
      out[i] = amountValue(p.outputAmount, p.outputText, values, `/processes/${i}/output/amount`);
    });
  for (let i = 0; i < n; i++)
    if (!(out[i] > 0))
      throw new ModelError(
        'INVALID_MODEL',
        `/processes/${i}/output/amount`,
        `the output of '${model.processes[i].name}' is ${out[i]}: it must be positive`,
      );
  const lineAmounts = amounts ?? new Float64Array(model.lines.length);
  if (!amounts)
    model.lines.forEach((l, k) => {
      lineAmounts[k] =
        amountValue(l.amount, l.amountText, values, `${l.path}/amount`) * lineMultiplier(l, values);
    });
  // A[i][i] = output of i; A[t][i] = −(input of i from t, in t's output unit): A s = f balances every product.
  const triplets: [number, number, number][] = [];
  for (let i = 0; i < n; i++) triplets.push([i, i, out[i]]);
  model.lines.forEach((l, k) => {
    if (l.target !== undefined)
      triplets.push([l.target, l.process, -lineAmounts[k] * (l.conversion as number)]);
  });
  const A = CooMatrix.from(n, n, triplets).toCsc();
  const f = new Float64Array(n);
  f[model.reference] = out[model.reference];
  let factorization;
  try {
    factorization = sparseLu.factorize(A);
  } catch (e) {
    if (!(e instanceof SingularMatrixError)) throw e;
    throw singular(model, e.columns);
  }
  const solution = solveWithRefinement(A, factorization, f);
  const s = solution.x;
  for (let i = 0; i < n; i++) if (!Number.isFinite(s[i])) throw singular(model, [i]);
  // A process that runs a negative number of times takes back (with its loop) more than it makes.
  let largest = 1;
  for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(s[i]));
  for (let i = 0; i < n; i++)
    if (s[i] < -1e-12 * largest)
      throw new ModelError(
        'NEGATIVE_SCALING',
        `/processes/${i}`,
        `'${model.processes[i].name}' would run ${s[i].toPrecision(4)} times: it (with the loop it is in) takes back more of its output than it makes. Check the amounts of the inputs that link processes to each other.`,
      );
  const quantities = new Float64Array(model.lines.length);
  model.lines.forEach((l, k) => {
    quantities[k] = lineAmounts[k] * s[l.process];
  });
  return { s, quantities, amounts: lineAmounts, residual: solution.residual, outputs: out, A, triplets };
}

function singular(model: PreparedModel, columns: readonly number[]): ModelError {
  const names = columns.map((j) => `'${model.processes[j].name}'`).join(', ');
  return new ModelError(
    'FOREGROUND_SINGULAR',
    `/processes/${columns[0] ?? 0}`,
    `the foreground cannot be solved: ${names} ${columns.length === 1 ? 'takes' : 'take'} back as much as ${columns.length === 1 ? 'it makes' : 'they make'} (a loop whose processes consume all of their own output). Check the amounts of the inputs that link processes to each other.`,
  );
}

/**
 * The supply-chain split of s by group: a process in a group runs for it all its s; an ungrouped process runs
 * for the nearest grouped consumers, by A_UU x_U = −A_U,G s_G per group G; what runs for no group (the ungrouped
 * chain from the reference) is under `undefined`. The parts sum to s.
 */
export function splitScaling(
  solution: ForegroundSolution,
  reference: number,
  groupOf: (process: number) => string | undefined,
): Map<string | undefined, Float64Array> {
  const n = solution.s.length;
  const groups = new Map<string, number[]>();
  const local = new Int32Array(n).fill(-1);
  const ungrouped: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = groupOf(i);
    if (g === undefined) {
      local[i] = ungrouped.length;
      ungrouped.push(i);
    } else {
      const members = groups.get(g);
      if (members) members.push(i);
      else groups.set(g, [i]);
    }
  }
  const result = new Map<string | undefined, Float64Array>();
  if (groups.size === 0) {
    result.set(undefined, Float64Array.from(solution.s));
    return result;
  }
  const sub = ungrouped.length
    ? CooMatrix.from(
        ungrouped.length,
        ungrouped.length,
        solution.triplets
          .filter(([r, c]) => local[r] >= 0 && local[c] >= 0)
          .map(([r, c, v]) => [local[r], local[c], v] as [number, number, number]),
      ).toCsc()
    : undefined;
  let factorization: Factorization | undefined;
  if (sub)
    try {
      factorization = sparseLu.factorize(sub);
    } catch (e) {
      if (!(e instanceof SingularMatrixError)) throw e;
      throw new ModelError(
        'FOREGROUND_SINGULAR',
        '/processes',
        'the processes without a stage form a loop that cannot be solved on its own: give them stages',
      );
    }
  const solveUngrouped = (b: Float64Array, x: Float64Array) => {
    if (!sub || !factorization) return;
    const xu = solveWithRefinement(sub, factorization, b).x;
    for (let q = 0; q < ungrouped.length; q++) x[ungrouped[q]] = xu[q];
  };
  for (const [g, members] of groups) {
    const x = new Float64Array(n);
    const isMember = new Set(members);
    for (const i of members) x[i] = solution.s[i];
    const b = new Float64Array(ungrouped.length);
    for (const [r, c, v] of solution.triplets)
      if (local[r] >= 0 && isMember.has(c)) b[local[r]] -= v * solution.s[c];
    solveUngrouped(b, x);
    result.set(g, x);
  }
  // What runs for no group: the ungrouped chain from an ungrouped reference (A_UU x_U = f_U); nothing otherwise,
  // so rounding leaves no phantom remainder.
  const rest = new Float64Array(n);
  if (local[reference] >= 0) {
    const f = new Float64Array(ungrouped.length);
    f[local[reference]] = solution.outputs[reference];
    solveUngrouped(f, rest);
  }
  result.set(undefined, rest);
  return result;
}
