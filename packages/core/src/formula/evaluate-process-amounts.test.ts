import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange, Parameter, Process } from '../model.js';
import { evaluateProcessAmounts } from './evaluate-process-amounts.js';
import { resolveParameters } from './resolve-parameters.js';

function exchange(internalId: number, amount: number, formula?: string): Exchange {
  return {
    internalId,
    flowId: `f${internalId}`,
    amount,
    formula,
    unitId: 'kg',
    flowPropertyId: 'mass',
    isInput: true,
    isAvoided: false,
    isReference: false,
  };
}

function param(name: string, value: number, formula?: string): Parameter {
  return { name, value, formula, isInput: formula === undefined, scope: 'process' };
}

function cementProcess(): Process {
  return {
    id: 'cement',
    name: 'Concrete production',
    type: 'unit',
    parameters: [
      param('Concrete', 7391888.0),
      param('Cement_Fraction', 0.141),
      param('Portland_Cement', 0, 'Concrete*Cement_Fraction'),
      param('share', 0.4),
    ],
    exchanges: [
      exchange(1, 1042256.208, 'Portland_Cement'),
      exchange(2, 5, '2 * Concrete'),
      exchange(3, 9, 'unknown_x * 2'),
      exchange(4, 4),
      exchange(5, 6, '  '),
      exchange(6, 1.0000001, '1'),
    ],
    allocationFactors: [
      { method: 'physical', productId: 'a', value: 0.5, formula: 'share' },
      { method: 'physical', productId: 'b', value: 0.6, formula: '1 - share' },
      { method: 'causal', productId: 'a', value: 0.3, formula: 'share / 0', exchangeInternalId: 2 },
      { method: 'economic', productId: 'a', value: 0.7 },
    ],
  };
}

test('exchange amounts and allocation factors from formulas, with every disagreement reported', () => {
  const { exchanges, allocationFactors, problems } = evaluateProcessAmounts(cementProcess(), []);

  const cement = exchanges.get(1) ?? NaN;
  assert.ok(Math.abs(cement - 1042256.208) <= 1e-9 * 1042256.208);
  assert.equal(exchanges.get(2), 14783776); // the formula wins over the stored 5
  assert.equal(exchanges.get(3), 9); // failed formula: stored amount
  assert.equal(exchanges.get(4), 4);
  assert.equal(exchanges.get(5), 6);
  assert.equal(exchanges.get(6), 1); // differs by 1e-7 relative: within tolerance, not reported

  assert.equal(allocationFactors[0], 0.4);
  assert.equal(allocationFactors[1], 0.6);
  assert.equal(allocationFactors[2], 0.3);
  assert.equal(allocationFactors[3], 0.7);

  assert.deepEqual(
    problems.map((p) => [p.code, p.severity, p.exchangeInternalId, p.allocationFactorIndex]),
    [
      ['FORMULA_AMOUNT_MISMATCH', 'warning', 2, undefined],
      ['FORMULA_UNKNOWN_VARIABLE', 'error', 3, undefined],
      ['FORMULA_AMOUNT_MISMATCH', 'warning', undefined, 0],
      ['FORMULA_NOT_FINITE', 'error', undefined, 2],
    ],
  );
  const mismatch = problems[0];
  assert.equal(mismatch.processId, 'cement');
  assert.equal(mismatch.stored, 5);
  assert.equal(mismatch.computed, 14783776);
  assert.equal(problems[1].fallback, 9);
  assert.equal(problems[1].position, 0);
});

test('a tighter tolerance reports small differences; mismatches can be turned off', () => {
  const tight = evaluateProcessAmounts(cementProcess(), [], { tolerance: 1e-8 });
  assert.ok(tight.problems.some((p) => p.code === 'FORMULA_AMOUNT_MISMATCH' && p.exchangeInternalId === 6));
  const quiet = evaluateProcessAmounts(cementProcess(), [], { reportMismatches: false });
  assert.ok(quiet.problems.every((p) => p.code !== 'FORMULA_AMOUNT_MISMATCH'));
  assert.equal(quiet.problems.length, 2);
});

test('overrides change the amounts', () => {
  const { exchanges } = evaluateProcessAmounts(cementProcess(), [], {
    overrides: new Map([['cement:concrete', 1000]]),
    reportMismatches: false,
  });
  assert.equal(exchanges.get(1), 141);
  assert.equal(exchanges.get(2), 2000);
});

test('parameter problems are included, unless the parameters were resolved by the caller', () => {
  const process = cementProcess();
  process.parameters.push(param('loop', 1, 'loop + 1'));
  const own = evaluateProcessAmounts(process, []);
  assert.ok(own.problems.some((p) => p.code === 'FORMULA_CYCLE'));
  const parameters = resolveParameters([], process);
  const given = evaluateProcessAmounts(process, [], { parameters });
  assert.ok(given.problems.every((p) => p.code !== 'FORMULA_CYCLE'));
  assert.equal(given.parameters, parameters);
});

test('global parameters reach exchange formulas', () => {
  const process: Process = {
    id: 'p',
    name: 'p',
    type: 'unit',
    parameters: [],
    exchanges: [exchange(1, 0, 'G * 3')],
    allocationFactors: [],
  };
  const globals: Parameter[] = [{ name: 'g', value: 2, isInput: true, scope: 'global' }];
  const { exchanges } = evaluateProcessAmounts(process, globals, { reportMismatches: false });
  assert.equal(exchanges.get(1), 6);
});
