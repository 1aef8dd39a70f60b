import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder } from '@opencfp/core';
import { calculateProductModel } from './calculate-product-model.js';
import { commonUnitFactor, commonUnitTable } from './common-units.js';
import { ModelError } from './errors.js';
import { modelBackground, type ModelBackground } from './model-background.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';
import { validateProductModel } from './validate-product-model.js';

const AIR = 'Elementary flows/Emission to air/unspecified';

/** Grid power per MJ (0.4 kg CO2) and steel per kg (1.5 kg CO2 and 2 MJ of power). */
function background(): ModelBackground {
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
  return modelBackground(db, new Calculator(db), { gwpSetId: 'ipcc-ar6-gwp100', biogenicApproach: '-1/+1' });
}

/** A frame: 2 kg steel, 3 kWh power, a welded part; valid as it stands. */
const frame = (): ProductModelDocumentInput => ({
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'assembly',
  parameters: [
    { name: 'mass', value: 2 },
    { name: 'steel_in', formula: 'mass * 1.1' },
  ],
  scenarios: [{ id: 'light', name: 'Lighter', parameters: { mass: 1.5 } }],
  processes: [
    {
      id: 'assembly',
      name: 'Frame assembly',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'steel',
          amount: 'steel_in',
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
        },
        { name: 'power', amount: 3, unit: 'kWh', source: { kind: 'background', processId: 'p-power' } },
        { name: 'part', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'welding' } },
      ],
      emissions: [{ gas: 'CO2', amount: 0.05 }],
    },
    {
      id: 'welding',
      name: 'Welding',
      output: { amount: 1, unit: 'item' },
      inputs: [
        { name: 'gas', amount: 0.1, unit: 'kg', source: { kind: 'background', processId: 'p-steel' } },
      ],
    },
  ],
});

/** What calculating raises, as an issue. */
function calculationError(
  doc: ProductModelDocumentInput,
  bg: ModelBackground | undefined,
  scenarioId?: string,
) {
  try {
    calculateProductModel(parseProductModel(doc), bg, { scenarioId });
  } catch (e) {
    assert.ok(e instanceof ModelError);
    return { path: e.path, code: e.code, message: e.message };
  }
  assert.fail('the calculation succeeded');
}

describe('validateProductModel', () => {
  it('finds nothing in a model that calculates', () => {
    assert.deepEqual(validateProductModel(frame(), background()), []);
  });

  it('answers the schema problems all at once, as INVALID_MODEL', () => {
    const doc = frame();
    doc.processes[0].name = ' ';
    (doc.processes[1].inputs ?? [])[0].source = { kind: 'foreground', processId: 'nowhere' };
    assert.deepEqual(
      validateProductModel(doc, background()).map((i) => [i.path, i.code]),
      [
        ['/processes/0/name', 'INVALID_MODEL'],
        ['/processes/1/inputs/0/source/processId', 'INVALID_MODEL'],
      ],
    );
  });

  it('finds every problem a calculation would raise one at a time, each exactly as it raises it', () => {
    const bg = background();
    const doc = frame();
    const [assembly, welding] = doc.processes;
    const inputs = assembly.inputs ?? [];
    inputs[0].unit = 'kWh'; // steel is a mass
    inputs[1].source = { kind: 'background', processId: 'p-gone' };
    (welding.inputs ?? [])[0].amount = 'mass * density'; // no such parameter
    (doc.parameters ?? [])[1].formula = 'mass * (1 +'; // cannot be read
    assembly.emissions = [{ gas: 'CO5', amount: 1 }];
    const first = calculationError(doc, bg);
    const issues = validateProductModel(doc, bg);
    assert.deepEqual(issues[0], first, 'the first is what a calculation raises');
    assert.deepEqual(
      issues.map((i) => [i.path, i.code]),
      [
        ['/parameters/1/formula', 'FORMULA_ERROR'],
        ['/processes/0/inputs/0/unit', 'UNIT_MISMATCH'],
        ['/processes/0/inputs/1/source', 'UNKNOWN_DATASET'],
        ['/processes/0/emissions/0/gas', 'UNKNOWN_GAS'],
        ['/processes/1/inputs/0/amount', 'UNKNOWN_PARAMETER'],
      ],
    );
    assert.match(issues[1].message, /input 'steel' is in 'kWh', but 'steel' is measured in kg/);
    // Fixing the first, a calculation raises the second, word for word.
    (doc.parameters ?? [])[1].formula = 'mass * 1.1';
    assert.deepEqual(calculationError(doc, bg), issues[1]);
    // Without a background, every dataset link says so.
    assert.deepEqual(
      validateProductModel(frame(), undefined).map((i) => [i.path, i.code]),
      [
        ['/processes/0/inputs/0/source', 'NO_BACKGROUND'],
        ['/processes/0/inputs/1/source', 'NO_BACKGROUND'],
        ['/processes/1/inputs/0/source', 'NO_BACKGROUND'],
      ],
    );
  });

  it('checks each scenario, naming the one a problem belongs to', () => {
    const doc = frame();
    doc.parameters = [
      { name: 'mass', value: 2 },
      { name: 'steel_in', formula: 'mass * 1.1' },
      { name: 'parts', value: 1 },
    ];
    (doc.processes[0].inputs ?? [])[2].amount = 'parts';
    // A scenario where the assembly takes back more than it makes from a loop.
    doc.processes[1].inputs = [
      ...(doc.processes[1].inputs ?? []),
      {
        name: 'rework',
        amount: 'parts * 0.5',
        unit: 'item',
        source: { kind: 'foreground', processId: 'assembly' },
      },
    ];
    doc.scenarios = [
      { id: 'light', name: 'Lighter', parameters: { mass: 1.5 } },
      { id: 'rework', name: 'Rework', parameters: { parts: 3 } },
    ];
    const issues = validateProductModel(doc, background());
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.deepEqual(issues[0], { ...calculationError(doc, background(), 'rework'), scenarioId: 'rework' });
    assert.ok(['NEGATIVE_SCALING', 'FOREGROUND_SINGULAR'].includes(issues[0].code), issues[0].code);
  });

  it('stops at maxIssues', () => {
    const doc = frame();
    doc.processes[0].emissions = Array.from({ length: 5 }, () => ({ gas: 'XYZ', amount: 1 }));
    assert.equal(validateProductModel(doc, background()).length, 5);
    assert.equal(validateProductModel(doc, background(), { maxIssues: 2 }).length, 2);
  });
});

describe('commonUnitTable', () => {
  it('is the table the conversions use: every name of a dimension converts to its base unit by its factor', () => {
    const table = commonUnitTable();
    assert.deepEqual(
      table.map((d) => [d.dimension, d.baseUnit]),
      [
        ['mass', 'kg'],
        ['energy', 'MJ'],
        ['volume', 'm3'],
        ['area', 'm2'],
        ['length', 'm'],
        ['goods transport', 't*km'],
        ['person transport', 'p*km'],
        ['items', 'item'],
        ['time', 'h'],
      ],
    );
    for (const d of table)
      for (const u of d.units)
        for (const name of [u.name, ...u.synonyms])
          assert.equal(commonUnitFactor(name, d.baseUnit), u.factor, `${name} in ${d.baseUnit}`);
    const energy = table[1].units;
    assert.deepEqual(energy[0], { name: 'MJ', synonyms: ['megajoule'], factor: 1 });
    assert.deepEqual(
      energy.find((u) => u.name === 'kWh'),
      { name: 'kWh', synonyms: ['千瓦时', '度'], factor: 3.6 },
    );
    // The base unit first, then by factor.
    assert.deepEqual(
      table[0].units.map((u) => u.name),
      ['kg', 'mg', 'g', 'lb', 'Mg', 't', 'kt', 'Mt'],
    );
  });
});
