import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { starterId, transportDatasets } from '@opencfp/refdata';
import { calculateProductModel } from './calculate-product-model.js';
import { ModelError } from './errors.js';
import { modelBackground } from './model-background.js';
import { monteCarloProductModel } from './monte-carlo-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';
import { transportReference } from './transport-reference.js';

const close = (actual: number | undefined, expected: number, what = '') => {
  assert.ok(actual !== undefined, `${what}: undefined`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

const AIR = 'Elementary flows/Emission to air/unspecified';

// The starter database's lorry and air freight datasets (DESNZ/Defra 2025, kg per t·km): the CO2 column as fossil
// CO2 and the rest of the published total as pre-aggregated CO2e, as refdata's transport table holds them.
const starter = (id: string) => {
  const d = transportDatasets.find((x) => x.id === id);
  assert.ok(d, id);
  const amount = (flow: string) => d.emissions.find((e) => e.flow === flow)?.amount ?? 0;
  return { co2: amount('co2-fossil'), co2e: amount('co2e-preaggregated') };
};
const LORRY = starter('transport-lorry-hgv-average-laden-gb-2025');
const AIR_FREIGHT = starter('transport-air-freight-international-without-rf-2025');
/** The published totals, kg CO2e per t·km. */
const F_LORRY = 0.10163;
const F_AIR = 0.5313;

/**
 * A background with the lorry and air datasets per t·km (the air one tagged as aircraft, as in the starter
 * database, and an untagged copy), and steel per kg.
 */
function background(): Database {
  const db = new DatabaseBuilder()
    .product('lorry', { property: 'goods-transport' })
    .product('air', { property: 'goods-transport' })
    .product('air-untagged', { property: 'goods-transport' })
    .product('steel')
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .elementary('co2e', { name: 'Greenhouse gases, CO2 equivalent', category: AIR })
    .process('p-lorry')
    .output('lorry', 1, { reference: true })
    .output('co2-fossil', LORRY.co2)
    .output('co2e', LORRY.co2e)
    .end()
    .process('p-air', { tags: ['cfp:aircraft'] })
    .output('air', 1, { reference: true })
    .output('co2-fossil', AIR_FREIGHT.co2)
    .output('co2e', AIR_FREIGHT.co2e)
    .end()
    .process('p-air-untagged')
    .output('air-untagged', 1, { reference: true })
    .output('co2-fossil', AIR_FREIGHT.co2)
    .output('co2e', AIR_FREIGHT.co2e)
    .end()
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .output('co2-fossil', 2)
    .end()
    .build();
  // The builder has no goods-transport quantity: t*km, as the starter database measures transport.
  db.unitGroups.push({
    id: 'ug-goods-transport',
    name: 'Units of mass*length',
    referenceUnitId: 't*km',
    units: [{ id: 't*km', name: 't*km', factor: 1 }],
  });
  db.flowProperties.push({
    id: 'goods-transport',
    name: 'Goods transport',
    unitGroupId: 'ug-goods-transport',
  });
  for (const p of db.processes)
    for (const e of p.exchanges) if (e.flowPropertyId === 'goods-transport') e.unitId = 't*km';
  return db;
}

const setup = () => {
  const db = background();
  return modelBackground(db, new Calculator(db), {
    gwpSetId: 'ipcc-ar6-gwp100',
    biogenicApproach: '-1/+1',
    versionId: 'v1',
  });
};

/** A product delivered with one transport leg (and whatever else is given). */
const model = (
  leg: { amount: number | string; unit: string; stage?: string; source: Record<string, unknown> },
  more: Partial<ProductModelDocumentInput> = {},
  processStage?: string,
): ProductModelDocumentInput => ({
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'delivery',
  ...more,
  processes: [
    {
      id: 'delivery',
      name: 'Delivery',
      ...(processStage ? { stage: processStage } : {}),
      output: { amount: 1, unit: 'item' },
      inputs: [{ name: 'leg', ...leg, source: { kind: 'transport', ...leg.source } as never }],
    },
  ],
});

const road = { mode: 'road', distance: 500, dataset: { processId: 'p-lorry' } };

describe('transport legs', () => {
  it('2 t over 500 km by road at the lorry dataset is 1,000 t·km · 0.10163 kg CO2e, in distribution', () => {
    close(LORRY.co2 + LORRY.co2e, F_LORRY, 'the dataset adds up to the published total');
    const r = calculateProductModel(
      parseProductModel(model({ amount: 2, unit: 't', source: road })),
      setup(),
    );
    close(r.split.total, 1000 * F_LORRY, 'total');
    close(r.split.fossilEmissions, 1000 * F_LORRY, 'fossil');
    close(r.split.aircraft, 0, 'no aircraft');
    const c = r.contributions[0];
    assert.equal(c.kind, 'transport');
    assert.equal(c.unit, 't*km');
    close(c.quantity, 1000, 't·km');
    assert.equal(c.stage, 'distribution');
    assert.deepEqual(c.transport, { mode: 'road', distanceKm: 500, massKg: 2000, tonneKilometres: 1000 });
    assert.equal(c.dataset?.processId, 'p-lorry');
    close(c.dataset?.referenceAmount, 1000, 'reference amount');
    close(r.byStage.find((s) => s.id === 'distribution')?.amount, 1000 * F_LORRY, 'distribution stage');
    // The same in kg and metres; and as a background input of 1,000 t*km.
    close(
      calculateProductModel(
        parseProductModel(
          model({ amount: 2000, unit: 'kg', source: { ...road, distance: 500_000, distanceUnit: 'm' } }),
        ),
        setup(),
      ).split.total,
      1000 * F_LORRY,
      'kg and m',
    );
    const direct = calculateProductModel(
      parseProductModel({
        schema: 'opencfp/product-model@1',
        referenceProcessId: 'd',
        processes: [
          {
            id: 'd',
            name: 'D',
            output: { amount: 1, unit: 'item' },
            inputs: [
              {
                name: 'lorry',
                amount: 1000,
                unit: 't*km',
                source: { kind: 'background', processId: 'p-lorry' },
              },
            ],
          },
        ],
      }),
      setup(),
    );
    assert.deepEqual(r.split, direct.split);
  });

  it('takes the stage of the leg, else of its process, else distribution', () => {
    const stageOf = (leg: { stage?: string }, processStage?: string) =>
      calculateProductModel(
        parseProductModel(model({ amount: 2, unit: 't', source: road, ...leg }, {}, processStage)),
        setup(),
      ).contributions[0].stage;
    assert.equal(stageOf({}), 'distribution');
    assert.equal(stageOf({}, 'production'), 'production');
    assert.equal(stageOf({ stage: 'raw-material-acquisition' }, 'production'), 'raw-material-acquisition');
  });

  it('reports air legs as aircraft emissions: the dataset’s own part, or the whole leg when it marks none', () => {
    const air = (processId: string) =>
      calculateProductModel(
        parseProductModel(
          model({ amount: 1, unit: 't', source: { mode: 'air', distance: 1000, dataset: { processId } } }),
        ),
        setup(),
      );
    const tagged = air('p-air');
    close(tagged.split.total, 1000 * F_AIR, 'total');
    close(tagged.split.aircraft, 1000 * F_AIR, 'aircraft (the dataset’s own)');
    assert.ok(
      tagged.notes.some((n) => n.code === 'TRANSPORT_AIRCRAFT' && !/whole footprint/.test(n.message)),
    );
    const untagged = air('p-air-untagged');
    close(untagged.split.aircraft, 1000 * F_AIR, 'aircraft (the whole leg)');
    assert.ok(
      untagged.notes.some((n) => n.code === 'TRANSPORT_AIRCRAFT' && /whole footprint/.test(n.message)),
    );
    assert.equal(untagged.pact.aircraftGhgEmissions, untagged.split.aircraft);
  });

  it('takes a carrier’s factor per t·km for a mode without a dataset', () => {
    // 10 t over 200 km on inland waterways at 0.03 kg CO2e/t·km: 2,000 t·km · 0.03 = 60 kg.
    const doc = model({
      amount: 10,
      unit: 't',
      source: {
        mode: 'inland-waterway',
        distance: 200,
        factor: { kgCo2ePerTkm: 0.03, source: 'Carrier statement 2025 (test)', year: 2025 },
      },
    });
    const r = calculateProductModel(parseProductModel(doc), undefined);
    close(r.split.total, 60, 'total');
    assert.deepEqual(
      r.byGas.map((g) => [g.species, g.kind]),
      [['CO2e', 'transport']],
    );
    assert.equal(r.contributions[0].transport?.factor?.source, 'Carrier statement 2025 (test)');
    assert.ok(r.notes.some((n) => n.code === 'TRANSPORT_FACTOR'));
    // An air leg at a factor is aircraft transport as a whole.
    const air = calculateProductModel(
      parseProductModel(
        model({
          amount: 1,
          unit: 't',
          source: { mode: 'air', distance: 100, factor: { kgCo2ePerTkm: 0.6, source: 'x' } },
        }),
      ),
      undefined,
    );
    close(air.split.aircraft, 60, 'aircraft');
  });

  it('takes mass and distance from parameters, which scenarios change', () => {
    const doc = model(
      { amount: 'goods', unit: 't', source: { ...road, distance: 'route_km' } },
      {
        parameters: [
          { name: 'goods', value: 2 },
          { name: 'route_km', value: 500 },
        ],
        scenarios: [{ id: 'far', name: 'Far customer', parameters: { route_km: 800 } }],
      },
    );
    close(calculateProductModel(parseProductModel(doc), setup()).split.total, 1000 * F_LORRY, 'near');
    const far = calculateProductModel(parseProductModel(doc), setup(), { scenarioId: 'far' });
    close(far.split.total, 1600 * F_LORRY, 'far');
    close(far.contributions[0].transport?.distanceKm, 800, 'distance');
  });

  it('refuses a negative distance, a leg with both or neither of dataset and factor, a mass in kWh and a non-transport dataset', () => {
    const at = '/processes/0/inputs/0';
    const invalid = (leg: Parameters<typeof model>[0], path: string) =>
      assert.throws(
        () => parseProductModel(model(leg)),
        (e: unknown) =>
          e instanceof ModelError && e.code === 'INVALID_MODEL' && e.problems.some((p) => p.path === path),
        path,
      );
    invalid({ amount: 2, unit: 't', source: { ...road, distance: -500 } }, `${at}/source/distance`);
    invalid(
      { amount: 2, unit: 't', source: { ...road, factor: { kgCo2ePerTkm: 0.1, source: 'x' } } },
      `${at}/source`,
    );
    invalid({ amount: 2, unit: 't', source: { mode: 'road', distance: 500 } }, `${at}/source`);
    invalid({ amount: 2, unit: 'kWh', source: road }, `${at}/unit`);
    invalid({ amount: 2, unit: 't', source: { ...road, distanceUnit: 'kg' } }, `${at}/source/distanceUnit`);
    invalid({ amount: 2, unit: 't', source: { ...road, mode: 'teleport' } }, `${at}/source/mode`);

    const refused = (doc: ProductModelDocumentInput, code: string, path: string, withBackground = true) =>
      assert.throws(
        () => calculateProductModel(parseProductModel(doc), withBackground ? setup() : undefined),
        (e: unknown) => e instanceof ModelError && e.code === code && e.path === path,
        `${code} at ${path}`,
      );
    refused(
      model(
        { amount: 2, unit: 't', source: { ...road, distance: 'route_km' } },
        { parameters: [{ name: 'route_km', value: -1 }] },
      ),
      'INVALID_MODEL',
      `${at}/source/distance`,
    );
    refused(
      model({ amount: 2, unit: 't', source: { ...road, dataset: { processId: 'p-steel' } } }),
      'UNIT_MISMATCH',
      `${at}/source/dataset`,
    );
    refused(model({ amount: 2, unit: 't', source: road }), 'NO_BACKGROUND', `${at}/source/dataset`, false);
  });

  it('draws the mass in Monte Carlo runs and multiplies it by the distance', async () => {
    // 2,000 kg ~ triangular(1,800, 2,000, 2,200) over 500 km: 900 … 1,100 t·km at 0.10163.
    const doc = parseProductModel(
      model({
        amount: 2000,
        unit: 'kg',
        source: road,
        uncertainty: { distribution: 'triangular', min: 1800, mode: 2000, max: 2200 },
      } as never),
    );
    const r = await monteCarloProductModel(doc, setup(), { iterations: 2000, seed: 9 });
    close(r.deterministic, 1000 * F_LORRY, 'deterministic');
    assert.ok(r.min >= 900 * F_LORRY && r.max <= 1100 * F_LORRY, `${r.min} … ${r.max}`);
    assert.ok(Math.abs(r.mean - 1000 * F_LORRY) < 0.5, `mean ${r.mean}`);
    assert.deepEqual(r.sampled.lines, ['/processes/0/inputs/0']);
  });
});

describe('transportReference', () => {
  it('lists the starter database’s freight datasets per mode with their ids and published totals', () => {
    const ref = transportReference();
    assert.deepEqual(
      ref.modes.map((m) => [m.mode, m.datasets.length]),
      [
        ['road', 2],
        ['rail', 1],
        ['sea', 3],
        ['inland-waterway', 0],
        ['air', 1],
      ],
    );
    const lorry = ref.modes[0].datasets.find(
      (d) => d.datasetId === 'transport-lorry-hgv-average-laden-gb-2025',
    );
    assert.equal(lorry?.processId, starterId('process/transport-lorry-hgv-average-laden-gb-2025'));
    assert.equal(lorry?.kgCo2ePerTkm, F_LORRY);
    assert.equal(ref.modes[4].datasets[0].kgCo2ePerTkm, F_AIR);
    assert.equal(ref.modes[4].datasets[0].aircraft, true);
    assert.match(ref.modes[3].note ?? '', /factor/);
    assert.equal(ref.sources[0].id, 'desnz-ghg-conversion-factors-2025');
    assert.match(ref.sources[0].licence, /Open Government Licence/);
  });
});
