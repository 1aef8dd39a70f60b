import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FormulaError, type FormulaErrorCode } from './formula-error.js';
import { evaluateFormula } from './evaluate-formula.js';
import { formulaVariables } from './formula-variables.js';
import { FORMULA_LIMITS, parseFormula } from './parse-formula.js';

function fails(text: string, code: FormulaErrorCode, position?: number, message?: RegExp): void {
  assert.throws(
    () => parseFormula(text),
    (e: unknown) => {
      assert.ok(e instanceof FormulaError, `expected a FormulaError for ${text}`);
      assert.equal(e.code, code, e.message);
      if (position !== undefined) assert.equal(e.position, position, e.message);
      if (message !== undefined) assert.match(e.message, message);
      return true;
    },
  );
}

test('the tree follows precedence and associativity', () => {
  const ast = parseFormula('a + b * c ^ d ^ e');
  // a + (b * ((c ^ d) ^ e)) — openLCA's ^ is left-associative
  const root = ast.root;
  assert.ok(root.kind === 'binary' && root.op === '+');
  const mul = root.right;
  assert.ok(mul.kind === 'binary' && mul.op === '*');
  const pow = mul.right;
  assert.ok(pow.kind === 'binary' && pow.op === '^');
  assert.ok(pow.left.kind === 'binary' && pow.left.op === '^' && pow.right.kind === 'variable');
  const chain = parseFormula('a - b - c').root;
  // (a - b) - c
  assert.ok(chain.kind === 'binary' && chain.left.kind === 'binary' && chain.right.kind === 'variable');
});

test('a sign binds tighter than ^ (as in openLCA)', () => {
  const root = parseFormula('-2^2').root;
  assert.ok(root.kind === 'binary' && root.op === '^' && root.left.kind === 'unary');
});

test('aliases resolve to the canonical function', () => {
  const root = parseFormula('IIF(x; 1; 2)').root;
  assert.ok(root.kind === 'call' && root.name === 'if' && root.args.length === 3);
});

test('parsed trees are cached by text', () => {
  assert.equal(parseFormula('x * 2 + y'), parseFormula('x * 2 + y'));
  fails('x *', 'FORMULA_SYNTAX');
  fails('x *', 'FORMULA_SYNTAX'); // cached errors are thrown again
});

test('formulaVariables lists lower-cased names once, in order of first use, without functions', () => {
  assert.deepEqual(formulaVariables('a + B*A + pi + max(C; 1) + sqrt(b)'), ['a', 'b', 'pi', 'c']);
  assert.deepEqual(formulaVariables(parseFormula('2 * 3')), []);
});

test('syntax errors give the position of the problem', () => {
  fails('2 * (3 + x', 'FORMULA_SYNTAX', 10, /Missing '\)'.*column 5/);
  fails('1 + * 2', 'FORMULA_SYNTAX', 4, /Unexpected '\*'/);
  fails('2 Mass', 'FORMULA_SYNTAX', 2, /Missing operator before 'Mass'/);
  fails('(1 + 2))', 'FORMULA_SYNTAX', 7, /Unmatched/);
  fails('3 +', 'FORMULA_SYNTAX', 3, /ends after '\+'/);
  fails('   ', 'FORMULA_SYNTAX', 0, /empty/);
  fails('max(1;;2)', 'FORMULA_SYNTAX', 6);
  fails('()', 'FORMULA_SYNTAX', 0, /Empty parentheses/);
  fails('2 * not x', 'FORMULA_SYNTAX', 4);
  fails('a mod', 'FORMULA_SYNTAX', 5);
});

test('a decimal comma is reported as such', () => {
  fails('0,5 * x', 'FORMULA_SYNTAX', 1, /decimal comma.*write 0\.5/i);
  fails('max(0,5; 1)', 'FORMULA_SYNTAX', 7, /mixes ';' and ','/);
  fails('sqrt(0,5)', 'FORMULA_ARITY', 0, /decimal/);
});

test('unknown and unsupported functions', () => {
  fails('2 * foo(3)', 'FORMULA_UNKNOWN_FUNCTION', 4, /Unknown function 'foo'/);
  fails('rand()', 'FORMULA_UNKNOWN_FUNCTION', 0, /uncertainty distribution/);
  fails('xor(1; 0)', 'FORMULA_UNKNOWN_FUNCTION', 0, /operator/);
});

test('function arity is checked', () => {
  fails('sqrt()', 'FORMULA_ARITY', 0, /1 argument but is given 0/);
  fails('1 + round(1; 2; 3)', 'FORMULA_ARITY', 4, /1 to 2 arguments/);
  fails('if(1; 2)', 'FORMULA_ARITY', 0);
  fails('pi(1)', 'FORMULA_ARITY', 0);
  fails('min()', 'FORMULA_ARITY', 0, /at least 1/);
});

test('deep nesting is rejected before it can overflow the stack', () => {
  const depth = FORMULA_LIMITS.maxDepth;
  const ok = '('.repeat(depth) + '1' + ')'.repeat(depth);
  assert.equal(parseFormula(ok).root.kind, 'number');
  const deep = '('.repeat(depth + 1) + '1' + ')'.repeat(depth + 1);
  fails(deep, 'FORMULA_TOO_COMPLEX', depth);
  fails('-'.repeat(5000) + '1', 'FORMULA_TOO_COMPLEX');
  // ^ is left-associative (openLCA), so a long power chain is a left-deep chain, not nesting.
  assert.equal(parseFormula(Array(1000).fill('2').join('^')).root.kind, 'binary');
  assert.equal(
    evaluateFormula(Array(4000).fill('1').join('^'), () => undefined),
    1,
  );
  fails('sqrt('.repeat(3000) + '1' + ')'.repeat(3000), 'FORMULA_TOO_COMPLEX');
});

test('overlong formulas are rejected', () => {
  fails('1+'.repeat(FORMULA_LIMITS.maxLength / 2) + '1', 'FORMULA_TOO_COMPLEX', FORMULA_LIMITS.maxLength);
});
