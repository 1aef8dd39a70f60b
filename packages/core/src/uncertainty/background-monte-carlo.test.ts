import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Random } from '@opencfp/linalg';
import { Calculator } from '../calculator.js';
import type { Database, Exchange, Uncertainty } from '../model.js';
import { DatabaseBuilder } from '../test-support/database-builder.js';
import { BackgroundMonteCarlo, impactTargets, rowTargetWeights } from './background-monte-carlo.js';

/** Sets the distribution of the exchange of `processId` with flow `flowId`. */
function uncertain(db: Database, processId: string, flowId: string, u: Uncertainty): Exchange {
  const e = db.processes.find((p) => p.id === processId)?.exchanges.find((x) => x.flowId === flowId);
  if (!e) throw new Error(`no exchange ${flowId} in ${processId}`);
  e.uncertainty = u;
  return e;
}

/**
 * Steel takes 2 kWh of power (power is measured in MJ: 7.2 MJ) and emits 1.5 kg CO2; power emits 0.1 kg CO2 per
 * MJ. Per kg of steel: y = e_s + 3.6·a·e_p with a ~ N(2, 0.2²) kWh, e_s ~ U(1, 2), e_p ~ LN(0.1, σg 1.2).
 */
function steelAndPower(): Database {
  const db = new DatabaseBuilder('steel')
    .product('steel')
    .product('power', { property: 'energy' })
    .elementary('co2')
    .elementary('ch4')
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .input('power', 2, { unit: 'kWh' })
    .output('co2', 1.5)
    .end()
    .process('p-power')
    .output('power', 1, { reference: true })
    .output('co2', 0.1)
    .output('ch4', 0.001)
    .end()
    .method('gwp', [
      {
        id: 'gwp100',
        unit: 'kg CO2 eq',
        factors: [
          ['co2', 1],
          ['ch4', 30],
        ],
      },
      { id: 'co2-only', unit: 'kg', factors: [['co2', 1]] },
    ])
    .build();
  uncertain(db, 'p-steel', 'power', { type: 'normal', mean: 2, sd: 0.2 });
  uncertain(db, 'p-steel', 'co2', { type: 'uniform', min: 1, max: 2 });
  uncertain(db, 'p-power', 'co2', { type: 'lognormal', geometricMean: 0.1, geometricSd: 1.2 });
  return db;
}

/** n processes in loops, every exchange lognormal (σg 1.3 on inputs, 1.5 on emissions). */
function loops(n: number, seed: number): Database {
  const rng = new Random(seed);
  const b = new DatabaseBuilder(`loops-${n}`);
  for (let i = 0; i < n; i++) b.product(`f${i}`);
  b.elementary('co2');
  b.elementary('ch4');
  for (let i = 0; i < n; i++) {
    const p = b.process(`p${String(i).padStart(3, '0')}`).output(`f${i}`, 1, { reference: true });
    for (let k = 0; k < 3; k++) {
      const j = (i + 1 + Math.floor(rng.next() * (n - 1))) % n;
      p.input(`f${j}`, 0.15 * rng.next());
    }
    p.output('co2', 1 + rng.next()).output('ch4', 0.01 * rng.next());
    p.end();
  }
  b.method('gwp', [
    {
      id: 'gwp100',
      unit: 'kg CO2 eq',
      factors: [
        ['co2', 1],
        ['ch4', 30],
      ],
    },
  ]);
  const db = b.build();
  for (const p of db.processes)
    for (const e of p.exchanges)
      if (!e.isReference)
        e.uncertainty = { type: 'lognormal', geometricMean: e.amount, geometricSd: e.isInput ? 1.3 : 1.5 };
  return db;
}

const gwp = (calculator: Calculator) => impactTargets(calculator).filter((t) => t.id === 'gwp100');

describe('BackgroundMonteCarlo', () => {
  it('gives the analytic mean and SD of a small system (tolerances: 4 standard errors for N)', async () => {
    const db = steelAndPower();
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    assert.equal(mc.inputCount, 3);
    const N = 20_000;
    const a = await mc.analyse(
      { demand: { processId: 'p-steel' }, targets: impactTargets(calculator) },
      { iterations: N, seed: 42, workers: 0 },
    );
    const y = a.results.find((r) => r.id === 'co2-only');
    assert.ok(y);
    // Deterministic: 1.5 + 3.6 · 2 · 0.1.
    assert.ok(Math.abs(y.deterministic - 2.22) < 1e-12, `${y.deterministic}`);
    const s2 = Math.log(1.2) ** 2;
    const Ea = 2;
    const Ea2 = 4 + 0.04;
    const Ep = 0.1 * Math.exp(s2 / 2);
    const Ep2 = 0.01 * Math.exp(2 * s2);
    const mean = 1.5 + 3.6 * Ea * Ep;
    const variance = 1 / 12 + 3.6 ** 2 * (Ea2 * Ep2 - Ea ** 2 * Ep ** 2);
    assert.ok(Math.abs(y.mean - mean) < 4 * Math.sqrt(variance / N), `mean ${y.mean} vs ${mean}`);
    // SE of the sample variance from the sample's own fourth moment: √((m₄ − s⁴)/N).
    const values = (
      await mc.run(
        { demand: { processId: 'p-steel' }, targets: impactTargets(calculator) },
        { iterations: N, seed: 42, workers: 0 },
      )
    ).outputs[1].values;
    let m4 = 0;
    for (const x of values) m4 += (x - y.mean) ** 4;
    m4 /= N;
    const seVariance = Math.sqrt((m4 - y.sd ** 4) / N);
    assert.ok(Math.abs(y.sd ** 2 - variance) < 4 * seVariance, `variance ${y.sd ** 2} vs ${variance}`);
    assert.ok(y.percentiles.p2_5 < y.percentiles.p50 && y.percentiles.p50 < y.percentiles.p97_5);
    assert.equal(
      y.histogram.counts.reduce((s, c) => s + c, 0),
      N,
    );
    // The uniform CO2 of steel (variance 1/12 of ~0.107) drives most, then power's CO2, then the power input.
    const inputs = y.contributions?.inputs ?? [];
    assert.deepEqual(
      inputs.map((x) => `${x.processId}/${x.flowId}`),
      ['p-steel/co2', 'p-power/co2', 'p-steel/power'],
    );
    assert.equal(inputs[0].matrix, 'B');
    assert.equal(inputs[2].matrix, 'A');
    assert.ok(Math.abs(inputs.reduce((s, x) => s + x.share, 0) - 1) < 1e-12);
    assert.ok(inputs[0].share > 0.6 && inputs[0].share < 0.9, `share ${inputs[0].share}`);
    assert.equal(a.solver.refactorized, 0);
  });

  it('solves loops by preconditioned GMRES as a fresh factorization would (within the tolerance)', async () => {
    const db = loops(60, 3);
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    const query = { demand: { processId: 'p000' }, targets: gwp(calculator) };
    const iterative = await mc.run(query, { iterations: 64, seed: 7, workers: 0 });
    const direct = await mc.run(query, { iterations: 64, seed: 7, workers: 0, maxSteps: 0 });
    assert.equal(iterative.solver.refactorized, 0);
    assert.ok(iterative.solver.meanSteps > 1, `${iterative.solver.meanSteps} steps`);
    assert.equal(direct.solver.refactorized, 64);
    // A normwise backward error of 1e-8 (the default) and this well-conditioned system: agreement to ~1e-7 relative.
    let worst = 0;
    for (let t = 0; t < 64; t++)
      worst = Math.max(worst, Math.abs(iterative.outputs[0].values[t] / direct.outputs[0].values[t] - 1));
    assert.ok(worst < 1e-6, `worst relative difference ${worst}`);
    // The draws really moved the result.
    const v = iterative.outputs[0].values;
    assert.ok(Math.max(...v) - Math.min(...v) > 0.1 * iterative.outputs[0].deterministic);
    // A cap of one step: most iterations fall back to a fresh factorization, counted, with the same results.
    const capped = await mc.run(query, {
      iterations: 64,
      seed: 7,
      workers: 0,
      maxSteps: 1,
      tolerance: 1e-12,
    });
    assert.ok(capped.solver.refactorized > 0);
    for (let t = 0; t < 64; t++)
      assert.ok(Math.abs(capped.outputs[0].values[t] / direct.outputs[0].values[t] - 1) < 1e-7);
  });

  it('is reproducible: equal seeds give identical results on 0, 1 and 2 worker threads and any split', async () => {
    const db = loops(40, 5);
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    const query = { demand: { processId: 'p007' }, targets: gwp(calculator) };
    const runs = [
      await mc.run(query, { iterations: 200, seed: 123, workers: 0 }),
      await mc.run(query, { iterations: 200, seed: 123, workers: 1, chunk: 16 }),
      await mc.run(query, { iterations: 200, seed: 123, workers: 2, chunk: 8 }),
      await mc.run(query, { iterations: 200, seed: 123, workers: 2, chunk: 24 }),
      // Other groupings of the iterations solved together (batches of 1, 3 and 5, tasks of 12 and 7).
      await mc.run(query, { iterations: 200, seed: 123, workers: 0, batch: 1 }),
      await mc.run(query, { iterations: 200, seed: 123, workers: 2, chunk: 12, batch: 5 }),
      await mc.run(query, { iterations: 200, seed: 123, workers: 1, chunk: 7, batch: 3 }),
    ];
    for (const r of runs.slice(1)) {
      assert.deepEqual(r.outputs[0].values, runs[0].outputs[0].values);
      assert.deepEqual(r.solver, runs[0].solver);
    }
    const analyses = await Promise.all(
      [0, 2].map((workers) => mc.analyse(query, { iterations: 200, seed: 123, workers })),
    );
    assert.deepEqual(analyses[0].results, analyses[1].results);
    const other = await mc.run(query, { iterations: 200, seed: 124, workers: 0 });
    assert.notDeepEqual(other.outputs[0].values, runs[0].outputs[0].values);
    // The first iterations of a longer run are those of a shorter one.
    const longer = await mc.run(query, { iterations: 300, seed: 123, workers: 2 });
    assert.deepEqual(longer.outputs[0].values.slice(0, 200), runs[0].outputs[0].values);
  });

  it('reports progress and stops when cancelled, in this thread and on worker threads', async () => {
    const db = loops(30, 2);
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    const query = { demand: { processId: 'p001' }, targets: gwp(calculator) };
    for (const workers of [0, 2]) {
      const seen: number[] = [];
      await mc.run(query, {
        iterations: 64,
        seed: 1,
        workers,
        chunk: 16,
        onProgress: (done) => void seen.push(done),
      });
      assert.deepEqual(
        seen.sort((a, b) => a - b),
        [16, 32, 48, 64],
      );
      const controller = new AbortController();
      await assert.rejects(
        mc.run(query, {
          iterations: 10_000,
          seed: 1,
          workers,
          chunk: 8,
          signal: controller.signal,
          onProgress: (done) => {
            if (done >= 16) controller.abort(new Error('cancelled by test'));
          },
        }),
        /cancelled by test/,
      );
    }
  });

  it('intensities: every product per unit, A′ᵀ m = c′, consistent with the demand runs', async () => {
    const db = steelAndPower();
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    const [target] = gwp(calculator);
    // A tight tolerance, so that both ways agree to far below the default's 1e-8 backward error.
    const options = { iterations: 300, seed: 9, workers: 0, tolerance: 1e-14 };
    const intensities = await mc.run(
      { products: [{ processId: 'p-steel' }, { processId: 'p-power' }], target },
      options,
    );
    const steel = await mc.run({ demand: { processId: 'p-steel' }, targets: [target] }, options);
    const power = await mc.run({ demand: { processId: 'p-power' }, targets: [target] }, options);
    // Deterministic: power 0.1 + 30 · 0.001 = 0.13 per MJ; steel 1.5 + 7.2 · 0.13 = 2.436.
    assert.ok(Math.abs(intensities.outputs[1].deterministic - 0.13) < 1e-12);
    assert.ok(Math.abs(intensities.outputs[0].deterministic - 2.436) < 1e-12);
    for (let t = 0; t < 300; t++) {
      assert.ok(Math.abs(intensities.outputs[0].values[t] / steel.outputs[0].values[t] - 1) < 1e-12);
      assert.ok(Math.abs(intensities.outputs[1].values[t] / power.outputs[0].values[t] - 1) < 1e-12);
    }
  });

  it('draws only what can change the result, and says what it cannot use', async () => {
    const db = steelAndPower();
    uncertain(db, 'p-power', 'ch4', { type: 'lognormal', geometricMean: 0.001, geometricSd: 0.5 });
    const zero = db.processes[0].exchanges.find((e) => e.flowId === 'co2') as Exchange;
    const calculator = new Calculator(db, { impactMethod: 'gwp' });
    const mc = new BackgroundMonteCarlo(db, calculator);
    assert.ok(
      mc.notes.some((n) => /below 1/.test(n)),
      mc.notes.join('; '),
    );
    // Power alone does not reach steel: only power's own CO2 is drawn, the steel exchanges are not.
    const co2 = new Float64Array(calculator.matrices.B.rows);
    co2[calculator.matrices.elementaryFlows.indexOf('co2')] = 1;
    const run = await mc.run(
      {
        demand: { processId: 'p-power' },
        targets: [{ id: 'co2', weights: rowTargetWeights(calculator.matrices.B, co2) }],
      },
      { iterations: 10, seed: 1, workers: 0 },
    );
    assert.equal(run.sampled, 1);
    assert.equal(run.solver.systemSize, 1);
    assert.equal(run.solver.meanSteps, 0); // A does not move: the base solution is every iteration's
    assert.equal(mc.input(0).processId, 'p-steel');
    assert.equal(zero.amount, 1.5);
    await assert.rejects(
      mc.run({ demand: { processId: 'p-power' }, targets: [] }, { iterations: 1, seed: 1 }),
      /at least one target/,
    );
    await assert.rejects(
      mc.run({ demand: { processId: 'p-power' }, targets: gwp(calculator) }, { iterations: 0, seed: 1 }),
      /iterations/,
    );
  });
});
