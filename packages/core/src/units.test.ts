import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Flow } from './model.js';
import { DatabaseBuilder } from './test-support/database-builder.js';
import { UnitIndex } from './units.js';

function setup() {
  const db = new DatabaseBuilder()
    .product('steel')
    .product('electricity', { property: 'energy' })
    .product('water', { factors: [{ property: 'volume', factor: 0.001 }] })
    .build();
  // a flow whose reference factor is not 1: 2 "mass units" per 0.004 m³ → 0.002 m³ per kg
  db.flows.push({
    id: 'odd',
    name: 'odd',
    type: 'product',
    properties: [
      { flowPropertyId: 'mass', factor: 2, isReference: true },
      { flowPropertyId: 'volume', factor: 0.004, isReference: false },
    ],
  });
  db.flows.push({ id: 'no-ref', name: 'no ref', type: 'product', properties: [] });
  // a unit group whose reference unit does not have factor 1 (factors relative to g)
  db.unitGroups.push({
    id: 'ug-g',
    name: 'grams based',
    units: [
      { id: 'kg2', name: 'kg', factor: 1000 },
      { id: 'g2', name: 'g', factor: 1 },
    ],
    referenceUnitId: 'kg2',
  });
  db.flowProperties.push({ id: 'mass2', name: 'Mass (g based)', unitGroupId: 'ug-g' });
  db.flows.push({
    id: 'grain',
    name: 'grain',
    type: 'product',
    properties: [{ flowPropertyId: 'mass2', factor: 1, isReference: true }],
  });
  const units = new UnitIndex(db);
  const flow = (id: string) => units.flow(id) as Flow;
  return { units, flow };
}

test('unit conversion: g → kg, kWh → MJ, reference units', () => {
  const { units, flow } = setup();
  // 1 g = 0.001 kg; 1 kWh = 3.6 MJ; 1 t = 1000 kg
  assert.equal(units.conversionFactor(flow('steel'), 'g', 'mass'), 0.001);
  assert.equal(units.conversionFactor(flow('steel'), 't', 'mass'), 1000);
  assert.equal(units.conversionFactor(flow('electricity'), 'kWh', 'energy'), 3.6);
  assert.equal(units.referenceUnitName('electricity'), 'MJ');
  // reference unit with factor 1000 (relative to g): 1 g = 1 / 1000 kg
  assert.equal(units.conversionFactor(flow('grain'), 'g2', 'mass2'), 0.001);
});

test('flow property conversion: water m³ and l to kg (fpf volume 0.001 m³/kg)', () => {
  const { units, flow } = setup();
  // 1 m³ ÷ 0.001 m³/kg = 1000 kg; 1 l = 0.001 m³ → 1 kg
  assert.equal(units.conversionFactor(flow('water'), 'm3', 'volume'), 1000);
  assert.equal(units.conversionFactor(flow('water'), 'l', 'volume'), 1);
  // reference factor 2: 1 m³ · 1 / 0.004 · 2 = 500 (kg); consistent with 0.002 m³ per kg
  assert.equal(units.conversionFactor(flow('odd'), 'm3', 'volume'), 500);
});

test('unusable units and properties are explained, not guessed', () => {
  const { units, flow } = setup();
  const wrongGroup = units.conversionFactor(flow('steel'), 'kWh', 'mass');
  assert.equal(typeof wrongGroup === 'object' && wrongGroup.code, 'UNKNOWN_UNIT');
  assert.match((wrongGroup as { message: string }).message, /belongs to unit group 'Units of energy'/);
  const notOnFlow = units.conversionFactor(flow('steel'), 'MJ', 'energy');
  assert.equal(typeof notOnFlow === 'object' && notOnFlow.code, 'FLOW_PROPERTY_NOT_ON_FLOW');
  const unknownProperty = units.conversionFactor(flow('steel'), 'kg', 'nope');
  assert.equal(typeof unknownProperty === 'object' && unknownProperty.code, 'UNKNOWN_FLOW_PROPERTY');
  const unknownUnit = units.conversionFactor(flow('steel'), 'nope', 'mass');
  assert.equal(typeof unknownUnit === 'object' && unknownUnit.code, 'UNKNOWN_UNIT');
  const noRef = units.conversionFactor(flow('no-ref'), 'kg', 'mass');
  assert.equal(typeof noRef === 'object' && noRef.code, 'NO_REFERENCE_FLOW_PROPERTY');
  assert.equal(units.referenceUnitName('no-ref'), '');
});
