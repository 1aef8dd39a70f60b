import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UNIT_GROUPS, UnitCatalogue, unitCatalogue } from './unit-catalogue.js';

const factor = (name: string) => unitCatalogue.lookup(name)?.factor;
const group = (name: string) => unitCatalogue.group(unitCatalogue.lookup(name)?.groupId ?? '')?.name;

test('finds the units of ecoinvent, EcoSpold 1, SimaPro and openLCA by name or synonym', () => {
  assert.equal(factor('kg'), 1);
  assert.equal(factor('g'), 0.001);
  assert.equal(factor('mg'), 1e-6);
  assert.equal(factor('t'), 1000);
  assert.equal(factor('metric ton'), 1000);
  assert.equal(factor('sh tn'), 907.18474);
  assert.equal(factor('lb'), 0.45359237);
  assert.equal(factor('MJ'), 1);
  assert.equal(factor('kWh'), 3.6);
  assert.equal(factor('GJ'), 1000);
  assert.equal(factor('Wh'), 0.0036);
  assert.equal(factor('btu'), 0.001055056);
  assert.equal(factor('m3'), 1);
  assert.equal(factor('l'), 0.001);
  assert.equal(factor('dm3'), 0.001);
  assert.equal(factor('cu ft'), 0.028316846592);
  assert.equal(factor('ha'), 10000);
  assert.equal(factor('km2'), 1e6);
  assert.equal(factor('m2*year'), 1);
  assert.equal(factor('m2a'), 1);
  assert.equal(factor('ha*a'), 10000);
  assert.equal(factor('m3*year'), 1);
  assert.equal(factor('m*year'), 1);
  assert.equal(factor('km*year'), 1000);
  assert.equal(factor('km'), 1000);
  assert.equal(factor('metric ton*km'), 1);
  assert.equal(factor('tkm'), 1);
  assert.equal(factor('kg*km'), 0.001);
  assert.equal(factor('kgkm'), 0.001);
  assert.equal(factor('person*km'), 1);
  assert.equal(factor('pkm'), 1);
  assert.equal(factor('Bq'), 0.001);
  assert.equal(factor('kBq'), 1);
  assert.equal(factor('unit'), 1);
  assert.equal(factor('p'), 1);
  assert.equal(factor('hour'), 1 / 24);
  assert.equal(factor('h'), 1 / 24);
  assert.equal(factor('minute'), 1 / 1440);
  assert.equal(factor('day'), 1);
  assert.equal(factor('year'), 365);
  assert.equal(factor('kg*day'), 1 / 365);
  assert.equal(factor('EUR2005'), 1);
  assert.equal(group('kWh'), 'Units of energy');
  assert.equal(group('a'), 'Units of time');
  assert.equal(group('are'), 'Units of area');
  assert.equal(group('guest night'), 'Units of guest nights');
  assert.equal(unitCatalogue.lookup('metric ton*km')?.unitName, 't*km');
  // openLCA's reference-data ids, so flows from EcoSpold and JSON-LD share units.
  assert.equal(unitCatalogue.lookup('kg')?.unitId, '20aadc24-a391-41cf-b340-3e4529f44bde');
  assert.equal(unitCatalogue.lookup('kg')?.flowPropertyId, '93a60a56-a3c8-11da-a746-0800200b9a66');
  assert.equal(unitCatalogue.lookup('MJ')?.flowPropertyId, 'f6811440-ee37-11de-8a39-0800200c9a66');
  assert.equal(unitCatalogue.lookupId('86ad2244-1f0e-4912-af53-7865283103e4')?.unitName, 'kWh');
  assert.equal(unitCatalogue.lookupId('no-such-id'), undefined);
});

test('spacing, superscripts and unambiguous case are forgiven; ambiguous case is not', () => {
  assert.equal(factor(' m² '), 1);
  assert.equal(factor('m2 * a'), 1);
  assert.equal(factor('m³'), 1);
  assert.equal(factor('KWH'), 3.6);
  assert.equal(factor('kwh'), 3.6);
  assert.equal(factor('metric ton * km'), 1);
  // 'Mg' (megagram) and 'mg' (milligram) differ only in case: exact spellings only.
  assert.equal(factor('Mg'), 1000);
  assert.equal(factor('mg'), 1e-6);
  assert.equal(factor('MG'), undefined);
  assert.equal(factor('MBq'), 1000);
  assert.equal(factor('mBq'), 1e-6);
  assert.equal(factor('furlongs per fortnight'), undefined);
  assert.equal(factor(''), undefined);
});

test('ids are unique and stable, every group has a reference unit of factor 1', () => {
  const ids = new Set<string>();
  for (const g of UNIT_GROUPS) {
    for (const id of [g.id, g.flowPropertyId, ...g.units.map((u) => u.id)]) {
      assert.ok(!ids.has(id), `duplicate id ${id}`);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    assert.equal(g.units.find((u) => u.name === g.referenceUnit)?.factor, 1, g.name);
  }
  // Name-based ids do not change between runs.
  assert.equal(new UnitCatalogue().lookup('GWh')?.unitId, unitCatalogue.lookup('GWh')?.unitId);
  assert.throws(() => new UnitCatalogue([UNIT_GROUPS[0], UNIT_GROUPS[0]]), /duplicate group/);
});

test('build returns model unit groups and flow properties for the groups used', () => {
  const kg = unitCatalogue.lookup('kg');
  const kwh = unitCatalogue.lookup('kWh');
  assert.ok(kg && kwh);
  const { unitGroups, flowProperties } = unitCatalogue.build([kg.groupId, kwh.groupId, kg.groupId, 'nope']);
  assert.deepEqual(
    unitGroups.map((g) => g.name),
    ['Units of mass', 'Units of energy'],
  );
  const energy = unitGroups[1];
  assert.equal(energy.units.find((u) => u.id === energy.referenceUnitId)?.name, 'MJ');
  assert.equal(energy.units.find((u) => u.id === kwh.unitId)?.factor, 3.6);
  assert.equal(energy.defaultFlowPropertyId, kwh.flowPropertyId);
  assert.deepEqual(flowProperties[1], { id: kwh.flowPropertyId, name: 'Energy', unitGroupId: kwh.groupId });
  // Fresh objects each time.
  energy.units.length = 0;
  assert.ok(unitCatalogue.build([kwh.groupId]).unitGroups[0].units.length > 5);
});
