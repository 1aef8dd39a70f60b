import { expect, test } from 'vitest';
import { compatibleUnits, convertible, dimensionOf, unitFactor } from './units';

test('units convert as the engine converts them', () => {
  expect(unitFactor('kWh', 'MJ')).toBeCloseTo(3.6, 12);
  expect(unitFactor('t', 'kg')).toBe(1000);
  expect(unitFactor('千克', 'kg')).toBe(1);
  expect(unitFactor('KWH', 'kWh')).toBe(1);
  expect(unitFactor('kg', 'kWh')).toBeUndefined();
});

test('units that differ only by case are never guessed', () => {
  expect(dimensionOf('mg')).toBe('mass');
  expect(unitFactor('Mg', 'kg')).toBe(1000);
  expect(unitFactor('mg', 'kg')).toBe(1e-6);
  expect(dimensionOf('MG')).toBeUndefined();
});

test('convertible tells a mismatch from a unit the editor does not know', () => {
  expect(convertible('kWh', 'MJ')).toBe('yes');
  expect(convertible('kg', 'MJ')).toBe('no');
  expect(convertible('bottle', 'kg')).toBe('unknown');
  expect(convertible('bottle', 'bottle')).toBe('yes');
});

test('the picker offers the units of the reference unit, the reference first', () => {
  expect(compatibleUnits('MJ')).toEqual(['MJ', 'kWh', 'MWh', 'GJ', 'Wh', 'kJ']);
  expect(compatibleUnits('t*km')).toEqual(['t*km', 'kg*km']);
  expect(compatibleUnits('bottle')).toEqual(['bottle']);
});
