import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormulaError } from './formula-error.js';
import { tokenizeFormula } from './tokenize-formula.js';

test('tokens carry kind, normalised key and position', () => {
  const tokens = tokenizeFormula('Mass_2 >= .5e1;x<>1 != 2 && y || z == 3');
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.key, t.pos]),
    [
      ['name', 'mass_2', 0],
      ['operator', '>=', 7],
      ['number', '.5e1', 10],
      ['separator', ';', 14],
      ['name', 'x', 15],
      ['operator', '<>', 16],
      ['number', '1', 18],
      ['operator', '<>', 20],
      ['number', '2', 23],
      ['operator', 'and', 25],
      ['name', 'y', 28],
      ['operator', 'or', 30],
      ['name', 'z', 33],
      ['operator', '=', 35],
      ['number', '3', 38],
      ['end', '', 39],
    ],
  );
  assert.equal(tokens[2].value, 5);
});

test('numbers: exponents, leading and trailing points', () => {
  const values = tokenizeFormula('1e-3 2.5E+2 .25 7. 12')
    .filter((t) => t.kind === 'number')
    .map((t) => t.value);
  assert.deepEqual(values, [0.001, 250, 0.25, 7, 12]);
});

test("an 'e' without digits is not an exponent", () => {
  assert.deepEqual(
    tokenizeFormula('2e').map((t) => t.kind),
    ['number', 'name', 'end'],
  );
});

test('names may start with an underscore and keep their written form', () => {
  const [t] = tokenizeFormula('_Cement_Fraction');
  assert.equal(t.text, '_Cement_Fraction');
  assert.equal(t.key, '_cement_fraction');
});

test('an unexpected character is reported with its position', () => {
  assert.throws(
    () => tokenizeFormula('a + b # c'),
    (e: unknown) => e instanceof FormulaError && e.code === 'FORMULA_SYNTAX' && e.position === 6,
  );
  assert.throws(
    () => tokenizeFormula('Menge_Ö'),
    (e: unknown) => e instanceof FormulaError && e.position === 6 && /letters A-Z/.test(e.message),
  );
});

test('a number with two decimal points is a syntax error', () => {
  assert.throws(
    () => tokenizeFormula('1.2.3'),
    (e: unknown) => e instanceof FormulaError && e.code === 'FORMULA_SYNTAX' && e.position === 3,
  );
});
