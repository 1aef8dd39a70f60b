import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ALLOCATION_OPTIONS,
  Calculator,
  DatabaseBuilder,
  type AllocationOption,
  type Database,
} from '@opencfp/core';
import { FormatError } from './errors.js';
import { formatPerc, ilcdUuid, OCFP_NS, OLCA_NS } from './ilcd-format.js';
import { escapeAttribute, escapeText } from './ilcd-xml-writer.js';
import { readIlcd, readIlcdEntries } from './read-ilcd.js';
import { writeIlcd, writeIlcdEntries } from './write-ilcd.js';
import { parseXml } from './xml/parse-xml.js';
import { attr, child, children, path, textOf, type XmlElement } from './xml/xml-element.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-ilcd-write-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function roundTrip(db: Database): Promise<Database> {
  const { data, issues } = await readIlcdEntries(writeIlcdEntries(db), { name: db.name });
  assert.deepEqual(issues, []);
  return data;
}

/** Every process-product of both databases calculates to bit-identical inventories (and impacts). */
function assertSameResults(a: Database, b: Database, options: { impactMethod?: string } = {}): void {
  for (const allocation of ALLOCATION_OPTIONS as readonly AllocationOption[]) {
    const ca = new Calculator(a, { allocation, ...options });
    const cb = new Calculator(b, { allocation, ...options });
    const demands = ca.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId }));
    assert.deepEqual(
      cb.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId })),
      demands,
      allocation,
    );
    const ra = ca.calculateAll(demands);
    const rb = cb.calculateAll(demands);
    ra.forEach((r, i) => {
      const where = `${allocation}: ${r.demand.processName}`;
      assert.deepEqual(
        rb[i].inventory.map((e) => [e.flowId, e.amount]),
        r.inventory.map((e) => [e.flowId, e.amount]),
        where,
      );
      assert.deepEqual(rb[i].impacts, r.impacts, where);
    });
    assert.deepEqual(
      cb.diagnostics.map((d) => d.code),
      ca.diagnostics.map((d) => d.code),
      allocation,
    );
  }
}

/** Elementary flows get a guessed nomenclature when read; the builder sets none. */
function withoutNomenclature(db: Database): Database {
  const copy = structuredClone(db);
  for (const f of copy.flows) delete f.nomenclature;
  return copy;
}

/** A multi-output process with physical, economic and causal factors (by exchange and by flow). */
function allocationDb(): Database {
  return new DatabaseBuilder('allocation')
    .product('steel')
    .product('slag')
    .product('electricity', { property: 'energy' })
    .elementary('co2')
    .elementary('ore', { category: 'Elementary flows/Resources/in ground' })
    .process('p-power')
    .output('electricity', 10)
    .output('co2', 2)
    .end()
    .process('p-steel', { defaultAllocation: 'economic' })
    .output('steel', 1, { reference: true })
    .output('slag', 0.5)
    .input('electricity', 2, { unit: 'kWh' })
    .output('co2', 0.7)
    .input('ore', 1.5)
    .allocation('physical', 'steel', 0.8)
    .allocation('physical', 'slag', 0.2)
    .allocation('economic', 'steel', 0.95)
    .allocation('economic', 'slag', 0.05)
    .allocation('causal', 'steel', 0.6, { exchange: 4 })
    .allocation('causal', 'slag', 0.4, { exchange: 4 })
    .allocation('causal', 'steel', 1 / 3, { flow: 'electricity' })
    .allocation('causal', 'slag', 2 / 3, { flow: 'electricity' })
    .allocation('causal', 'steel', 0.7, { exchange: 5 })
    .allocation('causal', 'slag', 0.3, { exchange: 5, formula: '1 - 0.7' })
    .end()
    .build();
}

/**
 * Waste treatment with an avoided product, formulas with process and global parameters, default providers,
 * locations, uncertainty, an impact method, sources and contacts.
 */
function richDb(): Database {
  const db = new DatabaseBuilder('rich')
    .product('widget', { name: 'Widget <"special"> & co' })
    .product('electricity', { property: 'energy', category: 'Energy/Electricity' })
    .waste('household waste', { category: 'Waste' })
    .elementary('co2', { name: 'Carbon dioxide', category: 'Elementary flows/Emissions/Emissions to air' })
    .elementary('water', {
      name: 'Water',
      category: 'Elementary flows/Resources/Resources from water',
      property: 'volume',
      factors: [{ property: 'mass', factor: 1000 }],
    })
    .location('DE', 'Germany')
    .location('FR', 'France')
    .global('eff', 0.9)
    .global('loss', 0.1, '1 - eff')
    .process('p-power-de', { location: 'DE' })
    .output('electricity', 1)
    .output('co2', 0.4)
    .input('water', 2, { unit: 'l', property: 'volume' })
    .end()
    .process('p-power-fr', { location: 'FR', tags: ['stage:energy'] })
    .output('electricity', 1)
    .output('co2', 0.1)
    .end()
    .process('p-incinerate', { location: 'DE' })
    .input('household waste', 1, { reference: true })
    .output('electricity', 0.5, { avoided: true, unit: 'kWh' })
    .output('co2', 0.09, { formula: 'w_c * 3' })
    .param('w_c', 0.03)
    .end()
    .process('p-widget', { location: 'FR', name: 'Widget production, mix' })
    .output('widget', 1, { reference: true })
    .output('household waste', 0.2, { unit: 'g' })
    .input('electricity', 0.5, { formula: 'demand * loss', location: 'DE' })
    .input('electricity', 4, { provider: 'p-power-fr' })
    .param('demand', 5)
    .end()
    .method('gwp', [
      { id: 'gwp100', name: 'Climate change', unit: 'kg CO2 eq', factors: [['co2', 0.001, 'g', 'mass']] },
      { id: 'water-use', name: 'Water use', unit: 'm3', factors: [['water', 1]] },
    ])
    .build();
  const widget = db.processes.find((p) => p.id === 'p-widget');
  assert.ok(widget);
  widget.description = 'Makes widgets.\nSecond line with trailing spaces  ';
  widget.category = 'Manufacturing/ Widgets ';
  widget.version = '02.00.001';
  widget.lastChange = '2024-05-01T10:00:00Z';
  const [, waste, electricity, electricity2] = widget.exchanges;
  waste.description = 'x'.repeat(600);
  waste.uncertainty = { type: 'lognormal', geometricMean: 0.2, geometricSd: 1.2345678 };
  electricity.uncertainty = { type: 'triangular', min: 0.4, mode: 0.5, max: 0.7 };
  electricity2.uncertainty = { type: 'normal', mean: 4, sd: 0.123456 };
  electricity2.dqEntry = '(1;2;3;4;5)';
  widget.parameters[0].uncertainty = { type: 'uniform', min: 4, max: 6 };
  widget.parameters[0].description = 'Electricity demand [MJ]';
  db.sources.push({
    id: 'src-1',
    name: 'A report',
    year: 2021,
    url: 'https://example.org/r',
    citation: 'Doe 2021',
  });
  db.actors.push({ id: '0a0f6a30-8f5e-4c43-bb7c-0c1d4d0f0001', name: 'ACME Ltd.' });
  db.flows.find((f) => f.id === 'co2')!.cas = '124-38-9';
  db.flows.find((f) => f.id === 'co2')!.formula = 'CO2';
  db.flows.find((f) => f.id === 'electricity')!.locationId = 'FR';
  db.unitGroups[0].units[1].synonyms = ['gram', 'gr'];
  return db;
}

describe('writeIlcdEntries + readIlcdEntries round trip', () => {
  test('allocation: physical, economic, causal by exchange and by flow, default method', async () => {
    const db = allocationDb();
    const back = await roundTrip(db);
    assert.deepEqual(withoutNomenclature(back), db);
    assertSameResults(db, back);
  });

  test('waste treatment, avoided product, formulas with global parameters, providers, locations, impacts', async () => {
    const db = richDb();
    const back = await roundTrip(db);
    // Global parameters travel inside the processes that use them (as openLCA exports them).
    assert.deepEqual(back.parameters, db.parameters);
    assert.deepEqual(withoutNomenclature(back), db);
    assert.equal(back.flows.find((f) => f.id === 'co2')?.nomenclature, 'ilcd-ef');
    assertSameResults(db, back, { impactMethod: 'gwp' });
    // Sanity of the calculation itself: one widget uses 0.5 MJ (formula) + 4 MJ (provider FR).
    const r = new Calculator(back, { impactMethod: 'gwp' }).calculate({ processId: 'p-widget' });
    assert.ok(r.impacts?.some((i) => i.indicatorId === 'gwp100' && i.amount > 0));
  });

  test('a database with UUID ids keeps them as common:UUID, without extension ids', () => {
    const db = new DatabaseBuilder('uuids').product('aaaaaaaa-0000-4000-8000-000000000001').build();
    const [entry] = [...writeIlcdEntries(db)].filter((e) => e.name.includes('/flows/'));
    assert.equal(entry.name, 'ILCD/flows/aaaaaaaa-0000-4000-8000-000000000001.xml');
    assert.doesNotMatch(String(entry.data), /ocfp:datasetId/);
  });
});

describe('ILCD XML as written', () => {
  const db = allocationDb();
  const entries = new Map([...writeIlcdEntries(db)].map((e) => [e.name, String(e.data)]));
  const xml = (kind: Parameters<typeof ilcdUuid>[0], folder: string, id: string): XmlElement => {
    const text = entries.get(`ILCD/${folder}/${ilcdUuid(kind, id)}.xml`);
    assert.ok(text, `${folder}/${id}`);
    return parseXml(text, id);
  };

  test('lays the package out like openLCA: ILCD/<folder>/<uuid>.xml', () => {
    const folders = new Set([...entries.keys()].map((n) => n.split('/').slice(0, 2).join('/')));
    assert.deepEqual([...folders].sort(), [
      'ILCD/flowproperties',
      'ILCD/flows',
      'ILCD/processes',
      'ILCD/unitgroups',
    ]);
  });

  test('process: namespaces, UUID with the original id, exchange amounts in the reference unit', () => {
    const p = xml('processDataSet', 'processes', 'p-steel');
    assert.equal(p.namespace, 'http://lca.jrc.it/ILCD/Process');
    assert.equal(attr(p, 'version'), '1.1');
    const info = path(p, 'processInformation', 'dataSetInformation');
    assert.equal(child(info, 'UUID')?.namespace, 'http://lca.jrc.it/ILCD/Common');
    assert.equal(textOf(info, 'UUID'), ilcdUuid('processDataSet', 'p-steel'));
    assert.equal(attr(info, 'datasetId'), 'p-steel');
    assert.equal(textOf(p, 'processInformation', 'quantitativeReference', 'referenceToReferenceFlow'), '1');
    assert.equal(
      textOf(p, 'modellingAndValidation', 'LCIMethodAndAllocation', 'LCIMethodApproaches'),
      'Allocation - market value',
    );
    const exchanges = children(child(p, 'exchanges'), 'exchange');
    const electricity = exchanges[2];
    assert.equal(attr(electricity, 'dataSetInternalID'), '3');
    assert.equal(textOf(electricity, 'exchangeDirection'), 'Input');
    // 2 kWh = 7.2 MJ; the original amount and unit are in openLCA's extension.
    assert.equal(textOf(electricity, 'meanAmount'), '7.2');
    assert.equal(textOf(electricity, 'resultingAmount'), '7.2');
    assert.equal(attr(electricity, 'amount'), '2');
    assert.equal(attr(electricity, 'unitId'), 'kWh');
    assert.equal(attr(electricity, 'propertyId'), ilcdUuid('flowPropertyDataSet', 'energy'));
    assert.equal(
      attr(child(electricity, 'referenceToFlowDataSet'), 'refObjectId'),
      ilcdUuid('flowDataSet', 'electricity'),
    );
  });

  test('allocation: percentages as openLCA writes them, exact factors in ocfp:allocation', () => {
    const p = xml('processDataSet', 'processes', 'p-steel');
    const fractions = (e: XmlElement): string[] =>
      children(child(e, 'allocations'), 'allocation').map(
        (a) => `${attr(a, 'internalReferenceToCoProduct')}:${attr(a, 'allocatedFraction')}`,
      );
    const [steel, slag, electricity, co2, ore] = children(child(p, 'exchanges'), 'exchange');
    // The default method (economic) goes onto the co-products themselves, causal factors onto their exchanges.
    assert.deepEqual(fractions(steel), ['1:95']);
    assert.deepEqual(fractions(slag), ['2:5']);
    assert.deepEqual(fractions(electricity), ['1:33.333', '2:66.667']);
    assert.deepEqual(fractions(co2), ['1:60', '2:40']);
    assert.deepEqual(fractions(ore), ['1:70', '2:30']);
    const other = path(p, 'modellingAndValidation', 'LCIMethodAndAllocation', 'other');
    const block = child(other, 'allocation');
    assert.equal(block?.namespace, OCFP_NS);
    assert.equal(attr(block, 'defaultMethod'), 'economic');
    const factors = children(block, 'factor');
    assert.equal(factors.length, 10);
    assert.deepEqual(factors[6].attributes, {
      method: 'causal',
      product: ilcdUuid('flowDataSet', 'steel'),
      value: String(1 / 3),
      exchangeFlow: ilcdUuid('flowDataSet', 'electricity'),
    });
  });

  test('unit group: reference unit 0, factors, openLCA unit ids', () => {
    const g = xml('unitGroupDataSet', 'unitgroups', 'ug-energy');
    assert.equal(textOf(g, 'unitGroupInformation', 'quantitativeReference', 'referenceToReferenceUnit'), '0');
    const units = children(child(g, 'units'), 'unit').map((u) => [
      attr(u, 'dataSetInternalID'),
      textOf(u, 'name'),
      textOf(u, 'meanValue'),
      attr(u, 'unitId'),
    ]);
    assert.deepEqual(units, [
      ['0', 'MJ', '1', 'MJ'],
      ['1', 'kWh', '3.6', 'kWh'],
    ]);
  });

  test('flow: type, compartments of elementary flows, reference flow property', () => {
    const f = xml('flowDataSet', 'flows', 'ore');
    assert.equal(textOf(f, 'modellingAndValidation', 'LCIMethod', 'typeOfDataSet'), 'Elementary flow');
    const categories = children(
      path(
        f,
        'flowInformation',
        'dataSetInformation',
        'classificationInformation',
        'elementaryFlowCategorization',
      ),
      'category',
    ).map((c) => [attr(c, 'level'), c.text]);
    assert.deepEqual(categories, [
      ['0', 'Elementary flows'],
      ['1', 'Resources'],
      ['2', 'in ground'],
    ]);
    const fp = children(child(f, 'flowProperties'), 'flowProperty');
    assert.equal(attr(fp[0], 'dataSetInternalID'), '0');
    assert.equal(textOf(fp[0], 'meanValue'), '1');
  });

  test('formulas become openLCA helper parameters; meanAmount × variable = resultingAmount', () => {
    const rich = richDb();
    const text = [...writeIlcdEntries(rich)].find(
      (e) => e.name === `ILCD/processes/${ilcdUuid('processDataSet', 'p-widget')}.xml`,
    )?.data;
    assert.ok(typeof text === 'string');
    const p = parseXml(text, 'p-widget');
    const params = children(path(p, 'processInformation', 'mathematicalRelations'), 'variableParameter');
    assert.deepEqual(
      params.map((x) => [attr(x, 'name'), attr(x, 'scope'), textOf(x, 'formula'), textOf(x, 'meanValue')]),
      [
        ['demand', 'process', undefined, '5'],
        ['eff', 'global', undefined, '0.9'],
        ['loss', 'global', '1 - eff', '0.1'],
        ['temp_olca_param0', undefined, 'demand * loss', '0.5'],
      ],
    );
    const electricity = children(child(p, 'exchanges'), 'exchange')[2];
    assert.equal(textOf(electricity, 'referenceToVariable'), 'temp_olca_param0');
    assert.equal(textOf(electricity, 'meanAmount'), '1');
    assert.equal(attr(electricity, 'formula'), 'demand * loss');
    assert.equal(textOf(electricity, 'location'), 'DE');
    assert.equal(textOf(electricity, 'uncertaintyDistributionType'), 'triangular');
    assert.equal(attr(electricity, 'mostLikelyValue'), '0.5');
    const waste = children(child(p, 'exchanges'), 'exchange')[1];
    assert.equal(textOf(waste, 'resultingAmount'), String(0.2 * 0.001));
    assert.equal(textOf(waste, 'relativeStandardDeviation95In'), '1.235');
    assert.equal(attr(waste, 'geomSd'), '1.2345678');
    assert.equal(textOf(waste, 'generalComment')?.length, 500);
    assert.equal(path(waste, 'other', 'description')?.text.length, 600);
    const incinerate = parseXml(
      String(
        [...writeIlcdEntries(rich)].find(
          (e) => e.name === `ILCD/processes/${ilcdUuid('processDataSet', 'p-incinerate')}.xml`,
        )?.data,
      ),
      'p-incinerate',
    );
    const avoided = children(child(incinerate, 'exchanges'), 'exchange')[1];
    // openLCA writes an avoided output as an input, flagged in its extension.
    assert.equal(textOf(avoided, 'exchangeDirection'), 'Input');
    assert.equal(attr(avoided, 'avoidedProduct'), 'true');
    assert.equal(child(avoided, 'referenceToFlowDataSet')?.namespace, 'http://lca.jrc.it/ILCD/Process');
    assert.ok(text.includes(`xmlns:olca="${OLCA_NS}"`));
  });

  test('LCIA: one data set per indicator, methodology names, factors per reference unit', () => {
    const rich = richDb();
    const text = [...writeIlcdEntries(rich)].find(
      (e) => e.name === `ILCD/lciamethods/${ilcdUuid('LCIAMethodDataSet', 'gwp100')}.xml`,
    )?.data;
    assert.ok(typeof text === 'string');
    const m = parseXml(text, 'gwp100');
    assert.equal(m.name, 'LCIAMethodDataSet');
    const info = path(m, 'LCIAMethodInformation', 'dataSetInformation');
    assert.equal(textOf(info, 'methodology'), 'gwp');
    assert.equal(
      textOf(m, 'LCIAMethodInformation', 'quantitativeReference', 'referenceQuantity', 'shortDescription'),
      'kg CO2 eq',
    );
    const [factor] = children(child(m, 'characterisationFactors'), 'factor');
    assert.equal(textOf(factor, 'exchangeDirection'), 'Output');
    // 0.001 per g = 1 per kg.
    assert.equal(textOf(factor, 'meanValue'), '1');
    assert.equal(attr(factor, 'value'), '0.001');
    const water = parseXml(
      String(
        [...writeIlcdEntries(rich)].find(
          (e) => e.name === `ILCD/lciamethods/${ilcdUuid('LCIAMethodDataSet', 'water-use')}.xml`,
        )?.data,
      ),
      'water-use',
    );
    assert.equal(
      textOf(children(child(water, 'characterisationFactors'), 'factor')[0], 'exchangeDirection'),
      'Input',
    );
  });
});

describe('writeIlcd', () => {
  test('streams a deflated zip that readIlcd reads back to the same results', async () => {
    const db = richDb();
    const target = join(dir, 'rich.zip');
    await writeIlcd(db, target);
    const { data, issues } = await readIlcd(target);
    assert.deepEqual(issues, []);
    assert.equal(data.name, 'rich');
    assertSameResults(db, data, { impactMethod: 'gwp' });
    // Only the zip is left: the temporary file was renamed.
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.includes('.tmp')),
      [],
    );
  });

  test('refuses values ILCD cannot hold, and duplicate ids, leaving no file', async () => {
    const db = allocationDb();
    db.processes[0].exchanges[0].amount = Number.NaN;
    const target = join(dir, 'nan.zip');
    await assert.rejects(
      writeIlcd(db, target),
      (e: unknown) => e instanceof FormatError && e.code === 'INVALID_NUMBER',
    );
    assert.deepEqual(
      (await readdir(dir)).filter((n) => n.startsWith('nan') || n.includes('.tmp')),
      [],
    );
    const dup = allocationDb();
    dup.flows.push({ ...dup.flows[0] });
    assert.throws(
      () => [...writeIlcdEntries(dup)],
      (e: unknown) => e instanceof FormatError && e.code === 'DUPLICATE_ID',
    );
  });

  test('a target in a folder that does not exist is a WRITE_FAILED error', async () => {
    await assert.rejects(
      writeIlcd(allocationDb(), join(dir, 'missing', 'x.zip')),
      (e: unknown) => e instanceof FormatError && e.code === 'WRITE_FAILED',
    );
  });
});

describe('formatting helpers', () => {
  test('formatPerc rounds to what the Perc type allows (5 digits, 3 decimals)', () => {
    assert.equal(formatPerc(33.333333333), '33.333');
    assert.equal(formatPerc(100), '100');
    assert.equal(formatPerc(123.456), '123.46');
    assert.equal(formatPerc(0.0001), '0');
    assert.equal(formatPerc(-12.5), '-12.5');
    assert.equal(formatPerc(1.2345678), '1.235');
  });

  test('escaping keeps markup, quotes, line breaks and drops characters XML cannot hold', () => {
    assert.equal(escapeText('a<b & c>\r'), 'a&lt;b &amp; c&gt;&#13;');
    assert.equal(escapeAttribute('"x"\n\ty'), '&quot;x&quot;&#10;&#9;y');
    assert.equal(escapeText('bell\u0007'), 'bell');
    const doc = parseXml(`<a b="${escapeAttribute('1\n"2"\t3')}">${escapeText(' <x> & y\r\n')}</a>`, 't');
    assert.equal(doc.attributes.b, '1\n"2"\t3');
    assert.equal(doc.text, ' <x> & y\r\n');
  });
});
