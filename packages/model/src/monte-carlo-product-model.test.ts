import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackgroundMonteCarlo, Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { carbonFootprintEntryWeights } from '@opencfp/refdata';
import { modelBackground, type ModelBackground } from './model-background.js';
import { amountAt, monteCarloProductModel } from './monte-carlo-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * Steel: 1.5 kg fossil CO2 (uniform 1 … 2) and 2 MJ of power (lognormal, σg 1.3) per kg; power: 0.4 kg fossil
 * CO2 per MJ (lognormal, σg 1.2). Stated footprint of steel: 1.5 + 2 · 0.4 = 2.3 kg CO2e per kg.
 */
function background(): Database {
  const db = new DatabaseBuilder()
    .product('electricity', { property: 'energy' })
    .product('steel')
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .process('p-power')
    .output('electricity', 1, { reference: true })
    .output('co2-fossil', 0.4)
    .end()
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .input('electricity', 2)
    .output('co2-fossil', 1.5)
    .end()
    .build();
  const [power, steel] = db.processes;
  power.exchanges[1].uncertainty = { type: 'lognormal', geometricMean: 0.4, geometricSd: 1.2 };
  steel.exchanges[1].uncertainty = { type: 'lognormal', geometricMean: 2, geometricSd: 1.3 };
  steel.exchanges[2].uncertainty = { type: 'uniform', min: 1, max: 2 };
  return db;
}

const options = { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' as const };

/** 2 kg of background steel per item, and a fixed 0.1 kg of CO2 of its own. */
const steelModel: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'p',
  processes: [
    {
      id: 'p',
      name: 'Part',
      output: { amount: 1, unit: 'item' },
      inputs: [
        { name: 'steel', amount: 2, unit: 'kg', source: { kind: 'background', processId: 'p-steel' } },
      ],
      emissions: [{ gas: 'CO2', amount: 0.1 }],
    },
  ],
};

describe('monteCarloProductModel: statistics and contribution to variance', () => {
  it('a 2-input linear model: mean, percentiles and each input’s share as analytic', async () => {
    // Total = 3·x₁ + x₂ kg CO2 with x₁ ~ N(10, 1), x₂ ~ N(5, 2²): mean 35, variance 13; Spearman's ρᵢ of a
    // bivariate normal = (6/π)·asin(rᵢ/2), r₁ = 3/√13, r₂ = 2/√13.
    const doc = parseProductModel({
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'p',
      parameters: [
        { name: 'x1', value: 10, uncertainty: { distribution: 'normal', sd: 1 } },
        { name: 'x2', value: 5, uncertainty: { distribution: 'normal', sd: 2 } },
        { name: 'fixed', value: 1, uncertainty: { distribution: 'uniform', min: 1, max: 1 } },
      ],
      processes: [
        {
          id: 'p',
          name: 'P',
          output: { amount: 1, unit: 'kg' },
          emissions: [{ gas: 'CO2', amount: '3 * x1 + x2 * fixed' }],
        },
      ],
    });
    const N = 20_000;
    const r = await monteCarloProductModel(doc, undefined, { iterations: N, seed: 17 });
    assert.equal(r.deterministic, 35);
    assert.ok(Math.abs(r.mean - 35) < 4 * Math.sqrt(13 / N), `mean ${r.mean}`);
    // The median of a normal total is its mean; SE of the sample median ≈ 1.2533·σ/√N.
    assert.ok(Math.abs(r.percentiles.p50 - 35) < 4 * 1.2533 * Math.sqrt(13 / N), `p50 ${r.percentiles.p50}`);
    // P2.5/P97.5 = 35 ∓ 1.96·√13 within 4 standard errors of a quantile: √(p(1 − p)/N)/φ(z).
    const z = 1.959963984540054;
    const seQuantile =
      Math.sqrt(13) * (Math.sqrt((0.025 * 0.975) / N) / (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)));
    assert.ok(
      Math.abs(r.percentiles.p2_5 - (35 - z * Math.sqrt(13))) < 4 * seQuantile,
      `p2.5 ${r.percentiles.p2_5}`,
    );
    assert.ok(
      Math.abs(r.percentiles.p97_5 - (35 + z * Math.sqrt(13))) < 4 * seQuantile,
      `p97.5 ${r.percentiles.p97_5}`,
    );
    assert.equal(
      r.histogram.counts.reduce((s, c) => s + c, 0),
      N,
    );
    const c = r.contributions;
    assert.ok(c);
    // The zero-width 'fixed' is not tested; x1 and x2 are, and both are significant.
    assert.equal(c.tested, 2);
    assert.deepEqual(
      c.inputs.map((x) => [x.kind, x.name, x.path]),
      [
        ['parameter', 'x1', '/parameters/0'],
        ['parameter', 'x2', '/parameters/1'],
      ],
    );
    const rho = [3, 2].map((a) => (6 / Math.PI) * Math.asin(a / Math.sqrt(13) / 2));
    const se = Math.sqrt(1.06 / (N - 3));
    c.inputs.forEach((x, k) =>
      assert.ok(
        Math.abs(Math.atanh(x.correlation) - Math.atanh(rho[k])) < 4 * se,
        `ρ ${x.correlation} vs ${rho[k]}`,
      ),
    );
    assert.ok(Math.abs(c.inputs[0].share + c.inputs[1].share - 1) < 1e-12);
    assert.equal(r.failed, 0);
    assert.deepEqual(await monteCarloProductModel(doc, undefined, { iterations: N, seed: 17 }), r);
  });

  it('amountAt: the inverse distribution function around the stated amount', () => {
    assert.ok(
      Math.abs(
        amountAt(10, { distribution: 'lognormal', geometricSd: 1.2 }, 0.975) - 10 * 1.2 ** 1.959963984540054,
      ) < 1e-12,
    );
    assert.ok(Math.abs(amountAt(10, { distribution: 'normal', sd: 2 }, 0.5) - 10) < 1e-15);
    assert.equal(amountAt(10, { distribution: 'uniform', min: 8, max: 12 }, 0.25), 9);
    assert.ok(
      Math.abs(
        amountAt(0, { distribution: 'triangular', min: 0, mode: 0, max: 2 }, 0.75) -
          (2 - Math.sqrt(0.25 * 4)),
      ) < 1e-15,
    );
  });
});

describe('monteCarloProductModel with the background’s uncertainty', () => {
  it('draws the background’s exchanges: each total is 0.1 + 2 × the drawn footprint of steel', async () => {
    const db = background();
    const calculator = new Calculator(db);
    const bg = modelBackground(db, calculator, options);
    const doc = parseProductModel(steelModel);
    const N = 400;
    const r = await monteCarloProductModel(doc, bg, {
      iterations: N,
      seed: 5,
      backgroundUncertainty: true,
      workers: 0,
    });
    // The same draws (seed 5, the background stream) through the core run of the steel demand.
    const mc = new BackgroundMonteCarlo(db, calculator);
    const weights = carbonFootprintEntryWeights(calculator.matrices, db, options);
    const direct = await mc.run(
      { demand: { processId: 'p-steel', amount: 2 }, targets: [{ id: 'cfp', weights }] },
      { iterations: N, seed: 5, workers: 0, tolerance: 1e-14 },
    );
    let mean = 0;
    for (const x of direct.outputs[0].values) mean += 0.1 + x;
    mean /= N;
    assert.ok(Math.abs(r.mean / mean - 1) < 1e-7, `${r.mean} vs ${mean}`);
    assert.ok(Math.abs(r.deterministic - (0.1 + 2 * 2.3)) < 1e-12);
    assert.equal(r.sampled.backgroundExchanges, 3);
    assert.equal(r.background?.datasets, 1);
    assert.equal(r.background?.solver.refactorized, 0);
    assert.ok(!r.notes.some((n) => /not sampled/.test(n)), r.notes.join('; '));
    // Steel's own uniform CO2 drives most; every contributing input names its exchange.
    const first = r.contributions?.inputs[0];
    assert.equal(first?.kind, 'background-exchange');
    assert.equal(first?.exchange?.processId, 'p-steel');
    assert.equal(first?.exchange?.flowId, 'co2-fossil');
    // Reproducible, whatever the number of worker threads.
    const threads = await monteCarloProductModel(doc, bg, {
      iterations: N,
      seed: 5,
      backgroundUncertainty: true,
      workers: 2,
    });
    assert.deepEqual(threads, r);
  });

  it('without the option, or with a background that cannot sample, the datasets stay at their stated footprints', async () => {
    const db = background();
    const bg = modelBackground(db, new Calculator(db), options);
    const doc = parseProductModel(steelModel);
    const fixed = await monteCarloProductModel(doc, bg, { iterations: 50, seed: 1 });
    assert.ok(fixed.sd < 1e-12 * fixed.mean, `sd ${fixed.sd}`);
    assert.ok(fixed.notes.some((n) => /not sampled/.test(n)));
    const plain: ModelBackground = {
      gwpSetId: bg.gwpSetId,
      biogenicApproach: bg.biogenicApproach,
      dataset: (processId, productId, path) => bg.dataset(processId, productId, path),
    };
    const asked = await monteCarloProductModel(doc, plain, {
      iterations: 50,
      seed: 1,
      backgroundUncertainty: true,
    });
    assert.ok(asked.sd < 1e-12 * asked.mean, `sd ${asked.sd}`);
    assert.ok(
      asked.notes.some((n) => /cannot draw its exchanges/.test(n)),
      asked.notes.join('; '),
    );
  });
});
