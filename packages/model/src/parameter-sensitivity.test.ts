import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelError } from './errors.js';
import { parameterSensitivity } from './parameter-sensitivity.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );

/**
 * Per kg: a·b kg of fossil CO2 and c kg of fossil CH4 (AR6 GWP100 29.8), d kg of N2O. a = 2 ~ U(1, 3), b = 5 (no
 * uncertainty: ±10 %), c = 0.1 ~ N(0.1, 0.01²), d = 0. Base total 2 · 5 + 0.1 · 29.8 = 12.98.
 */
const doc: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'p',
  parameters: [
    { name: 'a', value: 2, uncertainty: { distribution: 'uniform', min: 1, max: 3 } },
    { name: 'b', value: 5, unit: 'kg' },
    { name: 'c', value: 0.1, uncertainty: { distribution: 'normal', sd: 0.01 } },
    { name: 'd', value: 0 },
    { name: 'ab', formula: 'a * b' },
  ],
  scenarios: [{ id: 'more-a', name: 'More a', parameters: { a: 2.5 } }],
  processes: [
    {
      id: 'p',
      name: 'P',
      output: { amount: 1, unit: 'kg' },
      emissions: [
        { gas: 'CO2', amount: 'ab' },
        { gas: 'CH4', amount: 'c' },
        { gas: 'N2O', amount: 'd' },
      ],
    },
  ],
};

describe('parameterSensitivity (tornado)', () => {
  it('low and high totals by hand, largest swing first', () => {
    const t = parameterSensitivity(parseProductModel(doc), undefined);
    close(t.base, 12.98, 'base');
    assert.deepEqual(
      t.parameters.map((p) => p.parameter),
      ['a', 'b', 'c', 'd'],
    );
    const [a, b, c, d] = t.parameters;
    // a: P5/P95 of U(1, 3) = 1.1 and 2.9 → 5.5 + 2.98 and 14.5 + 2.98.
    assert.equal(a.basis, 'uncertainty-p5-p95');
    close(a.low, 1.1, 'a low');
    close(a.high, 2.9, 'a high');
    close(a.totalLow, 8.48, 'a total low');
    close(a.totalHigh, 17.48, 'a total high');
    close(a.swing, 9, 'a swing');
    close(a.deltaLow, -4.5, 'a delta low');
    // b: ±10 % → 4.5 and 5.5 → 9 + 2.98 and 11 + 2.98.
    assert.equal(b.basis, 'relative-change');
    assert.equal(b.unit, 'kg');
    close(b.totalLow, 11.98, 'b total low');
    close(b.totalHigh, 13.98, 'b total high');
    // c: 0.1 ∓ 1.6448536269514722 · 0.01, times 29.8.
    const z = 1.6448536269514722;
    assert.ok(Math.abs(c.low - (0.1 - z * 0.01)) < 1e-15);
    close(c.swing, 29.8 * 2 * z * 0.01, 'c swing');
    assert.equal(d.swing, 0);
    assert.ok(
      t.notes.some((n) => /'d' is 0/.test(n)),
      t.notes.join('; '),
    );
    assert.equal(t.parameters[0].path, '/parameters/0');
  });

  it('in a scenario: its values are the base, and uniform bounds move with it', () => {
    const t = parameterSensitivity(parseProductModel(doc), undefined, {
      scenarioId: 'more-a',
      relativeChange: 0.2,
    });
    close(t.base, 2.5 * 5 + 2.98, 'base');
    const a = t.parameters.find((p) => p.parameter === 'a');
    assert.ok(a);
    assert.equal(a.value, 2.5);
    close(a.low, 1.6, 'a low');
    close(a.high, 3.4, 'a high');
    const b = t.parameters.find((p) => p.parameter === 'b');
    close(b?.low ?? 0, 4, 'b low (−20 %)');
    assert.equal(t.scenario, 'more-a');
    assert.throws(
      () => parameterSensitivity(parseProductModel(doc), undefined, { relativeChange: 1.5 }),
      ModelError,
    );
  });
});
