import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { calculateProductModel } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import { modelBackground } from './model-background.js';
import { monteCarloProductModel } from './monte-carlo-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';

const close = (actual: number | undefined, expected: number, what = '') => {
  assert.ok(actual !== undefined, `${what}: undefined`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * Background: grid power (per MJ 0.4 kg CO2 + 0.001 kg fossil CH4 → 0.4 + 0.001 · 29.8 = 0.4298 kg CO2e), steel
 * (per kg 1.5 kg CO2 + 2 MJ power → 1.5 + 2 · 0.4298 = 2.3596) and wood (takes up 1.8 kg CO2, emits 0.1 kg
 * biogenic CO2 per kg: −1.7 under −1/+1, 0 under 0/0).
 */
function background(): Database {
  return backgroundBuilder().build();
}

/** The background above, still open for more products and processes. */
function backgroundBuilder(): DatabaseBuilder {
  return new DatabaseBuilder()
    .product('electricity', { property: 'energy' })
    .product('steel')
    .product('wood')
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
    .elementary('co2-in-air', {
      name: 'Carbon dioxide, in air',
      category: 'Elementary flows/Resource/in air',
    })
    .elementary('ch4-fossil', { name: 'Methane, fossil', category: AIR })
    .process('p-power')
    .output('electricity', 1, { reference: true })
    .output('co2-fossil', 0.4)
    .output('ch4-fossil', 0.001)
    .end()
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .input('electricity', 2)
    .output('co2-fossil', 1.5)
    .end()
    .process('p-wood')
    .output('wood', 1, { reference: true })
    .input('co2-in-air', 1.8)
    .output('co2-biogenic', 0.1)
    .end();
}

/**
 * A bicycle frame: assembly (production; 3 kWh of power, 0.05 kg CO2) of a frame made from mass · (1 + scrap) =
 * 2.2 kg of steel, 0.1 kg of supplier paint at 5 kg CO2e/kg and 10 g of biogenic CH4 (27.0 → 0.27), and a wooden
 * crate (packaging, distribution) of 0.5 kg wood.
 */
const frame: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'assembly',
  parameters: [
    { name: 'mass', value: 2, unit: 'kg', uncertainty: { distribution: 'lognormal', geometricSd: 1.1 } },
    { name: 'scrap', value: 0.1 },
    { name: 'steel_in', formula: 'mass * (1 + scrap)' },
  ],
  scenarios: [{ id: 'lean', name: 'Less scrap', parameters: { scrap: 0 } }],
  carbonContent: { fossil: 0, biogenic: 0.2 },
  processes: [
    {
      id: 'assembly',
      name: 'Frame assembly',
      stage: 'production',
      output: { amount: 1, unit: 'item', name: 'Bicycle frame' },
      inputs: [
        { name: 'frame', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'frame' } },
        { name: 'power', amount: 3, unit: 'kWh', source: { kind: 'background', processId: 'p-power' } },
        { name: 'crate', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'crate' } },
      ],
      emissions: [{ gas: 'CO2', amount: 0.05 }],
    },
    {
      id: 'frame',
      name: 'Frame welding',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'steel',
          amount: 'steel_in',
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
        },
        {
          name: 'paint',
          amount: 100,
          unit: 'g',
          source: { kind: 'supplier', pcfExcludingBiogenic: 5, unit: 'kg', supplier: 'Paint Co.' },
        },
      ],
      emissions: [{ gas: 'CH4', origin: 'biogenic', amount: 10, unit: 'g' }],
    },
    {
      id: 'crate',
      name: 'Wooden crate',
      stage: 'distribution',
      tags: ['cfp:packaging'],
      output: { amount: 1, unit: 'item' },
      inputs: [
        { name: 'wood', amount: 0.5, unit: 'kg', source: { kind: 'background', processId: 'p-wood' } },
      ],
    },
  ],
};

function setup(approach: '-1/+1' | '0/0' = '-1/+1') {
  const db = background();
  return modelBackground(db, new Calculator(db), {
    gwpSetId: 'ipcc-ar6-gwp100',
    biogenicApproach: approach,
    versionId: 'v1',
  });
}

describe('calculateProductModel', () => {
  it('adds up foreground, background, supplier and direct emissions by hand', () => {
    const r = calculateProductModel(parseProductModel(frame), setup());
    // power 3 kWh = 10.8 MJ · 0.4298 = 4.64184; steel 2.2 · 2.3596 = 5.19112; paint 0.1 · 5 = 0.5;
    // CO2 0.05; CH4 biogenic 0.27; wood 0.5 · (−1.8 + 0.1) = −0.85. Total 9.80296.
    close(r.split.total, 9.80296, 'total');
    close(r.split.fossilEmissions, 4.64184 + 5.19112 + 0.5 + 0.05, 'fossil');
    close(r.split.biogenicNonCo2Emissions, 0.27, 'biogenic CH4');
    close(r.split.biogenicCo2Emissions, 0.05, 'biogenic CO2');
    close(r.split.biogenicRemovals, -0.9, 'uptake');
    // Packaging without uptake: 0.5 · 0.1 = 0.05.
    close(r.split.packaging, 0.05, 'packaging');
    assert.equal(r.pact.packagingEmissionsIncluded, true);
    close(r.pact.pCfExcludingBiogenic, 10.38296 + 0.27, 'PACT excluding biogenic');
    close(r.pact.biogenicCarbonWithdrawal, (-0.2 * 44) / 12, 'withdrawal');
    close(r.parameters.steel_in, 2.2, 'steel_in');
    assert.deepEqual(r.declaredUnit, {
      amount: 1,
      unit: 'item',
      processId: 'assembly',
      processName: 'Frame assembly',
      productName: 'Bicycle frame',
    });
    // The frame has no stage and supplies assembly (production); the crate is distribution.
    const stage = (id: string) => r.byStage.find((s) => s.id === id)?.amount;
    close(stage('production'), 4.64184 + 0.05 + 5.19112 + 0.5 + 0.27, 'production');
    close(stage('distribution'), -0.85, 'distribution');
    close(
      r.byStage.reduce((sum, s) => sum + s.amount, 0),
      r.split.total,
      'stages sum to the total',
    );
    // Contributions: largest first, each with its dataset or supplier.
    assert.equal(r.contributions[0].name, 'steel');
    close(r.contributions[0].co2e, 5.19112, 'steel line');
    assert.equal(r.contributions[0].dataset?.processId, 'p-steel');
    close(r.contributions.find((c) => c.name === 'power')?.dataset?.referenceAmount, 10.8, 'MJ of power');
    assert.equal(r.contributions.find((c) => c.name === 'paint')?.supplier?.supplier, 'Paint Co.');
    close(r.byProcess.find((p) => p.processId === 'frame')?.direct, 5.19112 + 0.5 + 0.27, 'frame direct');
    close(
      r.byGas.reduce((sum, g) => sum + (g.countedInTotal ? g.co2e : 0), 0),
      r.split.total,
      'gases sum to the total',
    );
    assert.ok(r.notes.some((n) => n.code === 'SUPPLIER_DATA'));
    assert.ok(r.residual < 1e-14);
    assert.equal(r.backgroundVersionId, 'v1');
  });

  it('leaves biogenic CO2 out under 0/0', () => {
    const r = calculateProductModel(parseProductModel(frame), setup('0/0'), { biogenicApproach: '0/0' });
    // 9.80296 − 0.05 (biogenic CO2) + 0.9 (uptake) = 10.65296.
    close(r.split.total, 10.65296, 'total');
  });

  it('applies a scenario and solves foreground loops', () => {
    const lean = calculateProductModel(parseProductModel(frame), setup(), { scenarioId: 'lean' });
    // steel 2 · 2.3596 = 4.7192 instead of 5.19112.
    close(lean.split.total, 9.80296 - 5.19112 + 4.7192, 'lean total');
    assert.deepEqual(lean.scenario, { id: 'lean', name: 'Less scrap' });
    // A smelter that takes back 0.2 kg of its own 1 kg output runs 1 / 0.8 = 1.25 times per kg delivered:
    // 1.25 · 2 kg CO2 = 2.5.
    const loop = calculateProductModel(
      parseProductModel({
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'smelter',
        processes: [
          {
            id: 'smelter',
            name: 'Smelter',
            output: { amount: 1, unit: 'kg' },
            inputs: [
              {
                name: 'return scrap',
                amount: 200,
                unit: 'g',
                source: { kind: 'foreground', processId: 'smelter' },
              },
            ],
            emissions: [{ gas: 'CO2', amount: 2 }],
          },
        ],
      }),
      undefined,
    );
    close(loop.split.total, 2.5, 'loop total');
    close(loop.byProcess[0].scaling, 1.25, 'loop scaling');
  });

  it('reports bad models with the path of the problem', () => {
    const attempt = (change: (doc: ProductModelDocumentInput) => void, code: string, path: string) => {
      const doc = structuredClone(frame);
      change(doc);
      assert.throws(
        () => calculateProductModel(parseProductModel(doc), setup()),
        (e: unknown) => e instanceof ModelError && e.code === code && e.path === path,
        `${code} at ${path}`,
      );
    };
    attempt((d) => (d.processes[0].inputs![1].unit = 'kg'), 'UNIT_MISMATCH', '/processes/0/inputs/1/unit');
    attempt(
      (d) => (d.processes[0].inputs![1].source = { kind: 'background', processId: 'nope' }),
      'UNKNOWN_DATASET',
      '/processes/0/inputs/1/source',
    );
    attempt(
      (d) => (d.processes[1].inputs![0].amount = 'mass * density'),
      'UNKNOWN_PARAMETER',
      '/processes/1/inputs/0/amount',
    );
    attempt((d) => (d.processes[1].emissions![0].gas = 'XYZ'), 'UNKNOWN_GAS', '/processes/1/emissions/0/gas');
    attempt((d) => (d.processes[0].stage = 'lunch'), 'UNKNOWN_STAGE', '/processes/0/stage');
    attempt(
      (d) => (d.parameters![1] = { name: 'scrap', formula: 'steel_in / 10' }),
      'PARAMETER_CYCLE',
      '/parameters/1/formula',
    );
    attempt(
      (d) =>
        d.processes[1].inputs!.push({
          name: 'all of the assembly',
          amount: 1,
          unit: 'item',
          source: { kind: 'foreground', processId: 'assembly' },
        }),
      'FOREGROUND_SINGULAR',
      '/processes/0',
    );
    assert.throws(
      () => calculateProductModel(parseProductModel(frame), setup(), { scenarioId: 'nope' }),
      (e: unknown) => e instanceof ModelError && e.code === 'UNKNOWN_SCENARIO',
    );
    assert.throws(
      () => calculateProductModel(parseProductModel(frame), undefined),
      (e: unknown) => e instanceof ModelError && e.code === 'NO_BACKGROUND',
    );
    assert.throws(
      () => parseProductModel({ ...frame, referenceProcessId: 'nope', processes: [] }),
      (e: unknown) =>
        e instanceof ModelError &&
        e.code === 'INVALID_MODEL' &&
        e.problems.some((p) => p.path === '/processes') &&
        e.problems.some((p) => p.path === '/referenceProcessId'),
    );
  });
});

describe('monteCarloProductModel', () => {
  it('is reproducible with a seed and centred on the stated values', async () => {
    const doc = parseProductModel(frame);
    const bg = setup();
    const a = await monteCarloProductModel(doc, bg, { iterations: 2000, seed: 7 });
    const b = await monteCarloProductModel(doc, bg, { iterations: 2000, seed: 7 });
    assert.deepEqual(a, b);
    close(a.deterministic, 9.80296, 'deterministic');
    // Only the steel line varies with mass: total = 4.61184 + 2.3596 · 1.1 · mass, mass lognormal with median 2,
    // so the median total is the deterministic one (within sampling error) and the spread is σg-shaped:
    // p97.5 / median of the steel part ≈ 1.1^1.96 = 1.2056.
    assert.ok(Math.abs(a.percentiles.p50 - 9.80296) < 0.05, `median ${a.percentiles.p50}`);
    const steel = (x: number) => x - (9.80296 - 5.19112);
    const ratio = steel(a.percentiles.p97_5) / steel(a.percentiles.p50);
    assert.ok(Math.abs(ratio - 1.1 ** 1.96) < 0.02, `ratio ${ratio}`);
    assert.deepEqual(a.sampled.parameters, ['mass']);
    const c = await monteCarloProductModel(doc, bg, { iterations: 2000, seed: 8 });
    assert.notEqual(c.mean, a.mean);
  });

  it('moves uniform and triangular bounds with a scenario', async () => {
    // share 0.1 ~ uniform(0.05, 0.15); scenario s50 sets 0.5, so share ~ uniform(0.45, 0.55) and 10 · share has
    // mean 5, range 4.5 … 5.5.
    const doc = parseProductModel({
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'p',
      parameters: [
        { name: 'share', value: 0.1, uncertainty: { distribution: 'uniform', min: 0.05, max: 0.15 } },
      ],
      scenarios: [{ id: 's50', name: 'Half', parameters: { share: 0.5 } }],
      processes: [
        {
          id: 'p',
          name: 'P',
          output: { amount: 1, unit: 'kg' },
          emissions: [{ gas: 'CO2', amount: '10 * share' }],
        },
      ],
    });
    const r = await monteCarloProductModel(doc, undefined, { iterations: 2000, seed: 5, scenarioId: 's50' });
    close(r.deterministic, 5, 'deterministic');
    assert.ok(Math.abs(r.mean - 5) < 0.02, `mean ${r.mean}`);
    assert.ok(r.min >= 4.5 && r.max <= 5.5, `${r.min} … ${r.max}`);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    await assert.rejects(
      monteCarloProductModel(parseProductModel(frame), setup(), {
        iterations: 10_000,
        seed: 1,
        progressEvery: 100,
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 300) controller.abort(new Error('cancelled by test'));
        },
      }),
      /cancelled by test/,
    );
  });
});

describe('calculateProductModel against the whole system', () => {
  /**
   * The same system twice: as one database (foreground processes among the background ones, solved by the
   * Calculator) and as a model on the background. A loop between two foreground processes, a process used by two
   * others, kWh ↔ MJ and g ↔ kg links, a credit (negative input) and direct CO2 and CH4.
   */
  it('gives the split, gases and PACT fields of solving everything at once', async () => {
    const { carbonFootprint } = await import('@opencfp/refdata');
    const whole = backgroundBuilder()
      .product('bike', { property: 'items' })
      .product('frame')
      .product('tube')
      .process('f-bike')
      .output('bike', 1, { reference: true })
      .input('frame', 1)
      .input('tube', 0.5)
      .input('electricity', 2, { unit: 'kWh' })
      .input('wood', -0.3)
      .output('co2-fossil', 0.05)
      .end()
      .process('f-frame')
      .output('frame', 1, { reference: true })
      .input('tube', 2)
      .input('steel', 800, { unit: 'g' })
      .output('ch4-fossil', 0.002)
      .end()
      .process('f-tube')
      .output('tube', 1, { reference: true })
      .input('frame', 0.1)
      .input('steel', 1.2)
      .end()
      .build();
    const expected = carbonFootprint(new Calculator(whole).calculate({ processId: 'f-bike' }), whole);
    const model = calculateProductModel(
      parseProductModel({
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'bike',
        processes: [
          {
            id: 'bike',
            name: 'Bike',
            output: { amount: 1, unit: 'item' },
            inputs: [
              { name: 'frame', amount: 1, unit: 'kg', source: { kind: 'foreground', processId: 'frame' } },
              { name: 'tube', amount: 500, unit: 'g', source: { kind: 'foreground', processId: 'tube' } },
              { name: 'power', amount: 2, unit: 'kWh', source: { kind: 'background', processId: 'p-power' } },
              {
                name: 'wood credit',
                amount: -0.3,
                unit: 'kg',
                source: { kind: 'background', processId: 'p-wood' },
              },
            ],
            emissions: [{ gas: 'CO2', amount: 0.05 }],
          },
          {
            id: 'frame',
            name: 'Frame',
            output: { amount: 1, unit: 'kg' },
            inputs: [
              { name: 'tube', amount: 2, unit: 'kg', source: { kind: 'foreground', processId: 'tube' } },
              { name: 'steel', amount: 800, unit: 'g', source: { kind: 'background', processId: 'p-steel' } },
            ],
            emissions: [{ gas: 'CH4', amount: 2, unit: 'g' }],
          },
          {
            id: 'tube',
            name: 'Tube',
            output: { amount: 1, unit: 'kg' },
            inputs: [
              { name: 'frame', amount: 0.1, unit: 'kg', source: { kind: 'foreground', processId: 'frame' } },
              {
                name: 'steel',
                amount: 1.2,
                unit: 'kg',
                source: { kind: 'background', processId: 'p-steel' },
              },
            ],
          },
        ],
      }),
      setup(),
    );
    for (const key of Object.keys(expected.split) as (keyof typeof expected.split)[])
      close(model.split[key], expected.split[key], key);
    for (const key of ['pCfExcludingBiogenic', 'pCfIncludingBiogenic', 'fossilGhgEmissions'] as const)
      close(model.pact[key] as number, expected.pact[key] as number, key);
    for (const gas of expected.byGas) {
      const mine = model.byGas.filter((g) => g.species === gas.species && g.kind === gas.kind);
      close(
        mine.reduce((sum, g) => sum + g.co2e, 0),
        gas.co2e,
        `${gas.species} ${gas.kind ?? ''}`,
      );
    }
    // The credit is a removal, as in B s: 0.3 kg of wood avoided gives back its 0.03 kg biogenic CO2.
    assert.ok(model.split.biogenicRemovals > 0 && model.split.biogenicCo2Emissions < 0);
  });
});

describe('calculateProductModel: units, signs, notes and refusals', () => {
  const one = (process: object): ProductModelDocumentInput => ({
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'p',
    processes: [{ id: 'p', name: 'P', output: { amount: 1, unit: 'kg' }, ...process }],
  });

  it('tells mg from Mg and mWh from MWh, and refuses an ambiguous case', () => {
    // 1 Mg of steel = 1000 kg · 2.3596; 1 mg = 1e-6 kg.
    const total = (unit: string) =>
      calculateProductModel(
        parseProductModel(
          one({
            inputs: [
              { name: 'steel', amount: 1, unit, source: { kind: 'background', processId: 'p-steel' } },
            ],
          }),
        ),
        setup(),
      ).split.total;
    close(total('Mg'), 2359.6, 'Mg');
    close(total('mg'), 2.3596e-6, 'mg');
    close(total('KG'), 2.3596, 'KG');
    assert.throws(
      () => total('MG'),
      (e: unknown) => e instanceof ModelError && e.code === 'UNIT_MISMATCH',
    );
    const power = (unit: string) =>
      calculateProductModel(
        parseProductModel(
          one({
            inputs: [
              { name: 'power', amount: 1, unit, source: { kind: 'background', processId: 'p-power' } },
            ],
          }),
        ),
        setup(),
      ).split.total;
    // 1 MWh = 3600 MJ · 0.4298; 1 mWh = 3.6e-9 MJ.
    close(power('MWh'), 3600 * 0.4298, 'MWh');
    close(power('mWh'), 3.6e-9 * 0.4298, 'mWh');
  });

  it('books a negative amount as a removal; the datasets’ own stage notes stay out', () => {
    const r = calculateProductModel(
      parseProductModel(
        one({
          inputs: [
            {
              name: 'steel credit',
              amount: -0.5,
              unit: 'kg',
              source: { kind: 'background', processId: 'p-steel' },
            },
          ],
          emissions: [{ gas: 'CO2', amount: -1 }],
        }),
      ),
      setup(),
    );
    // −0.5 · 2.3596 − 1 = −2.1798, all of it fossil removals.
    close(r.split.fossilRemovals, -2.1798, 'removals');
    close(r.split.fossilEmissions, 0, 'emissions');
    // The model's own stage note only: the dataset's "no process carries a stage tag" is about the dataset.
    assert.deepEqual(
      r.notes.filter((n) => n.code === 'STAGE_OUTSIDE_SCHEME').map((n) => n.message.startsWith('part of')),
      [true],
    );
  });

  it('refuses negative runs, stages on links to the model’s own processes, bounds around nothing, and CH4-fossil as a gas', () => {
    const refuses = (doc: ProductModelDocumentInput, code: string, path: string) =>
      assert.throws(
        () => calculateProductModel(parseProductModel(doc), setup()),
        (e: unknown) => e instanceof ModelError && e.code === code && e.path === path,
        `${code} at ${path}`,
      );
    // Takes back 1.2 kg of its 1 kg: s = 1 / (1 − 1.2) = −5.
    refuses(
      one({
        inputs: [{ name: 'back', amount: 1.2, unit: 'kg', source: { kind: 'foreground', processId: 'p' } }],
      }),
      'NEGATIVE_SCALING',
      '/processes/0',
    );
    refuses(
      one({
        inputs: [
          {
            name: 'self',
            amount: 0.1,
            unit: 'kg',
            stage: 'production',
            source: { kind: 'foreground', processId: 'p' },
          },
        ],
      }),
      'INVALID_MODEL',
      '/processes/0/inputs/0/stage',
    );
    refuses(
      one({
        emissions: [{ gas: 'CO2', amount: 5, uncertainty: { distribution: 'uniform', min: 1, max: 2 } }],
      }),
      'INVALID_MODEL',
      '/processes/0/emissions/0/uncertainty',
    );
    refuses(
      one({ emissions: [{ gas: 'CH4-fossil', amount: 1 }] }),
      'UNKNOWN_GAS',
      '/processes/0/emissions/0/gas',
    );
    refuses(
      one({
        emissions: [
          { gas: 'SF6', amount: 1e305 },
          { gas: 'SF6', amount: 1e305 },
        ],
      }),
      'NON_FINITE',
      '',
    );
  });

  it('leaves no phantom unassigned stage when every line is staged', () => {
    // a (production) takes 1.5 b and 2 c; b (unstaged) takes 0.1 b and 0.3 c; c (raw material) takes 0.05 b.
    const r = calculateProductModel(
      parseProductModel({
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'a',
        processes: [
          {
            id: 'a',
            name: 'A',
            stage: 'production',
            output: { amount: 1, unit: 'kg' },
            inputs: [
              { name: 'b', amount: 1.5, unit: 'kg', source: { kind: 'foreground', processId: 'b' } },
              { name: 'c', amount: 2, unit: 'kg', source: { kind: 'foreground', processId: 'c' } },
            ],
          },
          {
            id: 'b',
            name: 'B',
            output: { amount: 1, unit: 'kg' },
            inputs: [
              { name: 'b', amount: 0.1, unit: 'kg', source: { kind: 'foreground', processId: 'b' } },
              { name: 'c', amount: 0.3, unit: 'kg', source: { kind: 'foreground', processId: 'c' } },
            ],
            emissions: [{ gas: 'CO2', amount: 0.0596 }],
          },
          {
            id: 'c',
            name: 'C',
            stage: 'raw-material-acquisition',
            output: { amount: 1, unit: 'kg' },
            inputs: [{ name: 'b', amount: 0.05, unit: 'kg', source: { kind: 'foreground', processId: 'b' } }],
          },
        ],
      }),
      undefined,
    );
    assert.deepEqual(
      r.byStage.filter((s) => s.outsideScheme).map((s) => s.id),
      [],
    );
    assert.ok(!r.notes.some((n) => n.code === 'STAGE_OUTSIDE_SCHEME'));
    close(
      r.byStage.reduce((sum, s) => sum + s.amount, 0),
      r.split.total,
      'stages sum to the total',
    );
  });
});
