import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Calculator, type Database, type Exchange, type Flow, type Process } from '@opencfp/core';
import iconv from 'iconv-lite';
import { FormatError } from './errors.js';
import type { ImportIssue } from './import-issue.js';
import { readSimaProCsv, readSimaProCsvText } from './read-simapro-csv.js';
import { unitCatalogue } from './unit-catalogue.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const samples = join(shared, 'data/samples/olca-io/simapro/csv/input');

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-simapro-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
async function tempFile(content: string | Buffer): Promise<string> {
  const path = join(dir, `file${counter++}.csv`);
  await writeFile(path, content);
  return path;
}

const header = (separator: 'Semicolon' | 'Comma' | 'Tab', decimal: '.' | ','): string =>
  [
    '{SimaPro 9.5.0.0}',
    '{processes}',
    '{Date: 24.11.2026}',
    '{Time: 10:00:00}',
    '{Project: OpenCFP tests}',
    '{CSV Format version: 9.0.0}',
    `{CSV separator: ${separator}}`,
    `{Decimal separator: ${decimal}}`,
    '{Date separator: .}',
    '{Short date format: dd.MM.yyyy}',
    '',
    '',
  ].join('\n');

/** A process block; `sections` maps section names to their lines (one string each). */
function processBlock(sections: [string, string[]][]): string {
  return ['Process', '', ...sections.flatMap(([name, rows]) => [name, ...rows, '']), 'End', '', ''].join(
    '\n',
  );
}

const errors = (issues: ImportIssue[]): ImportIssue[] => issues.filter((i) => i.severity === 'error');
const flowNamed = (db: Database, name: string): Flow => {
  const f = db.flows.find((x) => x.name === name);
  assert.ok(f, `flow '${name}'`);
  return f;
};
const processNamed = (db: Database, name: string): Process => {
  const p = db.processes.find((x) => x.name === name);
  assert.ok(p, `process '${name}'`);
  return p;
};
const inventory = (
  db: Database,
  processName: string,
  options?: ConstructorParameters<typeof Calculator>[1],
) => {
  const calc = new Calculator(db, options);
  const r = calc.calculate({ processId: processNamed(db, processName).id });
  return { result: r, amount: (name: string) => r.inventory.find((e) => e.name === name)?.amount ?? 0 };
};
const close = (actual: number, expected: number, what = ''): void =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
const lineOf = (text: string, line: string, from = 0): number => {
  const lines = text.split('\n');
  const i = lines.findIndex((l, k) => k >= from && l === line);
  assert.ok(i >= 0, `line '${line}'`);
  return i + 1;
};

/** Steel uses electricity bought in kWh from a power plant whose product is in MJ. */
function linkedText(separator: 'Semicolon' | 'Comma' | 'Tab', decimal: '.' | ','): string {
  const sep = separator === 'Semicolon' ? ';' : separator === 'Comma' ? ',' : '\t';
  const num = (x: string): string => (decimal === ',' ? x.replace('.', ',') : x);
  // Cells with the separator in them are quoted, as SimaPro does.
  const q = (cell: string): string =>
    cell.includes(sep) || (decimal === ',' && sep === ',') ? `"${cell}"` : cell;
  const row = (...cells: string[]): string => cells.map(q).join(sep);
  return (
    header(separator, decimal) +
    processBlock([
      ['Category type', ['material']],
      ['Process identifier', ['OPENCFP000001']],
      ['Type', ['Unit process']],
      // Unquoted although it holds the comma separator: a text section is read whole.
      ['Process name', ['Steel, at mill']],
      ['Date', ['24.11.2026']],
      ['Comment', [row('Hand-made; for tests')]],
      ['Products', [row('Steel', 'kg', '1', '100', 'not defined', 'Metals\\Steel', '')]],
      ['Materials/fuels', [row('Electricity, medium voltage', 'kWh', '2', 'Undefined', '0', '0', '0', '')]],
      [
        'Emissions to air',
        [row('Carbon dioxide, fossil', '', 'kg', num('0.5'), 'Lognormal', num('1.21'), '0', '0', '')],
      ],
    ]) +
    processBlock([
      ['Category type', ['energy']],
      ['Process identifier', ['OPENCFP000002']],
      ['Process name', ['Power plant']],
      ['Products', [row('Electricity, medium voltage', 'MJ', '10', '100', 'not defined', 'Energy', '')]],
      ['Resources', [row('Water, cooling', 'in water', 'm3', num('0.001'), 'Undefined', '0', '0', '0', '')]],
      ['Emissions to air', [row('Carbon dioxide, fossil', '', 'kg', '2', 'Undefined', '0', '0', '0', '')]],
    ])
  );
}

describe('readSimaProCsv: the olca-io samples', () => {
  before(() => {
    // Fail, not skip: these are the reference samples of the format.
    assert.ok(
      existsSync(join(samples, 'process.csv')),
      `SimaPro samples not found in ${samples}. Set OPENCFP_SHARED.`,
    );
  });

  test('process.csv: one process, its elementary flows, units from the file (windows-1252: µg)', async () => {
    const { data, issues } = await readSimaProCsv(join(samples, 'process.csv'));
    assert.deepEqual(errors(issues), []);
    assert.deepEqual(
      issues.filter((i) => i.severity === 'warning'),
      [],
    );
    assert.equal(data.name, 'process');
    assert.equal(data.processes.length, 1);
    const p = data.processes[0];
    assert.equal(p.name, 'Test');
    assert.equal(p.category, 'material/Others');
    assert.equal(p.lastChange, '2021-11-09');
    assert.equal(p.exchanges.length, 6);
    const ref = p.exchanges.find((e) => e.isReference) as Exchange;
    assert.equal(flowNamed(data, 'Test').id, ref.flowId);
    const co2 = flowNamed(data, 'Carbon dioxide');
    assert.equal(co2.type, 'elementary');
    assert.equal(co2.category, 'Emissions to air/low. pop.');
    assert.equal(co2.cas, '124-38-9');
    assert.equal(co2.formula, 'CO2');
    assert.equal(co2.nomenclature, 'unknown');
    assert.equal(flowNamed(data, 'Acetone').category, 'Emissions to water/groundwater, long-term');
    const water = p.exchanges.find((e) => e.flowId === flowNamed(data, 'Water, well, RE').id) as Exchange;
    assert.equal(water.isInput, true);
    assert.equal(water.amount, 0.01);
    assert.equal(water.unitId, unitCatalogue.lookup('m3')?.unitId);
    // The µg row of the Units block decoded from windows-1252 and mapped onto the catalogue's ug.
    const mass = data.unitGroups.find((g) => g.name === 'Units of mass');
    assert.equal(mass?.units.find((u) => u.id === unitCatalogue.lookup('ug')?.unitId)?.factor, 1e-9);
    // SimaPro's lb is 0.4535924 kg: the file's factor is kept.
    assert.equal(mass?.units.find((u) => u.name === 'lb av')?.factor, 0.4535924);
    const r = inventory(data, 'Test');
    close(r.amount('Carbon dioxide'), 0.001, 'CO2');
    close(r.amount('Water, well, RE'), -0.01, 'water');
  });

  test('method.csv: an impact method; normalisation and weighting are reported as not read', async () => {
    const { data, issues } = await readSimaProCsv(join(samples, 'method.csv'));
    assert.deepEqual(errors(issues), []);
    assert.deepEqual(
      issues.filter((i) => i.severity !== 'info'),
      [],
    );
    assert.ok(issues.some((i) => i.code === 'UNSUPPORTED_METHOD_PARTS' && /Normalization/.test(i.message)));
    assert.equal(data.processes.length, 0);
    assert.equal(data.impactMethods.length, 1);
    const m = data.impactMethods[0];
    assert.equal(m.name, 'EN 15804:2012');
    assert.deepEqual(
      m.categories.map((c) => [c.name, c.unit, c.factors.length]),
      [
        ['Global warming (GWP100a)', 'kg CO2 eq', 35],
        ['Photochemical oxidation', 'kg C2H4 eq', 14],
      ],
    );
    const methane = flowNamed(data, 'Methane');
    assert.equal(methane.category, 'Emissions to air/unspecified');
    assert.equal(m.categories[0].factors.find((f) => f.flowId === methane.id)?.value, 28);
    const soil = flowNamed(data, 'Carbon dioxide, to soil or biomass stock');
    assert.equal(soil.category, 'Emissions to soil/unspecified');
    assert.equal(m.categories[0].factors.find((f) => f.flowId === soil.id)?.value, -1);
  });
});

describe('readSimaProCsv: hand-made exports', () => {
  test('two linked processes: results by hand (kWh bought, MJ produced)', () => {
    const { data, issues } = readSimaProCsvText(linkedText('Semicolon', ','), 'linked.csv');
    assert.deepEqual(issues, []);
    assert.equal(data.processes.length, 2);
    const steel = processNamed(data, 'Steel, at mill');
    assert.equal(steel.category, 'material/Metals/Steel');
    assert.equal(steel.description, 'Hand-made; for tests');
    assert.equal(flowNamed(data, 'Steel').category, 'Metals/Steel');
    const electricity = flowNamed(data, 'Electricity, medium voltage');
    assert.equal(data.flows.filter((f) => f.name === 'Electricity, medium voltage').length, 1);
    assert.equal(steel.exchanges[1].flowId, electricity.id);
    assert.equal(steel.exchanges[1].unitId, unitCatalogue.lookup('kWh')?.unitId);
    assert.deepEqual(steel.exchanges[2].uncertainty, {
      type: 'lognormal',
      geometricMean: 0.5,
      geometricSd: 1.1,
    });
    // 2 kWh = 7.2 MJ of a plant that makes 10 MJ with 2 kg CO2 and 0.001 m3 water.
    const r = inventory(data, 'Steel, at mill');
    close(r.amount('Carbon dioxide, fossil'), 0.5 + 0.72 * 2, 'CO2');
    close(r.amount('Water, cooling'), -0.72 * 0.001, 'water');
    assert.deepEqual(r.result.cutoff, []);
  });

  test('semicolon + decimal comma, comma + decimal point, and tab give the same database', () => {
    const a = readSimaProCsvText(linkedText('Semicolon', ','), 'x.csv');
    const b = readSimaProCsvText(linkedText('Comma', '.'), 'x.csv');
    const c = readSimaProCsvText(linkedText('Tab', '.'), 'x.csv');
    assert.deepEqual(a.issues, []);
    assert.deepEqual(b.issues, []);
    assert.deepEqual(c.issues, []);
    assert.deepEqual(b.data, a.data);
    assert.deepEqual(c.data, a.data);
  });

  test('the separators are taken from the header, not assumed', () => {
    // A comma file with decimal points: read as semicolons, '0.5' would be part of one long cell.
    const text = linkedText('Comma', '.');
    const { data } = readSimaProCsvText(text, 'x.csv');
    assert.equal(processNamed(data, 'Steel, at mill').exchanges[2].amount, 0.5);
    // Without the declaration, the separator is guessed and that is reported.
    const guessed = readSimaProCsvText(text.replace('{CSV separator: Comma}\n', ''), 'x.csv');
    assert.ok(guessed.issues.some((i) => i.code === 'MISSING_HEADER_FIELD' && /','/.test(i.message)));
    assert.deepEqual(guessed.data, data);
  });

  test('formulas over database and process parameters, decimal commas translated', () => {
    const text =
      header('Semicolon', ',') +
      processBlock([
        ['Process identifier', ['BREAD']],
        ['Products', ['Bread;kg;1;100;not defined;Food;']],
        [
          'Materials/fuels',
          [
            'Flour;kg;flour;Undefined;0;0;0;', // A formula with ';' between arguments is quoted in a semicolon file.
            'Water, tap;kg;"IF(loss>0,1;0,5;0,25)";Undefined;0;0;0;',
          ],
        ],
        ['Input parameters', ['flour_per_kg;0,7;Normal;0,1;0;0;No;flour per kg of dough']],
        ['Calculated parameters', ['flour;flour_per_kg / yield;flour per kg of bread']],
      ]) +
      processBlock([
        ['Process identifier', ['FLOUR']],
        ['Products', ['Flour;kg;1;100;not defined;Food;']],
        ['Emissions to air', ['Carbon dioxide;;kg;0,4;Undefined;0;0;0;']],
      ]) +
      processBlock([
        ['Process identifier', ['TAP']],
        ['Products', ['Water, tap;kg;1;100;not defined;Food;']],
        ['Emissions to air', ['Carbon dioxide;;kg;0,001;Undefined;0;0;0;']],
      ]) +
      // Parameter blocks follow the processes in SimaPro exports.
      'Database Input parameters\nyield;0,8;Uniform;0;0,7;0,9;No;plant yield\n\nEnd\n\n' +
      'Database Calculated parameters\nloss;1 - yield;losses\n\nEnd\n';
    const { data, issues } = readSimaProCsvText(text, 'bread.csv');
    assert.deepEqual(issues, []);
    assert.deepEqual(data.parameters, [
      {
        name: 'yield',
        value: 0.8,
        isInput: true,
        scope: 'global',
        description: 'plant yield',
        uncertainty: { type: 'uniform', min: 0.7, max: 0.9 },
      },
      {
        name: 'loss',
        value: 1 - 0.8,
        formula: '1 - yield',
        isInput: false,
        scope: 'global',
        description: 'losses',
      },
    ]);
    const bread = processNamed(data, 'Bread');
    assert.deepEqual(bread.parameters, [
      {
        name: 'flour_per_kg',
        value: 0.7,
        isInput: true,
        scope: 'process',
        description: 'flour per kg of dough',
        uncertainty: { type: 'normal', mean: 0.7, sd: 0.05 },
      },
      {
        name: 'flour',
        value: 0.7 / 0.8,
        formula: 'flour_per_kg / yield',
        isInput: false,
        scope: 'process',
        description: 'flour per kg of bread',
      },
    ]);
    const [, flour, water] = bread.exchanges;
    assert.equal(flour.formula, 'flour');
    assert.equal(flour.amount, 0.7 / 0.8);
    assert.equal(water.formula, 'IF(loss>0.1;0.5;0.25)');
    assert.equal(water.amount, 0.5);
    close(inventory(data, 'Bread').amount('Carbon dioxide'), 0.875 * 0.4 + 0.5 * 0.001, 'CO2');
    // The formulas stay live: another yield changes the result.
    const other = inventory(data, 'Bread', { parameters: [{ name: 'yield', value: 0.95 }] });
    close(other.amount('Carbon dioxide'), (0.7 / 0.95) * 0.4 + 0.25 * 0.001, 'CO2 at yield 0.95');
  });

  test('a formula that cannot be evaluated is reported with its line; so is one with an unknown function', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['P']],
        ['Products', ['Widget;kg;1;100;not defined;Others;']],
        [
          'Materials/fuels',
          ['Steel;kg;2 * unknown_param;Undefined;0;0;0;', 'Glass;kg;frobnicate(2);Undefined;0;0;0;'],
        ],
      ]);
    const { data, issues } = readSimaProCsvText(text, 'f.csv');
    assert.deepEqual(
      issues.map((i) => [i.code, i.path, i.severity]),
      [
        ['INVALID_FORMULA', `line ${lineOf(text, 'Steel;kg;2 * unknown_param;Undefined;0;0;0;')}`, 'error'],
        ['INVALID_FORMULA', `line ${lineOf(text, 'Glass;kg;frobnicate(2);Undefined;0;0;0;')}`, 'error'],
      ],
    );
    assert.match(issues[0].message, /unknown_param/);
    assert.match(issues[1].message, /frobnicate/);
    assert.equal(data.processes[0].exchanges.length, 1);
  });

  test('an avoided product and a waste treatment: results by hand', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Category type', ['material']],
        ['Process identifier', ['P-BOTTLE']],
        ['Products', ['Bottle;p;1;100;not defined;Packaging;']],
        ['Avoided products', ['Heat, district;MJ;0.2;Undefined;0;0;0;']],
        ['Materials/fuels', ['Glass;kg;0.5;Undefined;0;0;0;']],
        ['Emissions to air', ['Carbon dioxide;;kg;0.1;Undefined;0;0;0;']],
        ['Waste to treatment', ['Glass waste;kg;0.05;Undefined;0;0;0;']],
      ]) +
      processBlock([
        ['Process identifier', ['P-GLASS']],
        ['Products', ['Glass;kg;1;100;not defined;Materials;']],
        ['Emissions to air', ['Carbon dioxide;;kg;0.8;Undefined;0;0;0;']],
      ]) +
      processBlock([
        ['Process identifier', ['P-HEAT']],
        ['Products', ['Heat, district;MJ;1;100;not defined;Energy;']],
        ['Emissions to air', ['Carbon dioxide;;kg;0.05;Undefined;0;0;0;']],
      ]) +
      processBlock([
        ['Category type', ['waste treatment']],
        ['Process identifier', ['P-LANDFILL']],
        ['Process name', ['Landfill of glass']],
        ['Waste treatment', ['Glass waste;kg;1;Glass;Waste treatment\\Landfill;']],
        [
          'Emissions to air',
          ['Methane;;kg;0.01;Undefined;0;0;0;', 'Carbon dioxide;;kg;0.02;Undefined;0;0;0;'],
        ],
      ]);
    const { data, issues } = readSimaProCsvText(text, 'bottle.csv');
    assert.deepEqual(issues, []);
    const bottle = processNamed(data, 'Bottle');
    const avoided = bottle.exchanges.find((e) => e.isAvoided) as Exchange;
    assert.equal(avoided.flowId, flowNamed(data, 'Heat, district').id);
    // Avoided products are inputs in the data model, as openLCA has them.
    assert.equal(avoided.isInput, true);
    const landfill = processNamed(data, 'Landfill of glass');
    assert.equal(landfill.category, 'waste treatment/Waste treatment/Landfill');
    const waste = flowNamed(data, 'Glass waste');
    assert.equal(waste.type, 'waste');
    assert.deepEqual(
      landfill.exchanges.filter((e) => e.isReference).map((e) => [e.flowId, e.isInput]),
      [[waste.id, true]],
    );
    const sent = bottle.exchanges.find((e) => e.flowId === waste.id) as Exchange;
    assert.equal(sent.isInput, false);
    const r = inventory(data, 'Bottle');
    close(r.amount('Carbon dioxide'), 0.1 + 0.5 * 0.8 - 0.2 * 0.05 + 0.05 * 0.02, 'CO2');
    close(r.amount('Methane'), 0.05 * 0.01, 'CH4');
    // The landfill on its own: one kg of glass waste treated.
    close(inventory(data, 'Landfill of glass').amount('Methane'), 0.01, 'landfill CH4');
  });

  test('co-products: allocation percentages become physical factors (a formula too)', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['DAIRY']],
        ['Products', ['Milk;kg;10;80;not defined;Food;', 'Cream;kg;2;100 - 80;not defined;Food;']],
        ['Emissions to air', ['Methane;;kg;1;Undefined;0;0;0;']],
      ]);
    const { data, issues } = readSimaProCsvText(text, 'dairy.csv');
    assert.deepEqual(issues, []);
    const p = data.processes[0];
    assert.equal(p.defaultAllocation, 'physical');
    assert.deepEqual(p.allocationFactors, [
      { method: 'physical', productId: flowNamed(data, 'Milk').id, value: 0.8 },
      { method: 'physical', productId: flowNamed(data, 'Cream').id, value: 0.2, formula: '(100 - 80) / 100' },
    ]);
    const calc = new Calculator(data);
    const milk = calc.calculate({ processId: p.id, productId: flowNamed(data, 'Milk').id });
    const cream = calc.calculate({ processId: p.id, productId: flowNamed(data, 'Cream').id });
    close(milk.inventory[0].amount, (1 * 0.8) / 10, 'milk');
    close(cream.inventory[0].amount, (1 * 0.2) / 2, 'cream');
  });

  test('uncertainty: Lognormal (SD²), Normal (2SD), Triangle, Uniform; a broken one is reported', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['U']],
        ['Products', ['Thing;kg;1;100;not defined;Others;']],
        [
          'Emissions to air',
          [
            'A;;kg;2;Lognormal;1.44;0;0;',
            'B;;kg;2;Normal;0.4;0;0;',
            'C;;kg;1;Triangle;0;0.5;2;',
            'D;;kg;1;Uniform;0;0.5;1.5;',
            'E;;kg;1;Undefined;0;0;0;',
            'F;;kg;3;Triangle;0;0.5;2;',
          ],
        ],
      ]);
    const { data, issues } = readSimaProCsvText(text, 'u.csv');
    assert.deepEqual(
      data.processes[0].exchanges.slice(1).map((e) => e.uncertainty),
      [
        { type: 'lognormal', geometricMean: 2, geometricSd: 1.2 },
        { type: 'normal', mean: 2, sd: 0.2 },
        { type: 'triangular', min: 0.5, mode: 1, max: 2 },
        { type: 'uniform', min: 0.5, max: 1.5 },
        undefined,
        undefined,
      ],
    );
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [['INVALID_UNCERTAINTY', `line ${lineOf(text, 'F;;kg;3;Triangle;0;0.5;2;')}`]],
    );
  });

  test('broken lines are reported with their line number and the rest is read', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['W']],
        ['Products', ['Widget;kg;1;100;not defined;Others;']],
        [
          'Materials/fuels',
          [
            'Steel;kg',
            'Steel;kg;abc;Undefined;0;0;0;',
            'Steel;kg;1,5;Undefined;0;0;0;',
            'Steel;kg;2;Undefined;0;0;0;',
          ],
        ],
        ['Emissions to air', ['Carbon dioxide;;kg;1;Undefined;0;0;0;']],
      ]) +
      processBlock([
        ['Process identifier', ['S']],
        ['Products', ['Steel;kg;1;100;not defined;Others;']],
        ['Emissions to air', ['Carbon dioxide;;kg;3;Undefined;0;0;0;']],
      ]);
    const { data, issues } = readSimaProCsvText(text, 'broken.csv');
    assert.deepEqual(
      issues.map((i) => [i.code, i.path, i.severity]),
      [
        ['TOO_FEW_COLUMNS', `line ${lineOf(text, 'Steel;kg')}`, 'error'],
        ['INVALID_FORMULA', `line ${lineOf(text, 'Steel;kg;abc;Undefined;0;0;0;')}`, 'error'],
        ['INVALID_NUMBER', `line ${lineOf(text, 'Steel;kg;1,5;Undefined;0;0;0;')}`, 'error'],
      ],
    );
    assert.match(issues[0].message, /2 column\(s\)/);
    assert.match(issues[1].message, /'abc'/);
    assert.equal(data.processes.length, 2);
    assert.equal(processNamed(data, 'Widget').exchanges.length, 3);
    close(inventory(data, 'Widget').amount('Carbon dioxide'), 1 + 2 * 3, 'CO2');
    assert.throws(
      () => readSimaProCsvText(text, 'broken.csv', { strict: true }),
      (e: unknown) =>
        e instanceof FormatError && e.code === 'TOO_FEW_COLUMNS' && /broken\.csv#line \d+/.test(e.message),
    );
  });

  test('a missing empty line between sections, a quoted comment over two lines, an unclosed quote', () => {
    const text =
      header('Semicolon', '.') +
      [
        'Process',
        '',
        'Process identifier',
        'Q',
        '',
        'Comment',
        '"First line;',
        'second ""line"""',
        '',
        'Products',
        'Thing;kg;1;100;not defined;Others;',
        'Emissions to air',
        'Carbon dioxide;;kg;1;Undefined;0;0;0;"unclosed comment',
        'Methane;;kg;2;Undefined;0;0;0;',
        '',
        'End',
        '',
      ].join('\n');
    const { data, issues } = readSimaProCsvText(text, 'q.csv');
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [
        ['MISSING_EMPTY_LINE', `line ${lineOf(text, 'Emissions to air')}`],
        [
          'UNTERMINATED_QUOTE',
          `line ${lineOf(text, 'Carbon dioxide;;kg;1;Undefined;0;0;0;"unclosed comment')}`,
        ],
      ],
    );
    const p = data.processes[0];
    assert.equal(p.description, 'First line;\nsecond "line"');
    assert.deepEqual(
      p.exchanges.map((e) => [data.flows.find((f) => f.id === e.flowId)?.name, e.amount, e.description]),
      [
        ['Thing', 1, undefined],
        ['Carbon dioxide', 1, 'unclosed comment'],
        ['Methane', 2, undefined],
      ],
    );
  });

  test("units: the file's Units block, the catalogue without one, and a unit found nowhere", () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['UNITS']],
        ['Products', ['Score;Pt;1;100;not defined;Others;']],
        ['Materials/fuels', ['Coal;ton;2;Undefined;0;0;0;', 'Gizmo;zorkmid;3;Undefined;0;0;0;']],
      ]) +
      'Quantities\nMass;Yes\nIndicator;No\n\nEnd\n\n' +
      'Units\nkg;Mass;1;kg\nton;Mass;1000;kg\nPt;Indicator;1;Pt\nmPt;Indicator;0.001;Pt\n\nEnd\n';
    const { data, issues } = readSimaProCsvText(text, 'units.csv');
    assert.deepEqual(
      issues.map((i) => [i.code, i.path]),
      [['UNKNOWN_UNIT', `line ${lineOf(text, 'Gizmo;zorkmid;3;Undefined;0;0;0;')}`]],
    );
    const [score, coal, gizmo] = data.processes[0].exchanges;
    const mass = unitCatalogue.lookup('t');
    assert.equal(coal.unitId, mass?.unitId);
    assert.equal(coal.flowPropertyId, mass?.flowPropertyId);
    const indicator = data.unitGroups.find((g) => g.name === 'Units of Indicator');
    assert.ok(indicator);
    assert.deepEqual(
      indicator.units.map((u) => [u.name, u.factor]),
      [
        ['Pt', 1],
        ['mPt', 0.001],
      ],
    );
    assert.equal(score.unitId, indicator.referenceUnitId);
    assert.equal(data.flowProperties.find((p) => p.unitGroupId === indicator.id)?.name, 'Indicator');
    const zorkmid = data.unitGroups.find((g) => g.units.some((u) => u.id === gizmo.unitId));
    assert.equal(zorkmid?.name, 'Units of zorkmid');
    // Every exchange's unit is in its flow property's group, so everything converts.
    const calc = new Calculator(data);
    assert.deepEqual(
      calc.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  test('a method in the same file: (unspecified) factors apply to the other sub-compartments', () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['EMIT']],
        ['Products', ['Thing;kg;1;100;not defined;Others;']],
        [
          'Emissions to air',
          ['Carbon dioxide;high. pop.;kg;1;Undefined;0;0;0;', 'Methane;;g;100;Undefined;0;0;0;'],
        ],
      ]) +
      [
        'Method',
        '',
        'Name',
        'GWP test',
        '',
        'Impact category',
        'Climate change;kg CO2 eq',
        '',
        'Substances',
        'Air;(unspecified);Carbon dioxide;000124-38-9;1;kg',
        'Air;(unspecified);Methane;000074-82-8;28;kg',
        'Air;high. pop.;Methane;000074-82-8;30;kg',
        '',
        'Damage category',
        'Health;DALY',
        '',
        'End',
        '',
      ].join('\n');
    const { data, issues } = readSimaProCsvText(text, 'method.csv');
    assert.deepEqual(
      issues.map((i) => i.code),
      ['UNSUPPORTED_METHOD_PARTS', 'UNSPECIFIED_FACTORS_APPLIED'],
    );
    const method = data.impactMethods[0];
    assert.equal(method.categories[0].factors.length, 4);
    assert.equal(flowNamed(data, 'Methane').cas, '74-82-8');
    const calc = new Calculator(data, { impactMethod: method.id });
    const r = calc.calculate({ processId: data.processes[0].id });
    // CO2 in 'high. pop.' takes the (unspecified) factor 1; 100 g methane (unspecified) takes 28.
    close(r.impacts?.[0].amount ?? NaN, 1 * 1 + 0.1 * 28, 'GWP');
  });
});

describe('readSimaProCsv: files, encodings and what is not SimaPro CSV', () => {
  const latin = (): string =>
    header('Semicolon', ',') +
    processBlock([
      ['Process identifier', ['CREME']],
      ['Products', ['Crème brûlée;kg;1;100;not defined;Desserts;']],
      ['Emissions to air', ['Dioxins;;µg;2,5;Undefined;0;0;0;']],
    ]);

  test("windows-1252 (SimaPro's default), UTF-8 with and without BOM all read the same", async () => {
    const text = latin();
    const cp1252 = await readSimaProCsv(await tempFile(iconv.encode(text, 'windows-1252')), { name: 'x' });
    const utf8 = await readSimaProCsv(await tempFile(Buffer.from(text, 'utf8')), { name: 'x' });
    const bom = await readSimaProCsv(
      await tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
      {
        name: 'x',
      },
    );
    assert.deepEqual(
      cp1252.issues.filter((i) => i.severity !== 'info'),
      [],
    );
    assert.equal(cp1252.data.processes[0].name, 'Crème brûlée');
    const e = cp1252.data.processes[0].exchanges[1];
    assert.equal(e.unitId, unitCatalogue.lookup('ug')?.unitId);
    assert.equal(e.amount, 2.5);
    assert.deepEqual(utf8.data, cp1252.data);
    assert.deepEqual(bom.data, cp1252.data);
    assert.deepEqual(readSimaProCsvText(text, 'x.csv').data, cp1252.data);
  });

  test('GBK from a Chinese installation, with options.encoding', async () => {
    const text =
      header('Semicolon', '.') +
      processBlock([
        ['Process identifier', ['CN-STEEL']],
        ['Products', ['钢材;kg;1;100;not defined;金属;']],
        ['Emissions to air', ['二氧化碳;;kg;1.8;Undefined;0;0;0;']],
      ]);
    const path = await tempFile(iconv.encode(text, 'gbk'));
    const { data, issues } = await readSimaProCsv(path, { encoding: 'gbk' });
    assert.deepEqual(issues, []);
    assert.equal(data.processes[0].name, '钢材');
    assert.equal(flowNamed(data, '二氧化碳').category, 'Emissions to air/unspecified');
    await assert.rejects(
      readSimaProCsv(path, { encoding: 'klingon' }),
      (e: unknown) => e instanceof FormatError && e.code === 'UNKNOWN_ENCODING',
    );
  });

  test('a file bigger than one read chunk, with CRLF line ends, streams to the same result as the text', async () => {
    let text = header('Semicolon', '.');
    for (let i = 0; i < 4000; i++) {
      text += processBlock([
        ['Process identifier', [`P${i}`]],
        ['Comment', ['x'.repeat(600)]],
        ['Products', [`Product ${i};kg;1;100;not defined;Others;`]],
        ['Materials/fuels', [`Product ${(i + 1) % 4000};kg;0.5;Undefined;0;0;0;`]],
        ['Emissions to air', ['Carbon dioxide;;kg;1;Undefined;0;0;0;']],
      ]);
    }
    const crlf = text.replace(/\n/g, '\r\n');
    assert.ok(crlf.length > 2 * 1024 * 1024);
    const path = await tempFile(crlf);
    const streamed = await readSimaProCsv(path, { name: 'big' });
    const direct = readSimaProCsvText(text, path, { name: 'big' });
    assert.deepEqual(streamed.issues, []);
    assert.equal(streamed.data.processes.length, 4000);
    assert.deepEqual(streamed.data, direct.data);
    // A ring of 4000 processes each needing half a unit of the next: 1 / (1 − 0.5⁴⁰⁰⁰) ≈ 2 kg CO2 per product.
    close(inventory(streamed.data, 'Product 0').amount('Carbon dioxide'), 2, 'ring CO2');
  });

  test('an empty file, blank lines only, binary garbage, a missing file', async () => {
    const code = (c: string) => (e: unknown) => e instanceof FormatError && e.code === c;
    await assert.rejects(readSimaProCsv(await tempFile('')), code('EMPTY_FILE'));
    await assert.rejects(readSimaProCsv(await tempFile('\n \r\n\t\n')), code('EMPTY_FILE'));
    assert.throws(() => readSimaProCsvText('', 'empty.csv'), code('EMPTY_FILE'));
    const garbage = Buffer.alloc(5000);
    let x = 12345;
    for (let i = 0; i < garbage.length; i++) garbage[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    garbage.write('PK\x03\x04', 0, 'latin1');
    await assert.rejects(readSimaProCsv(await tempFile(garbage)), (e: unknown) => {
      assert.ok(e instanceof FormatError);
      assert.equal(e.code, 'UNKNOWN_FORMAT');
      assert.match(e.message, /not a SimaPro CSV export/);
      return true;
    });
    assert.throws(() => readSimaProCsvText('name;unit\nsteel;kg\n', 'plain.csv'), code('UNKNOWN_FORMAT'));
    await assert.rejects(readSimaProCsv(join(dir, 'nope.csv')), code('NOT_FOUND'));
  });

  test('damaged copies of the sample never crash: each reads, or fails with a FormatError', async () => {
    const original =
      iconv.decode(await readFile(join(samples, 'process.csv')), 'windows-1252') +
      linkedText('Semicolon', ',');
    let x = 42;
    const random = (n: number): number => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) % n;
    const pieces = [';', '"', '\n', '\r\n', 'End', '\nProcess\n', ',', '1,5', 'x', '\x00', '{', '\t'];
    for (let round = 0; round < 300; round++) {
      let text = original;
      for (let k = 0; k < 1 + random(8); k++) {
        const at = random(text.length);
        const op = random(3);
        if (op === 0) text = text.slice(0, at) + text.slice(at + 1 + random(40));
        else if (op === 1) text = text.slice(0, at) + pieces[random(pieces.length)] + text.slice(at);
        else
          text = text.slice(0, at) + text.slice(random(text.length)).slice(0, random(200)) + text.slice(at);
      }
      try {
        const { data } = readSimaProCsvText(text, 'damaged.csv');
        // Whatever was read is consistent enough to build the matrices.
        new Calculator(data);
      } catch (err) {
        assert.ok(err instanceof FormatError, `round ${round}: ${String(err)}`);
      }
    }
  });

  test('a header and nothing else is an empty database, said so', () => {
    const { data, issues } = readSimaProCsvText(header('Semicolon', '.'), 'h.csv');
    assert.deepEqual(
      issues.map((i) => i.code),
      ['NO_DATA'],
    );
    assert.equal(data.processes.length + data.flows.length, 0);
  });
});
