import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { calculateProductModel } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import { modelBackground } from './model-background.js';
import { productModelDataQuality } from './model-data-quality.js';
import { monteCarloProductModel } from './monte-carlo-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import type {
  ModelDataQuality,
  ModelUncertainty,
  ProductModelDocumentInput,
} from './product-model-document.js';

const close = (actual: number | null | undefined, expected: number, what: string, tolerance = 1e-12) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * Power 0.5 kg CO2 per MJ (its exchanges carry pedigree entries (1;1;1;1;1) and (2;3;n.a.;2;4)), steel 2 kg CO2
 * per kg.
 */
function database(): Database {
  const db = new DatabaseBuilder()
    .product('electricity', { property: 'energy' })
    .product('steel')
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .process('p-power')
    .output('electricity', 1, { reference: true })
    .output('co2-fossil', 0.5)
    .end()
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .output('co2-fossil', 2)
    .end()
    .build();
  const power = db.processes.find((p) => p.id === 'p-power');
  assert.ok(power);
  power.exchanges[0].dqEntry = '(1;1;1;1;1)';
  power.exchanges[1].dqEntry = '(2;3;n.a.;2;4)';
  return db;
}

const background = (db: Database) =>
  modelBackground(db, new Calculator(db), { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' });

/**
 * A widget of 10 kg CO2e: steel 3 kg · 2 = 6 (60 %), supplier paint 0.5 kg · 6 = 3 (30 %), power 0.8 MJ · 0.5 =
 * 0.4 (4 %), a direct CO2 emission 0.6 (6 %).
 */
const widget: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'widget',
  processes: [
    {
      id: 'widget',
      name: 'Widget',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'steel',
          amount: 3,
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
          dataQuality: {
            pedigree: [2, 3, 1, 2, 4],
            basicUncertainty: 1.05,
            pef: { TeR: 2, GR: 1, TiR: 3, P: 2 },
            pact: { technological: 1, temporal: 2, geographical: 1, completeness: 1, reliability: 2 },
            primary: false,
            source: 'starter steel dataset',
          },
        },
        {
          name: 'paint',
          amount: 0.5,
          unit: 'kg',
          source: { kind: 'supplier', pcfExcludingBiogenic: 6, unit: 'kg' },
          dataQuality: {
            pef: { TeR: 1, GR: 1, TiR: 1, P: 1 },
            pact: { technological: 3, temporal: 1, geographical: 2, completeness: 2, reliability: 1 },
            primary: true,
          },
        },
        {
          name: 'power',
          amount: 0.8,
          unit: 'MJ',
          source: { kind: 'background', processId: 'p-power' },
          dataQuality: { primary: false },
        },
      ],
      emissions: [{ gas: 'CO2', amount: 0.6 }],
    },
  ],
};

const STEEL = '/processes/0/inputs/0';
const PAINT = '/processes/0/inputs/1';
const POWER = '/processes/0/inputs/2';
const CO2 = '/processes/0/emissions/0';

describe('productModelDataQuality', () => {
  const db = database();
  const doc = parseProductModel(widget);
  const footprint = calculateProductModel(doc, background(db));

  it('rates each line and aggregates PEF over the most relevant lines', () => {
    close(footprint.split.total, 10, 'total');
    const q = productModelDataQuality(doc, footprint, db);
    assert.deepEqual(
      q.lines.map((l) => [l.path, l.kind, l.primary]),
      [
        [STEEL, 'background', false],
        [PAINT, 'supplier', true],
        [CO2, 'emission', null],
        [POWER, 'background', false],
      ],
    );
    const steel = q.lines[0];
    close(steel.share, 0.6, 'steel share');
    assert.equal(steel.source, 'starter steel dataset');
    // PEF DQR of steel (2 + 1 + 3 + 2)/4 = 2 (very good); of paint 1 (excellent).
    assert.deepEqual([steel.pef?.dqr, steel.pef?.level], [2, 'very good']);
    assert.deepEqual([q.lines[1].pef?.dqr, q.lines[1].pef?.level], [1, 'excellent']);
    // Most relevant: steel 60 %, then paint → 90 % ≥ 80 %. Weighted (6·2 + 3·1)/9 = 15/9 = 1.6667 (very good);
    // TeR (6·2 + 3·1)/9, GR (6·1 + 3·1)/9 = 1, TiR (6·3 + 3·1)/9 = 21/9, P (6·2 + 3·1)/9.
    assert.deepEqual(q.pef.mostRelevant, [STEEL, PAINT]);
    close(q.pef.dqr, 15 / 9, 'PEF DQR');
    assert.equal(q.pef.level, 'very good');
    close(q.pef.TeR, 15 / 9, 'TeR');
    close(q.pef.GR, 1, 'GR');
    close(q.pef.TiR, 21 / 9, 'TiR');
    close(q.pef.P, 15 / 9, 'P');
    close(q.pef.ratedShare, 0.9, 'rated share');
    assert.match(q.pef.source, /2021\/2279/);
  });

  it('gives PACT v2 indicators over the lines above 5 % and the primary data share', () => {
    const q = productModelDataQuality(doc, footprint, db);
    // Above 5 %: steel (60 %), paint (30 %), the CO2 emission (6 %, unrated); power is 4 %. Weights 6 and 3:
    // technological (6·1 + 3·3)/9 = 15/9, temporal (6·2 + 3·1)/9 = 15/9, geographical (6·1 + 3·2)/9 = 12/9,
    // completeness (6·1 + 3·2)/9 = 12/9, reliability (6·2 + 3·1)/9 = 15/9; coverage 90 %.
    assert.equal(q.pact.version, '2');
    close(q.pact.dqi.technologicalDQR, 15 / 9, 'technological');
    close(q.pact.dqi.temporalDQR, 15 / 9, 'temporal');
    close(q.pact.dqi.geographicalDQR, 12 / 9, 'geographical');
    close(q.pact.dqi.completenessDQR, 12 / 9, 'completeness');
    close(q.pact.dqi.reliabilityDQR, 15 / 9, 'reliability');
    close(q.pact.dqi.coveragePercent, 90, 'coverage');
    assert.deepEqual(q.pact.missing, [CO2]);
    // Primary: the paint, 3 of 10 → 30 %; the emission says nothing.
    close(q.pact.primaryDataShare, 30, 'primary data share');
    assert.deepEqual(q.pact.unflagged, [CO2]);
    assert.ok(q.notes.some((n) => n.includes('neither primary nor secondary')));
  });

  it('turns pedigree scores into the lognormal, from the model or from the dataset', () => {
    const q = productModelDataQuality(doc, footprint, db);
    // Steel: (2;3;1;2;4) with basic σ_g 1.05: σ² = 0.041225 + (ln 1.05)² = 0.04360548 → σ_g = 1.23222226.
    const steel = q.lines.find((l) => l.path === STEEL)?.pedigree;
    assert.equal(steel?.from, 'model');
    assert.equal(steel?.appliedInMonteCarlo, true);
    close(steel?.uncertainty?.geometricSd, 1.23222225703, 'steel σ_g', 1e-9);
    // Power: the dataset's exchanges (1;1;1;1;1) and (2;3;n.a.;2;4): means 1.5, 2, 1, 1.5, 2.5 → rounded half up
    // (2;2;1;2;3): 0.0006 + 0.0001 + 0 + 0.000025 + 0.008 = 0.008725 → σ_g = e^√0.008725 = 1.09791.
    const power = q.lines.find((l) => l.path === POWER)?.pedigree;
    assert.equal(power?.from, 'dataset');
    assert.deepEqual(power?.scores, [2, 2, 1, 2, 3]);
    assert.deepEqual(power?.dataset, {
      processId: 'p-power',
      exchanges: 2,
      of: 2,
      mean: [1.5, 2, 1, 1.5, 2.5],
    });
    close(power?.uncertainty?.variance, 0.008725, 'power variance');
    close(power?.uncertainty?.geometricSd, Math.exp(Math.sqrt(0.008725)), 'power σ_g');
    assert.equal(power?.appliedInMonteCarlo, false);
    // Without the database the dataset's scores are unknown.
    assert.equal(
      productModelDataQuality(doc, footprint).lines.find((l) => l.path === POWER)?.pedigree,
      undefined,
    );
  });

  it('is part of the calculation result when the document states data quality, and only then', () => {
    const q = footprint.dataQuality;
    assert.ok(q);
    close(q.pef.dqr, 15 / 9, 'PEF DQR in the result');
    assert.equal(q.lines.find((l) => l.path === POWER)?.pedigree, undefined);
    const plain = structuredClone(widget);
    for (const input of plain.processes[0].inputs ?? []) delete input.dataQuality;
    assert.equal(calculateProductModel(parseProductModel(plain), background(db)).dataQuality, undefined);
  });

  it('gives PACT v3 indicators over all rated lines on the 1 … 5 scale', () => {
    const v3 = structuredClone(widget);
    v3.dataQuality = { pactVersion: '3' };
    const inputs = v3.processes[0].inputs ?? [];
    inputs[0].dataQuality = { pact: { technological: 4, temporal: 2, geographical: 1 } };
    inputs[2].dataQuality = { pact: { technological: 5, temporal: 5, geographical: 5 } };
    const d = parseProductModel(v3);
    const q = productModelDataQuality(d, calculateProductModel(d, background(db)));
    // All lines count: steel 6 (4, 2, 1), paint 3 (3, 1, 2), power 0.4 (5, 5, 5); the emission is unrated.
    // Weight 9.4: technological (24 + 9 + 2)/9.4, temporal (12 + 3 + 2)/9.4, geographical (6 + 6 + 2)/9.4.
    close(q.pact.dqi.technologicalDQR, 35 / 9.4, 'technological');
    close(q.pact.dqi.temporalDQR, 17 / 9.4, 'temporal');
    close(q.pact.dqi.geographicalDQR, 14 / 9.4, 'geographical');
    assert.equal(q.pact.dqi.completenessDQR, undefined);
    assert.deepEqual(q.pact.missing, [CO2]);
  });
});

describe('product-model dataQuality validation', () => {
  const refused = (doc: ProductModelDocumentInput, path: string) =>
    assert.throws(
      () => parseProductModel(doc),
      (e: unknown) =>
        e instanceof ModelError && e.code === 'INVALID_MODEL' && e.problems.some((p) => p.path === path),
    );

  it('refuses PACT v2 ratings above 3, pedigree scores without a factor, and malformed scores', () => {
    const v2 = structuredClone(widget);
    (v2.processes[0].inputs ?? [])[0].dataQuality = {
      pact: { technological: 4, temporal: 1, geographical: 1 },
    };
    refused(v2, `${STEEL}/dataQuality/pact/technological`);
    v2.dataQuality = { pactVersion: '3' };
    assert.doesNotThrow(() => parseProductModel(v2));

    const ciroth = structuredClone(widget);
    ciroth.dataQuality = { pedigreeFactorSet: 'ciroth-2016' };
    (ciroth.processes[0].inputs ?? [])[0].dataQuality = { pedigree: [5, 1, 1, 1, 5] };
    // Reliability 5 has no factor in the 2016 article; technology 5 has (2.8).
    refused(ciroth, `${STEEL}/dataQuality/pedigree/0`);

    const short = structuredClone(widget);
    (short.processes[0].inputs ?? [])[0].dataQuality = { pedigree: [1, 2, 3, 4] as never };
    refused(short, `${STEEL}/dataQuality/pedigree`);
    const pef = structuredClone(widget);
    (pef.processes[0].inputs ?? [])[0].dataQuality = { pef: { TeR: 6, GR: 1, TiR: 1, P: 1 } };
    refused(pef, `${STEEL}/dataQuality/pef/TeR`);
  });
});

describe('Monte Carlo with pedigree-derived uncertainty', () => {
  const db = database();
  /** Steel alone: the footprint is 6 × the drawn factor, so ln(total / 6) is the drawn normal. */
  const steelOnly = (
    quality: ModelDataQuality,
    uncertainty?: ModelUncertainty,
  ): ProductModelDocumentInput => ({
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'w',
    processes: [
      {
        id: 'w',
        name: 'W',
        output: { amount: 1, unit: 'item' },
        inputs: [
          {
            name: 'steel',
            amount: 3,
            unit: 'kg',
            source: { kind: 'background', processId: 'p-steel' },
            dataQuality: quality,
            ...(uncertainty ? { uncertainty } : {}),
          },
        ],
      },
    ],
  });

  it('draws a line with pedigree scores and no uncertainty from the lognormal they imply', async () => {
    const doc = parseProductModel(steelOnly({ pedigree: [2, 3, 1, 2, 4], basicUncertainty: 1.05 }));
    const mc = await monteCarloProductModel(doc, background(db), { iterations: 4000, seed: 7 });
    assert.deepEqual(mc.sampled.lines, [STEEL]);
    assert.ok(mc.notes.some((n) => n.includes('pedigree scores')));
    // ln(total/6) ~ N(0, σ = 0.20882): the sample SD of 4000 draws is within a few % of σ, the median near 6.
    const sd = Math.log(mc.percentiles.p97_5 / mc.percentiles.p2_5) / (2 * 1.959964);
    assert.ok(Math.abs(sd - 0.20882) < 0.02, `σ from the 95 % interval: ${sd}`);
    assert.ok(Math.abs(mc.percentiles.p50 / 6 - 1) < 0.02, `median ${mc.percentiles.p50}`);
  });

  it("keeps a line's own uncertainty over its pedigree", async () => {
    // Uniform 2.9 … 3.1 kg: every total is in 5.8 … 6.2, which the worst pedigree (σ_g 1.58) would leave.
    const doc = parseProductModel(
      steelOnly({ pedigree: [5, 5, 5, 5, 5] }, { distribution: 'uniform', min: 2.9, max: 3.1 }),
    );
    const mc = await monteCarloProductModel(doc, background(db), { iterations: 500, seed: 7 });
    assert.ok(mc.min >= 5.8 - 1e-9 && mc.max <= 6.2 + 1e-9, `${mc.min} … ${mc.max}`);
    assert.ok(!mc.notes.some((n) => n.includes('pedigree scores')));
  });
});
