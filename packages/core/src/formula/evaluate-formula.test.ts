import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileFormula } from './compile-formula.js';
import { evaluateFormula } from './evaluate-formula.js';
import { FormulaError, type FormulaErrorCode } from './formula-error.js';
import { formulaFunctionNames } from './formula-functions.js';

const ev = (text: string, values: Record<string, number> = {}) =>
  evaluateFormula(text, new Map(Object.entries(values)));

function near(actual: number, expected: number, rel = 1e-12): void {
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= rel * scale, `${actual} is not ${expected}`);
}

function fails(
  text: string,
  values: Record<string, number>,
  code: FormulaErrorCode,
  position?: number,
): void {
  assert.throws(
    () => ev(text, values),
    (e: unknown) => {
      assert.ok(e instanceof FormulaError, `expected a FormulaError for ${text}, got ${String(e)}`);
      assert.equal(e.code, code, e.message);
      if (position !== undefined) assert.equal(e.position, position, e.message);
      return true;
    },
  );
}

test('precedence and associativity', () => {
  const cases: [string, number][] = [
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['2 * 3 ^ 2', 18],
    ['2 ^ 3 ^ 2', 64], // openLCA: left-associative
    ['(2 ^ 3) ^ 2', 64],
    ['10 - 4 - 3', 3],
    ['64 / 4 / 2', 8],
    ['7 mod 4 * 2', 6],
    ['2 * 7 mod 4', 2],
    ['1 +\n 2\t* 3', 7],
    ['1 + 2 = 3', 1],
    ['1 or 0 and 0', 1],
    ['1 or 1 xor 1', 1],
    ['not 0 and 0', 0],
    ['not 1 = 2', 1],
  ];
  for (const [text, expected] of cases) assert.equal(ev(text), expected, text);
});

test('unary minus and plus', () => {
  const cases: [string, number][] = [
    ['-2 ^ 2', 4], // openLCA: the sign binds tighter than ^
    ['(-2) ^ 2', 4],
    ['2 ^ -1', 0.5],
    ['2 * -3', -6],
    ['--3', 3],
    ['-3 + 5', 2],
    ['1 - -1', 2],
    ['+4', 4],
    ['-x * 2', -6],
  ];
  for (const [text, expected] of cases) assert.equal(ev(text, { x: 3 }), expected, text);
});

test('comparisons give 1 or 0', () => {
  const cases: [string, number][] = [
    ['2 = 2', 1],
    ['2 == 3', 0],
    ['2 <> 3', 1],
    ['2 != 2', 0],
    ['1 < 2', 1],
    ['2 < 2', 0],
    ['2 <= 2', 1],
    ['3 > 2', 1],
    ['2 >= 3', 0],
  ];
  for (const [text, expected] of cases) assert.equal(ev(text), expected, text);
});

test('logical operators in every spelling', () => {
  const cases: [string, number][] = [
    ['1 && 0', 0],
    ['2 & 3', 1],
    ['1 and 1', 1],
    ['0 || 0', 0],
    ['0 | 5', 1],
    ['0 or 1', 1],
    ['1 xor 1', 0],
    ['0 xor 1', 1],
    ['not 0', 1],
    ['not 3', 0],
  ];
  for (const [text, expected] of cases) assert.equal(ev(text), expected, text);
});

test('integer division and remainder as in openLCA', () => {
  assert.equal(ev('7 div 2'), 3);
  assert.equal(ev('2.6 div 1.4'), 3); // round(2.6) / round(1.4) = 3 / 1
  assert.equal(ev('-7 mod 3'), -1);
  assert.equal(ev('2 * (7 div 2 + 2)'), 10);
});

test('if() chooses a branch and evaluates only that one', () => {
  assert.equal(ev('if(x > 10; x * 0.5; 5)', { x: 20 }), 10);
  assert.equal(ev('if(x > 10; x * 0.5; 5)', { x: 2 }), 5);
  assert.equal(ev('if(x = 0, 0, 1 / x)', { x: 0 }), 0);
  assert.equal(ev('iif(1; 2; unknown_name)'), 2);
  assert.equal(ev('0 and 1 / 0'), 0);
  assert.equal(ev('1 or unknown_name'), 1);
  assert.equal(ev('and(0; 1 / 0)'), 0);
});

test('every function, by hand-computed values', () => {
  const cases: [string, number][] = [
    ['pi', 3.141592653589793],
    ['pi()', 3.141592653589793],
    ['e', 2.718281828459045],
    ['E()', 2.718281828459045],
    ['true + true()', 2],
    ['false + false()', 0],
    ['abs(-3)', 3],
    ['sqrt(16)', 4],
    ['sqr(-3)', 9],
    ['exp(0)', 1],
    ['exp(1)', 2.718281828459045],
    ['ln(1)', 0],
    ['ln(e)', 1],
    ['log(1000)', 3],
    ['lg(0.01)', -2],
    ['log10(100)', 2],
    ['ceil(1.2)', 2],
    ['ceil(-1.2)', -1],
    ['floor(1.8)', 1],
    ['floor(-1.2)', -2],
    ['frac(3.75)', 0.75],
    ['frac(-3.75)', -0.75],
    ['int(3.9)', 3],
    ['int(-3.9)', -3],
    ['trunc(-3.9)', -3],
    ['sin(0)', 0],
    ['sin(pi / 2)', 1],
    ['cos(pi)', -1],
    ['tan(pi / 4)', 1],
    ['asin(1)', 1.5707963267948966],
    ['arcsin(0)', 0],
    ['acos(1)', 0],
    ['arccos(0)', 1.5707963267948966],
    ['atan(1)', 0.7853981633974483],
    ['arctan(0)', 0],
    ['sinh(1)', 1.1752011936438014],
    ['cosh(0)', 1],
    ['tanh(0)', 0],
    ['cot(pi / 4)', 1],
    ['cotan(pi / 4)', 1],
    ['not(0)', 1],
    ['not(5)', 0],
    ['pow(2; 10)', 1024],
    ['power(9; 0.5)', 3],
    ['ipower(2; 3.7)', 8],
    ['round(2.5)', 3],
    ['round(-2.5)', -2],
    ['round(1.005; 2)', 1.01],
    ['round(3.14159; 3)', 3.142],
    ['round(1234.5; -2)', 1200],
    ['min(3; 1; 2)', 1],
    ['min(5)', 5],
    ['max(3, 1, 2)', 3],
    ['max(-1; -7)', -1],
    ['sum(1; 2; 3)', 6],
    ['sum()', 0],
    ['avg(1; 2; 3; 4)', 2.5],
    ['mean(2; 4)', 3],
    ['if(1; 2; 3)', 2],
    ['iif(0; 2; 3)', 3],
    ['iff(0; 2; 3)', 3],
    ['and(1; 2; 0)', 0],
    ['and(1; 2)', 1],
    ['or(0; 0; 3)', 1],
    ['or(0; 0)', 0],
  ];
  for (const [text, expected] of cases) near(ev(text), expected);
  // Every name a formula may call appears in the table above.
  const tested = new Set(cases.map(([text]) => /^[a-z0-9]+/i.exec(text)?.[0].toLowerCase()));
  for (const name of formulaFunctionNames()) assert.ok(tested.has(name), `no test calls ${name}`);
});

test('names are case-insensitive', () => {
  assert.equal(ev('MASS * Mass * mass', { mass: 2 }), 8);
  assert.equal(ev('SQRT(4) + Max(1; 2) + PI - pi', {}), 4);
});

test('a parameter named like a constant shadows it; the function form does not', () => {
  assert.equal(ev('e * 2', { e: 5 }), 10);
  near(ev('e() * 2', { e: 5 }), 2 * Math.E);
});

test('a function scope is accepted as well as a map', () => {
  assert.equal(
    evaluateFormula('a + b', (name) => (name === 'a' ? 1 : name === 'b' ? 2 : undefined)),
    3,
  );
});

test('unknown variable: code, position and name', () => {
  assert.throws(
    () => ev('2 * Masss', { mass: 1 }),
    (e: unknown) =>
      e instanceof FormulaError &&
      e.code === 'FORMULA_UNKNOWN_VARIABLE' &&
      e.position === 4 &&
      e.names[0] === 'masss' &&
      /Unknown parameter 'Masss'/.test(e.message),
  );
});

test('non-finite results name the failing operation', () => {
  fails('sqrt(x) + 1', { x: -1 }, 'FORMULA_NOT_FINITE', 0);
  fails('1 + ln(0)', {}, 'FORMULA_NOT_FINITE', 4);
  fails('x / y', { x: 1, y: 0 }, 'FORMULA_NOT_FINITE', 2);
  fails('7 div 0.4', {}, 'FORMULA_NOT_FINITE', 2);
  fails('2 * 10 ^ 400', {}, 'FORMULA_NOT_FINITE', 7);
  fails('x + 1', { x: Infinity }, 'FORMULA_NOT_FINITE', 0);
  fails('if(x; 1; 2)', { x: NaN }, 'FORMULA_NOT_FINITE', 0);
  fails('1e999', {}, 'FORMULA_NOT_FINITE', 0);
  assert.throws(() => ev('(-8) ^ (1 / 3)'), /fractional exponent/);
});

test('long sums are evaluated without deep recursion', () => {
  const terms = 4000;
  assert.equal(ev(Array(terms).fill('x').join('+'), { x: 1 }), terms);
});

test('a compiled formula is reused and evaluates with new values', () => {
  const f = compileFormula('Concrete * Cement_Fraction');
  assert.equal(compileFormula('Concrete * Cement_Fraction'), f);
  const values = new Map([
    ['concrete', 7391888.0],
    ['cement_fraction', 0.141],
  ]);
  near(
    f((name) => values.get(name)),
    1042256.208,
    1e-9,
  );
  values.set('cement_fraction', 0.5);
  assert.equal(
    f((name) => values.get(name)),
    3695944,
  );
});
