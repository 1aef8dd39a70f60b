// The editor's unit lookups over the engine's table, as a real `cfp serve` answers it (GET /v1/reference/units).
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startDemoServer, type DemoServer } from '../../test-support/demo-server';
import { unitTable, type UnitTable } from './unit-table';

let server: DemoServer;
let units: UnitTable;

beforeAll(async () => {
  server = await startDemoServer();
  units = unitTable((await server.client.GET('/v1/reference/units')).data);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

test('units convert as the engine converts them', () => {
  expect(units.factor('kWh', 'MJ')).toBeCloseTo(3.6, 12);
  expect(units.factor('t', 'kg')).toBe(1000);
  expect(units.factor('千克', 'kg')).toBe(1);
  expect(units.factor('度', 'kWh')).toBe(1);
  expect(units.factor('KWH', 'kWh')).toBe(1);
  expect(units.factor('kg', 'kWh')).toBeUndefined();
  expect(units.factor('吨公里', 't*km')).toBe(1);
});

test('units that differ only by case are never guessed', () => {
  expect(units.dimensionOf('mg')).toBe('mass');
  expect(units.factor('Mg', 'kg')).toBe(1000);
  expect(units.factor('mg', 'kg')).toBe(1e-6);
  expect(units.dimensionOf('MG')).toBeUndefined();
  expect(units.dimensionOf('mwh')).toBeUndefined();
});

test('convertible tells a mismatch from a unit the editor does not know', () => {
  expect(units.convertible('kWh', 'MJ')).toBe('yes');
  expect(units.convertible('kg', 'MJ')).toBe('no');
  expect(units.convertible('bottle', 'kg')).toBe('unknown');
  expect(units.convertible('bottle', 'bottle')).toBe('yes');
});

test('pickers offer every unit of a dimension, the base unit first, and the reference unit first next to it', () => {
  expect(units.dimensions).toEqual([
    'mass',
    'energy',
    'volume',
    'area',
    'length',
    'goods transport',
    'person transport',
    'items',
    'time',
  ]);
  expect(units.choices('mass')).toEqual(['kg', 'mg', 'g', 'lb', 'Mg', 't', 'kt', 'Mt']);
  expect(units.compatible('kWh')).toEqual(['kWh', 'MJ', 'mWh', 'kJ', 'Wh', 'GJ', 'MWh', 'TJ', 'GWh']);
  expect(units.compatible('t*km')).toEqual(['t*km', 'kg*km']);
  expect(units.compatible('bottle')).toEqual(['bottle']);
});
