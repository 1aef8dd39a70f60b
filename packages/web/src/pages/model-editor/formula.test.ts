import { expect, test } from 'vitest';
import { checkFormula, renameInFormula } from './formula';

test('formulas the engine reads are read, with the parameters they use', () => {
  expect(checkFormula('cell_kwh * (1 - pv_share)', ['cell_kwh', 'pv_share'])).toEqual({
    ok: true,
    variables: ['cell_kwh', 'pv_share'],
  });
  expect(checkFormula('if(Mass > 10; Mass * 0.5; 5)', ['mass'])).toEqual({ ok: true, variables: ['mass'] });
  expect(checkFormula('max(a, b, 2) ^ 2 + -3 mod 2 + pi', ['a', 'b']).ok).toBe(true);
  expect(checkFormula('not x and y <> 2', ['x', 'y']).ok).toBe(true);
  expect(checkFormula('1.5e-3 * round(x; 2)', ['x']).ok).toBe(true);
});

test('each problem says what and at which column', () => {
  const problem = (text: string, parameters: string[] = []) => {
    const check = checkFormula(text, parameters);
    return check.ok ? undefined : check.problem;
  };
  expect(problem('')).toEqual({ code: 'empty', column: 1 });
  expect(problem('2 * (3 + x', ['x'])).toEqual({ code: 'unclosed', column: 5 });
  expect(problem('2 * 3)')).toEqual({ code: 'unmatched', column: 6 });
  expect(problem('2 * * 3')).toMatchObject({ code: 'syntax', column: 5 });
  expect(problem('2 x', ['x'])).toMatchObject({ code: 'syntax', column: 3 });
  expect(problem('1.2.3')).toMatchObject({ code: 'number', column: 4 });
  expect(problem('5 % 2')).toEqual({ code: 'character', column: 3, name: '%' });
  expect(problem('foo(2)')).toEqual({ code: 'unknownFunction', column: 1, name: 'foo' });
  expect(problem('if(1; 2)')).toEqual({ code: 'arity', column: 1, name: 'if' });
  expect(problem('mass * scrap', ['mass'])).toEqual({ code: 'unknownParameter', column: 8, name: 'scrap' });
  // names are matched whatever their case, as the engine does
  expect(problem('MASS * 2', ['mass'])).toBeUndefined();
});

test('renaming a parameter renames whole names only, never functions', () => {
  expect(renameInFormula('2 * Mass + mass_2 + max(mass; 1)', 'mass', 'weight')).toBe(
    '2 * weight + mass_2 + max(weight; 1)',
  );
  expect(renameInFormula('max(1; 2) + max', 'max', 'top')).toBe('max(1; 2) + top');
});
