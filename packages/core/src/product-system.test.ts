import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMatrices } from './product-system.js';
import { DatabaseBuilder } from './test-support/database-builder.js';

test('signs: outputs +, inputs −, waste inputs − on the diagonal, avoided flows credited; duplicates summed', () => {
  const db = new DatabaseBuilder()
    .product('x')
    .product('y')
    .waste('w')
    .elementary('co2')
    .elementary('ore')
    .process('p-x')
    .output('x', 2)
    .input('y', 1)
    .input('y', 0.5) // two exchanges of one flow: summed to −1.5
    .output('w', 0.3)
    .output('co2', 1)
    .output('co2', 0.25) // summed to 1.25
    .input('ore', 4)
    .end()
    .process('p-y')
    .output('y', 1)
    .input('x', 0.1, { avoided: true }) // avoided product: +0.1 in the x row
    .end()
    .process('p-w')
    .input('w', 1)
    .end()
    .build();
  const m = buildMatrices(db);
  const [jx, jy, jw] = ['x', 'y', 'w'].map((f, k) => m.column(['p-x', 'p-y', 'p-w'][k], f) as number);
  // A (rows x, y, w): column p-x: x +2, y −1.5, w +0.3; column p-y: x +0.1, y +1; column p-w: w −1
  assert.equal(m.A.get(jx, jx), 2);
  assert.equal(m.A.get(jy, jx), -1.5);
  assert.equal(m.A.get(jw, jx), 0.3);
  assert.equal(m.A.get(jx, jy), 0.1);
  assert.equal(m.A.get(jw, jw), -1);
  assert.equal(m.products[jw].isWaste, true);
  // B: co2 +1.25 (release), ore −4 (extraction)
  const co2 = m.elementaryFlows.indexOf('co2');
  const ore = m.elementaryFlows.indexOf('ore');
  assert.equal(m.B.get(co2, jx), 1.25);
  assert.equal(m.B.get(ore, jx), -4);
  assert.equal(m.elementaryRows[ore].isInput, true);
  // supply links: ordinary links only (x → y, x → w); the avoided link of p-y is not a supply link
  // (entries count the links: two exchanges of y)
  assert.equal(m.supplyLinks.get(jy, jx), 2);
  assert.equal(m.supplyLinks.get(jw, jx), 1);
  assert.equal(m.supplyLinks.get(jx, jy), 0);
  assert.deepEqual(
    m.links.map((l) => [l.processId, l.flowId, l.kind, l.avoided]),
    [
      ['p-x', 'y', 'single', false],
      ['p-x', 'y', 'single', false],
      ['p-x', 'w', 'single', false],
      ['p-y', 'x', 'single', true],
    ],
  );
  assert.deepEqual(m.diagnostics, []);
});

test('build diagnostics: unknown flow, duplicate process id, process without product, bad options', () => {
  const db = new DatabaseBuilder()
    .product('x')
    .elementary('co2')
    .process('p')
    .output('x', 1)
    .input('ghost', 1)
    .end()
    .process('p')
    .output('x', 1)
    .end()
    .process('p-emitter')
    .output('co2', 1)
    .end()
    .build();
  db.processes[0].exchanges[1].unitId = 'kg';
  db.processes[0].exchanges[1].flowPropertyId = 'mass';
  const m = buildMatrices(db);
  assert.deepEqual(
    m.diagnostics.map((d) => [d.code, d.processId]),
    [
      ['UNKNOWN_FLOW', 'p'],
      ['DUPLICATE_PROCESS_ID', 'p'],
      ['PROCESS_WITHOUT_PRODUCT', 'p-emitter'],
    ],
  );
  assert.equal(m.products.length, 1);
  assert.throws(() => buildMatrices(db, { allocation: 'mass' as never }), { code: 'INVALID_OPTION' });
  assert.throws(() => buildMatrices(db, { providerLinking: 'any' as never }), { code: 'INVALID_OPTION' });
});

test('allocation factor formulas use the process parameters', () => {
  const db = new DatabaseBuilder()
    .product('a')
    .product('b')
    .elementary('co2')
    .process('p', { defaultAllocation: 'physical' })
    .param('share', 0.3)
    .output('a', 1)
    .output('b', 1)
    .output('co2', 10)
    // stored 0.5, but the formula gives 0.3 (reported as a mismatch; the formula wins)
    .allocation('physical', 'a', 0.5, { formula: 'share' })
    .allocation('physical', 'b', 0.7, { formula: '1 - share' })
    .end()
    .build();
  const m = buildMatrices(db);
  const co2 = m.elementaryFlows.indexOf('co2');
  // co2: a 10·0.3 = 3, b 10·0.7 = 7
  assert.equal(m.B.get(co2, m.column('p', 'a') as number), 3);
  assert.equal(m.B.get(co2, m.column('p', 'b') as number), 7);
  const mismatch = m.diagnostics.filter((d) => d.code === 'FORMULA_AMOUNT_MISMATCH');
  assert.equal(mismatch.length, 1);
  assert.equal(mismatch[0].details?.allocationFactorIndex, 0);
});

test('physical factors that do not sum to 1 are reported', () => {
  const db = new DatabaseBuilder()
    .product('a')
    .product('b')
    .process('p', { defaultAllocation: 'physical' })
    .output('a', 1)
    .output('b', 1)
    .allocation('physical', 'a', 0.5)
    .allocation('physical', 'b', 0.6)
    .end()
    .build();
  const d = buildMatrices(db).diagnostics;
  assert.deepEqual(
    d.map((x) => x.code),
    ['ALLOCATION_FACTORS_SUM'],
  );
  assert.ok(Math.abs((d[0].details?.sum as number) - 1.1) < 1e-12);
});
