import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Parameter } from '../model.js';
import { compileParameters, parameterOverrideKey } from './compile-parameters.js';
import { resolveParameters } from './resolve-parameters.js';

function input(name: string, value: number, scope: Parameter['scope'] = 'process'): Parameter {
  return { name, value, isInput: true, scope };
}

/** Stored values of calculated parameters are deliberately wrong, so a test fails if they leak through. */
function calc(
  name: string,
  formula: string,
  stored = -999,
  scope: Parameter['scope'] = 'process',
): Parameter {
  return { name, value: stored, formula, isInput: false, scope };
}

function near(actual: number | undefined, expected: number, rel: number): void {
  assert.ok(actual !== undefined, 'value missing');
  assert.ok(Math.abs(actual - expected) <= rel * Math.abs(expected), `${actual} is not ${expected}`);
}

test('USLCI example: Portland_Cement = Concrete*Cement_Fraction', () => {
  const process = {
    id: 'p1',
    parameters: [
      calc('Portland_Cement', 'Concrete*Cement_Fraction', 0),
      input('Concrete', 7391888.0),
      input('Cement_Fraction', 0.141),
    ],
  };
  const { values, problems } = resolveParameters([], process);
  assert.deepEqual(problems, []);
  near(values.get('portland_cement'), 1042256.208, 1e-9);
});

test('process parameters shadow globals; global formulas see only globals', () => {
  const globals = [input('x', 1, 'global'), calc('y', 'x * 10', -1, 'global')];
  const process = { id: 'p1', parameters: [input('X', 2), calc('z', 'x + y')] };
  const r = resolveParameters(globals, process);
  assert.deepEqual(r.problems, []);
  assert.equal(r.values.get('x'), 2);
  assert.equal(r.values.get('y'), 10); // the global y uses the global x = 1
  assert.equal(r.values.get('z'), 12);
  assert.equal(r.globals.get('x'), 1);
  assert.equal(r.globals.has('z'), false);
  assert.equal(r.scope('z'), 12);
});

test('calculated parameters are computed in dependency order', () => {
  const process = { id: 'p1', parameters: [calc('a', 'b * 2'), calc('b', 'c + 1'), input('c', 3)] };
  const { values, problems } = resolveParameters([], process);
  assert.deepEqual(problems, []);
  assert.equal(values.get('c'), 3);
  assert.equal(values.get('b'), 4);
  assert.equal(values.get('a'), 8);
});

test('a long chain of parameters resolves without recursion', () => {
  const n = 5000;
  const params: Parameter[] = [];
  for (let i = n - 1; i > 0; i--) params.push(calc(`p${i}`, `p${i - 1} + 1`));
  params.push(input('p0', 1));
  const { values, problems } = resolveParameters(params);
  assert.deepEqual(problems, []);
  assert.equal(values.get(`p${n - 1}`), n);
});

test('a cycle is reported with its names; its members keep their stored values', () => {
  const process = {
    id: 'p1',
    parameters: [
      calc('a', 'b + 1', 1),
      calc('b', 'c + 1', 2),
      calc('c', 'A + 1', 3),
      calc('d', 'a * 2'),
      input('e', 5),
    ],
  };
  const { values, problems } = resolveParameters([], process);
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.code, 'FORMULA_CYCLE');
  assert.equal(p.severity, 'error');
  assert.equal(p.processId, 'p1');
  assert.deepEqual(p.names, ['a', 'b', 'c', 'a']);
  assert.match(p.message, /a → b → c → a/);
  assert.equal(values.get('a'), 1);
  assert.equal(values.get('b'), 2);
  assert.equal(values.get('c'), 3);
  assert.equal(values.get('d'), 2); // computed from a's stored value
  assert.equal(values.get('e'), 5);
});

test('a parameter using itself is a cycle', () => {
  const { values, problems } = resolveParameters([calc('x', 'x + 1', 4, 'global')]);
  assert.equal(problems[0].code, 'FORMULA_CYCLE');
  assert.deepEqual(problems[0].names, ['x', 'x']);
  assert.equal(values.get('x'), 4);
});

test('every member of a tangle of cycles falls back, not only those on the reported path', () => {
  const params = [calc('a', 'b + c', 1), calc('b', 'a', 2), calc('c', 'a', 3), calc('d', 'c + 1')];
  const { values, problems } = resolveParameters(params);
  assert.equal(problems.length, 1);
  assert.equal(problems[0].code, 'FORMULA_CYCLE');
  assert.match(problems[0].message, /'c'/);
  assert.deepEqual([values.get('a'), values.get('b'), values.get('c'), values.get('d')], [1, 2, 3, 4]);
});

test('an unknown variable is reported and the stored value used', () => {
  const { values, problems } = resolveParameters([], { id: 'p1', parameters: [calc('a', '2 * missing', 7)] });
  assert.equal(values.get('a'), 7);
  assert.equal(problems.length, 1);
  const [p] = problems;
  assert.equal(p.code, 'FORMULA_UNKNOWN_VARIABLE');
  assert.equal(p.parameter, 'a');
  assert.equal(p.position, 4);
  assert.deepEqual(p.names, ['missing']);
  assert.equal(p.fallback, 7);
});

test('a global formula cannot use a process parameter', () => {
  const { problems } = resolveParameters([calc('g', 'local * 2', 1, 'global')], {
    id: 'p1',
    parameters: [input('local', 3)],
  });
  assert.equal(problems[0].code, 'FORMULA_UNKNOWN_VARIABLE');
  assert.match(problems[0].message, /global parameter can only use global parameters/);
});

test('syntax and evaluation errors fall back to the stored value', () => {
  const { values, problems } = resolveParameters([
    calc('a', '2 *', 11),
    input('zero', 0),
    calc('b', '1 / zero', 12),
    calc('c', 'a + b'),
  ]);
  assert.deepEqual(
    problems.map((p) => [p.code, p.parameter, p.position]),
    [
      ['FORMULA_SYNTAX', 'a', 3],
      ['FORMULA_NOT_FINITE', 'b', 2],
    ],
  );
  assert.equal(values.get('c'), 23);
});

test('duplicate names: the first parameter wins and a warning is given', () => {
  const { values, problems } = resolveParameters([input('Mass', 1), input('mass', 2)]);
  assert.equal(values.get('mass'), 1);
  assert.equal(problems[0].code, 'FORMULA_DUPLICATE_PARAMETER');
  assert.equal(problems[0].severity, 'warning');
});

test('overrides: global by name, process by processId:name', () => {
  const globals = [input('Concrete', 1, 'global')];
  const process = { id: 'p1', parameters: [input('Share', 0.1), calc('cement', 'concrete * share')] };
  const overrides = new Map([
    ['CONCRETE', 100],
    [parameterOverrideKey('Share', 'p1'), 0.5],
    ['p2:share', 0.9], // another process: skipped silently
  ]);
  const { values, problems } = resolveParameters(globals, process, overrides);
  assert.deepEqual(problems, []);
  assert.equal(values.get('cement'), 50);
});

test('overrides that name nothing or a calculated parameter are reported', () => {
  const process = { id: 'p1', parameters: [input('share', 0.1), calc('twice', 'share * 2')] };
  const overrides = new Map([
    ['share', 0.5], // a process parameter, but the key names a global one
    ['p1:twice', 3],
    ['p1:nothing', 1],
    ['p1:share', NaN],
  ]);
  const { values, problems } = resolveParameters([], process, overrides);
  assert.deepEqual(
    problems.map((p) => p.code),
    [
      'FORMULA_OVERRIDE_UNUSED',
      'FORMULA_OVERRIDE_IGNORED',
      'FORMULA_OVERRIDE_UNUSED',
      'FORMULA_OVERRIDE_IGNORED',
    ],
  );
  assert.match(problems[0].message, /use the key 'p1:share'/);
  assert.equal(values.get('twice'), 0.2);
});

test('globals resolved once can be reused for each process', () => {
  const globals = resolveParameters(
    [input('g', 2, 'global'), calc('bad', 'nope', 0, 'global')],
    undefined,
    new Map([['g', 3]]),
  );
  assert.equal(globals.problems.length, 1);
  const r = resolveParameters(
    globals,
    { id: 'p1', parameters: [calc('x', 'g * 10')] },
    new Map([['g', 100]]),
  );
  assert.deepEqual(r.problems, []); // global problems are not repeated; 'g' was applied with the globals
  assert.equal(r.values.get('x'), 30);
});

test('a compiled resolver gives new values for new overrides', () => {
  const resolver = compileParameters([input('a', 1, 'global'), calc('b', 'a ^ 2', 0, 'global')]);
  assert.equal(resolver.resolve().values.get('b'), 1);
  assert.equal(resolver.resolve(new Map([['a', 3]])).values.get('b'), 9);
  assert.equal(resolver.resolve(new Map([['a', 4]])).values.get('b'), 16);
});

test('input parameters ignore a formula; constants need no parameter', () => {
  const p: Parameter = { name: 'k', value: 2, formula: 'nonsense +', isInput: true, scope: 'global' };
  const { values, problems } = resolveParameters([p, calc('c', '2 * pi * k')]);
  assert.deepEqual(problems, []);
  assert.equal(values.get('c'), 4 * Math.PI);
});
