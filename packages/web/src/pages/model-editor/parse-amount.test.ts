import { expect, test } from 'vitest';
import { amountText, parseAmount, parseNumber } from './parse-amount';

test('numbers as typed, full-width digits too; anything else is kept for the field to flag', () => {
  expect(parseNumber('12.5')).toBe(12.5);
  expect(parseNumber(' -3e2 ')).toBe(-300);
  expect(parseNumber('１２．５')).toBe(12.5);
  expect(parseNumber('')).toBeUndefined();
  expect(parseNumber('1,5')).toBeNaN();
  expect(parseNumber('1e')).toBeNaN();
});

test('an amount is a number when it reads as one, else a formula', () => {
  expect(parseAmount('0.25')).toBe(0.25);
  expect(parseAmount(' housing_mass * 1.02 ')).toBe('housing_mass * 1.02');
  expect(parseAmount('')).toBe('');
  expect(amountText(0.25)).toBe('0.25');
  expect(amountText('x * 2')).toBe('x * 2');
  expect(amountText(Number.NaN)).toBe('');
});
