import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CscMatrix } from './csc-matrix.js';
import { denseLu } from './dense-lu.js';
import { generateTechnosphere } from './generate-technosphere.js';
import { PreconditionedGmres } from './preconditioned-gmres.js';
import { Random } from './random.js';
import { sparseFactorizationFromArrays, sparseLu } from './sparse-lu.js';

/** A with every off-diagonal entry scaled by a lognormal factor (σ of ln: `sigma`), as a Monte Carlo draw does. */
function perturbed(A: CscMatrix, sigma: number, seed: number): CscMatrix {
  const rng = new Random(seed);
  const values = Float64Array.from(A.values);
  for (let j = 0; j < A.cols; j++)
    for (let p = A.columnPointers[j]; p < A.columnPointers[j + 1]; p++)
      if (A.rowIndex[p] !== j) values[p] *= Math.exp(sigma * rng.normal());
  return new CscMatrix(A.rows, A.cols, A.columnPointers, A.rowIndex, values);
}

const norm2 = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const residualNorm = (A: CscMatrix, x: Float64Array, b: Float64Array) => {
  const r = A.multiply(x);
  for (let i = 0; i < r.length; i++) r[i] = b[i] - r[i];
  return norm2(r);
};
const frobenius = (A: CscMatrix) => Math.sqrt(A.values.reduce((s, x) => s + x * x, 0));

test('GMRES preconditioned with the LU of the unperturbed matrix solves the perturbed one', () => {
  const A = generateTechnosphere({ n: 400, loopSize: 200, seed: 5 });
  const lu = sparseLu.factorize(A);
  const P = perturbed(A, 0.4, 9);
  const b = new Float64Array(A.cols);
  b[17] = 1;
  const x = lu.solve(b); // the unperturbed solution as start
  const gmres = new PreconditionedGmres(A.cols, 20);
  const tolerance = 1e-12;
  const scale = norm2(b) + frobenius(P) * norm2(x);
  const outcome = gmres.solve(
    (v, out) => P.multiply(v, out),
    (r, out) => lu.solve(r, out),
    b,
    x,
    { tolerance, scale },
  );
  assert.ok(outcome.converged, `not converged: ${outcome.residual} > ${outcome.threshold}`);
  assert.ok(outcome.steps > 1 && outcome.steps < 40, `${outcome.steps} steps`);
  // The reported residual is the true one, and below the threshold.
  const r = residualNorm(P, x, b);
  assert.ok(
    Math.abs(r - outcome.residual) <= 1e-3 * outcome.threshold + 1e-300,
    `${r} vs ${outcome.residual}`,
  );
  assert.ok(r <= tolerance * scale);
  // Against a direct solve of the perturbed matrix: a normwise backward error η gives a forward error of at most
  // about κ·η; the direct solve's own residual is at rounding level.
  const direct = denseLu.factorize(P).solve(b);
  const directResidual = residualNorm(P, direct, b);
  assert.ok(directResidual <= 1e-13 * scale, `direct residual ${directResidual}`);
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - direct[i]));
  assert.ok(worst <= 1e-8 * Math.max(...direct.map(Math.abs)), `max |x − direct| ${worst}`);
});

test('an exact preconditioner converges in one step; a start that solves the system takes none', () => {
  const A = generateTechnosphere({ n: 120, loopSize: 60, seed: 2 });
  const lu = sparseLu.factorize(A);
  const b = new Float64Array(A.cols).fill(1);
  const gmres = new PreconditionedGmres(A.cols, 10);
  const x = new Float64Array(A.cols);
  const once = gmres.solve(
    (v, out) => A.multiply(v, out),
    (r, out) => lu.solve(r, out),
    b,
    x,
  );
  assert.equal(once.steps, 1);
  assert.ok(once.converged);
  const again = gmres.solve(
    (v, out) => A.multiply(v, out),
    (r, out) => lu.solve(r, out),
    b,
    x,
  );
  assert.equal(again.steps, 0);
  assert.ok(again.converged);
});

test('a batch gives each system exactly what solving it alone gives', () => {
  const A = generateTechnosphere({ n: 300, loopSize: 150, seed: 8 });
  const lu = sparseLu.factorize(A);
  const systems = [1, 2, 3, 4, 5].map((seed) => perturbed(A, 0.3 + 0.05 * seed, seed));
  const b = new Float64Array(A.cols);
  b[3] = 1;
  const alone = systems.map((P) => {
    const x = lu.solve(b);
    const o = new PreconditionedGmres(A.cols, 8).solve(
      (v, out) => P.multiply(v, out),
      (r, out) => lu.solve(r, out),
      b,
      x,
    );
    return { x, o };
  });
  const xs = systems.map(() => lu.solve(b));
  const outcomes = new PreconditionedGmres(A.cols, 8).solveBatch(
    systems.map((P) => (v: Float64Array, out: Float64Array) => P.multiply(v, out)),
    (rs, outs) => lu.solveMany(rs, outs),
    systems.map(() => b),
    xs,
    systems.map(() => ({})),
  );
  systems.forEach((_, s) => {
    assert.deepEqual(outcomes[s], alone[s].o);
    assert.deepEqual(xs[s], alone[s].x);
  });
  // Different perturbations need different numbers of steps: the batch really ran them apart.
  assert.ok(new Set(outcomes.map((o) => o.steps)).size > 1);
});

test('stops unconverged after maxSteps, and never with maxSteps 0', () => {
  const A = generateTechnosphere({ n: 200, loopSize: 100, seed: 4 });
  const lu = sparseLu.factorize(A);
  const P = perturbed(A, 0.8, 1);
  const b = new Float64Array(A.cols);
  b[0] = 1;
  const gmres = new PreconditionedGmres(A.cols, 3);
  const apply = (v: Float64Array, out: Float64Array) => P.multiply(v, out);
  const precondition = (r: Float64Array, out: Float64Array) => lu.solve(r, out);
  const capped = gmres.solve(apply, precondition, b, lu.solve(b), { tolerance: 1e-15, maxSteps: 2 });
  assert.equal(capped.converged, false);
  assert.equal(capped.steps, 2);
  const none = gmres.solve(apply, precondition, b, lu.solve(b), { maxSteps: 0 });
  assert.equal(none.converged, false);
  assert.equal(none.steps, 0);
  // With restarts (m = 3) it gets there.
  const restarted = gmres.solve(apply, precondition, b, lu.solve(b), { tolerance: 1e-12, maxSteps: 200 });
  assert.ok(restarted.converged);
  assert.ok(restarted.steps > 3);
});

test('rejects a restart length that is not a positive integer and mismatched lengths', () => {
  assert.throws(() => new PreconditionedGmres(3, 0), RangeError);
  const gmres = new PreconditionedGmres(3, 2);
  assert.throws(
    () =>
      gmres.solve(
        () => {},
        () => {},
        new Float64Array(2),
        new Float64Array(3),
      ),
    /length mismatch/,
  );
});

test('sparseFactorizationFromArrays: a factorization over the same arrays solves alike', () => {
  const A = generateTechnosphere({ n: 250, loopSize: 120, seed: 6 });
  const lu = sparseLu.factorize(A);
  const copy = sparseFactorizationFromArrays(lu.toArrays());
  const b = Float64Array.from({ length: A.cols }, (_, i) => Math.sin(i));
  assert.deepEqual(copy.solve(b), lu.solve(b));
  assert.deepEqual(copy.solveTransposed(b), lu.solveTransposed(b));
  assert.equal(copy.stats, lu.stats);
});
