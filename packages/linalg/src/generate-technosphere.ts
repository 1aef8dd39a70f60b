import { CscMatrix } from './csc-matrix.js';
import { Random } from './random.js';

/** Parameters of `generateTechnosphere`. */
export interface TechnosphereOptions {
  /** Number of processes (= products), the order of A. Default 20,000 (about ecoinvent 3.x). */
  n?: number;
  /** Average number of technosphere inputs per process. Default 15. */
  inputsPerColumn?: number;
  /** Processes in the one big supply loop (the strongly connected core). Default 10,000, capped at n. */
  loopSize?: number;
  /** Seed of the pseudo-random generator: equal options give identical matrices. Default 42. */
  seed?: number;
}

/**
 * A synthetic, ecoinvent-like technosphere matrix A (n×n, CSC), deterministic by seed.
 *
 * Structure:
 * - Each column j is a process with product output 1 on the diagonal and about `inputsPerColumn`
 *   (uniformly 0.5×…1.5×) negative off-diagonal inputs.
 * - Processes have a hidden supply-chain level (a random permutation of 0 … n − 1, so A is not already
 *   triangular). Levels [a, a + loopSize) form the loop group (energy, transport, materials), the levels above
 *   it are final products, the levels below it basic/raw processes; a = ⌊(n − loopSize)·2/3⌋.
 * - Providers are drawn from two mechanisms. Half of the draws pick a hub: 1 % of the loop processes (think
 *   electricity, transport, heat markets) chosen by a power law of popularity (Zipf, exponent 1.2), so the
 *   biggest hubs feed most processes and the smallest still a hundred or so. The other half pick a "sector
 *   neighbour" at a level distance d ≥ 1 with P(d) ∝ d^−2: locally clustered, mostly short supply links with
 *   a thin tail of long ones. (Popularity over all processes instead of hubs plus neighbours makes the loop
 *   an expander graph whose LU fills in catastrophically, for every ordering: unlike real supply chains.)
 * - Direction: outside the loop group a process only takes inputs from deeper levels, so everything outside
 *   the loop is acyclic (1×1 blocks of the block triangular form). Inside the loop group links go both ways
 *   (neighbour links upwards with probability 0.3), and a backbone (each loop process takes an input from
 *   the next one, the deepest from the first) makes the whole group one strongly connected component of
 *   exactly `loopSize` processes.
 * - Amounts are lognormal and scaled so that each column's inputs sum to s ∈ [0.05, 0.5] in absolute value:
 *   A = I − T with ‖T‖₁ ≤ 0.5, so A is column diagonally dominant, well conditioned (κ₁ ≤ 3) and productive
 *   (A⁻¹ = Σ Tᵏ exists and is non-negative).
 *
 * @example
 * const A = generateTechnosphere({ n: 2000, loopSize: 1000, seed: 7 });
 * sparseLu.factorize(A).solve(f);
 */
export function generateTechnosphere(options: TechnosphereOptions = {}): CscMatrix {
  const n = Math.max(0, Math.floor(options.n ?? 20000));
  const inputsPerColumn = Math.max(0, options.inputsPerColumn ?? 15);
  const loopSize = Math.min(n, Math.max(0, Math.floor(options.loopSize ?? 10000)));
  const rng = new Random(options.seed ?? 42);

  // process[level] and level[process]: a hidden topological order of the supply chain.
  const processAt = shuffled(n, rng);
  const levelOf = new Int32Array(n);
  for (let t = 0; t < n; t++) levelOf[processAt[t]] = t;
  const loopStart = Math.floor(((n - loopSize) * 2) / 3);
  const loopEnd = loopStart + loopSize;
  const inLoop = (t: number) => t >= loopStart && t < loopEnd;

  // Hubs (think electricity, transport, heat markets): 1 % of the loop, drawn by a Zipf law of popularity.
  const hubs = Math.max(1, Math.round(HUB_SHARE * loopSize));
  const hubProcess = new Int32Array(hubs);
  {
    const loopOrder = shuffled(loopSize, rng);
    for (let r = 0; r < hubs && r < loopSize; r++) hubProcess[r] = processAt[loopStart + loopOrder[r]];
  }
  const zipf = zipfTable(hubs, ZIPF_EXPONENT);

  const colCount = new Int32Array(n + 1);
  const rows: number[][] = new Array(n);
  const amounts: number[][] = new Array(n);
  const chosen = new Int32Array(n).fill(-1);
  for (let j = 0; j < n; j++) {
    const t = levelOf[j];
    const providers: number[] = [];
    const wantedInputs = Math.round(inputsPerColumn * (0.5 + rng.next()));
    chosen[j] = j;
    const take = (p: number) => {
      if (chosen[p] === j) return false;
      chosen[p] = j;
      providers.push(p);
      return true;
    };
    if (inLoop(t) && loopSize > 1) take(processAt[t + 1 < loopEnd ? t + 1 : loopStart]); // the backbone
    const eligible = (q: number) => levelOf[q] > t || (inLoop(t) && inLoop(levelOf[q]));
    for (let attempt = 0; providers.length < wantedInputs && attempt < 4 * wantedInputs; attempt++) {
      if (loopSize > 0 && rng.next() < HUB_INPUT_SHARE) {
        const p = hubProcess[sampleZipf(zipf, rng)];
        if (eligible(p)) take(p);
      } else {
        // Sector neighbour at distance d with P(d) ∝ d^−2 (inverse transform of the continuous Pareto).
        const d = Math.max(1, Math.floor(1 / (1 - rng.next())));
        const up = inLoop(t) && rng.next() < UPWARD_SHARE;
        const target = up ? t - d : t + d;
        if (target < 0 || target >= n) continue;
        const p = processAt[target];
        if (eligible(p)) take(p);
      }
    }
    // Lognormal amounts, scaled so the inputs of a column sum to s ∈ [0.05, 0.5].
    const k = providers.length;
    const values = new Array<number>(k);
    let sum = 0;
    for (let q = 0; q < k; q++) {
      values[q] = Math.exp(1.5 * rng.normal());
      sum += values[q];
    }
    const s = 0.05 + 0.45 * rng.next();
    for (let q = 0; q < k; q++) values[q] = -(values[q] / sum) * s;
    providers.push(j);
    values.push(1);
    rows[j] = providers;
    amounts[j] = values;
    colCount[j + 1] = colCount[j] + providers.length;
  }

  const nnz = colCount[n];
  const rowIndex = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  const order: number[] = [];
  for (let j = 0; j < n; j++) {
    const r = rows[j];
    const v = amounts[j];
    order.length = 0;
    for (let q = 0; q < r.length; q++) order.push(q);
    order.sort((a, b) => r[a] - r[b]);
    let at = colCount[j];
    for (const q of order) {
      rowIndex[at] = r[q];
      values[at] = v[q];
      at++;
    }
  }
  return new CscMatrix(n, n, colCount, rowIndex, values);
}

// Tuning of the structure (see the doc comment of generateTechnosphere).
const HUB_SHARE = 0.01;
const ZIPF_EXPONENT = 1.2;
const HUB_INPUT_SHARE = 0.5;
const UPWARD_SHARE = 0.3;

function shuffled(n: number, rng: Random): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** Cumulative weights (r + 1)^−s, normalised to end at 1. */
function zipfTable(n: number, s: number): Float64Array {
  const cdf = new Float64Array(n);
  let sum = 0;
  for (let r = 0; r < n; r++) {
    sum += (r + 1) ** -s;
    cdf[r] = sum;
  }
  for (let r = 0; r < n; r++) cdf[r] /= sum;
  return cdf;
}

function sampleZipf(cdf: Float64Array, rng: Random): number {
  const u = rng.next();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
