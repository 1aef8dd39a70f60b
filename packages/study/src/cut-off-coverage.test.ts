import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder } from '@opencfp/core';
import { calculateProductModel, modelBackground, parseProductModel } from '@opencfp/model';
import { ISO_14067_2018 } from '@opencfp/refdata';
import { checkCompliance } from './check-compliance.js';
import { cutOffCoverage } from './cut-off-coverage.js';
import type { CutOffExclusion, Study } from './study.js';
import { finding } from './test-support/report-helpers.js';

const close = (actual: number | undefined, expected: number) =>
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-15, `${actual} ≠ ${expected}`);
const kg = (...amounts: number[]): CutOffExclusion[] =>
  amounts.map((co2e, i) => ({ name: `x${i}`, co2e, reason: 'estimate' }));

describe('cutOffCoverage', () => {
  it('takes kg exclusions as shares of the footprint plus the exclusions', () => {
    // 96 + 4 × 1 = 100: each 1 %, 4 % excluded, 96 % covered
    const c = cutOffCoverage(96, kg(1, 1, 1, 1));
    close(c.anticipatedTotal, 100);
    assert.deepEqual(c.shares, [0.01, 0.01, 0.01, 0.01]);
    close(c.excludedShare, 0.04);
    close(c.coveredShare, 0.96);
  });

  it('solves the anticipated total when some exclusions are given as shares', () => {
    // footprint 90, 5 kg, and 5 % of the anticipated total: A = (90 + 5) / (1 − 0.05) = 100; 5 kg → 5 %
    const c = cutOffCoverage(90, [...kg(5), { name: 'share', share: 0.05, reason: 'estimate' }]);
    close(c.anticipatedTotal, 100);
    close(c.shares[0], 0.05);
    close(c.shares[1], 0.05);
    close(c.coveredShare, 0.9);
  });

  it('counts exclusions by magnitude and leaves unknown what has no estimate', () => {
    // a removal left out (−2 kg) weighs 2 kg: A = 98 + 2 = 100
    close(cutOffCoverage(98, kg(-2)).shares[0], 0.02);
    const c = cutOffCoverage(98, [...kg(1), { name: 'unknown', reason: 'no data' }]);
    close(c.shares[0], 1 / 99);
    assert.equal(c.shares[1], undefined);
    assert.equal(c.excludedShare, undefined);
    assert.equal(c.coveredShare, undefined);
  });

  it('covers everything when nothing is excluded, and cannot share out a zero footprint', () => {
    assert.deepEqual(cutOffCoverage(8, []), {
      anticipatedTotal: 8,
      shares: [],
      excludedShare: 0,
      coveredShare: 1,
    });
    assert.equal(cutOffCoverage(0, []).excludedShare, undefined);
    // shares of 100 % or more leave nothing for the footprint
    assert.equal(cutOffCoverage(8, [{ name: 'all', share: 1, reason: 'x' }]).anticipatedTotal, undefined);
  });
});

describe('the cut-off check and background cut-offs', () => {
  // A background part that needs a 'widget' no process provides: its calculation reports CUT_OFF_FLOWS.
  const db = new DatabaseBuilder()
    .product('part')
    .product('widget')
    .elementary('co2-fossil', {
      name: 'Carbon dioxide, fossil',
      category: 'Elementary flows/Emission to air/unspecified',
    })
    .process('p-part')
    .output('part', 1, { reference: true })
    .input('widget', 0.2)
    .output('co2-fossil', 2)
    .end()
    .build();
  const background = modelBackground(db, new Calculator(db), {
    gwpSetId: 'ipcc-ar6-gwp100',
    biogenicApproach: '-1/+1',
    versionId: 'test',
  });
  const document = parseProductModel({
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'assembly',
    processes: [
      {
        id: 'assembly',
        name: 'Assembly',
        stage: 'production',
        output: { amount: 1, unit: 'item' },
        inputs: [
          { name: 'part', amount: 3, unit: 'kg', source: { kind: 'background', processId: 'p-part' } },
        ],
      },
    ],
  });
  const result = calculateProductModel(document, background);
  const study = (exclusions: CutOffExclusion[]): Study => ({
    ruleSetId: 'iso-14067-2018',
    productType: 'intermediate',
    boundary: 'cradle-to-gate',
    declaredUnit: '1 item',
    document,
    result,
    choices: { cutOff: { criteria: 'inputs without data', exclusions } },
  });

  it('asks for an estimate of what the background datasets cut off', () => {
    // 3 kg × 2 kg CO2 = 6 kg CO2e counted; the widgets (0.6 per item) are cut off in the background
    assert.equal(result.split.total, 6);
    const f = finding(checkCompliance(study([]), ISO_14067_2018), 'cut-off');
    assert.equal(f.status, 'needs-evidence');
    assert.deepEqual(f.evidence[2], {
      path: '/result/diagnostics/0/code',
      value: 'CUT_OFF_FLOWS',
      note: 'in p-part — part',
    });
  });

  it('accepts the statement once it estimates them', () => {
    const f = finding(
      checkCompliance(
        study([
          {
            name: 'widgets',
            co2e: 0.3,
            reason: 'no provider in the database',
            covers: 'background-cut-off-flows',
          },
        ]),
        ISO_14067_2018,
      ),
      'cut-off',
    );
    assert.equal(f.status, 'met');
    // 0.3 / (6 + 0.3) = 4.762 %
    assert.equal(f.message.en, '1 exclusion, 4.762 % of the anticipated total; the study covers 95.24 %');
  });
});
