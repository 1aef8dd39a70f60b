import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder } from '@opencfp/core';
import { carbonFootprint, carbonFootprintPerColumn } from './carbon-footprint.js';
import { RefdataError } from './errors.js';

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * Wood (uptake, biogenic CO2), a field tagged dLUC (its biogenic CO2 is dLUC, counted under 0/0 too), a pasture
 * tagged land management, fossil power with CH4, and a landfill (a waste treatment) with biogenic methane.
 */
const db = new DatabaseBuilder()
  .product('wood')
  .product('crop')
  .product('grass')
  .product('electricity', { property: 'energy' })
  .waste('scrap')
  .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
  .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
  .elementary('co2-in-air', { name: 'Carbon dioxide, in air', category: 'Elementary flows/Resource/in air' })
  .elementary('ch4-fossil', { name: 'Methane, fossil', category: AIR })
  .elementary('ch4-biogenic', { name: 'Methane, biogenic', category: AIR })
  .process('p-wood')
  .output('wood', 1, { reference: true })
  .input('co2-in-air', 1.8)
  .output('co2-biogenic', 0.1)
  .input('electricity', 0.5)
  .end()
  .process('p-crop', { tags: ['cfp:dluc'] })
  .output('crop', 1, { reference: true })
  .output('co2-biogenic', 0.7)
  .input('grass', 0.2)
  .end()
  .process('p-grass', { tags: ['cfp:land-management'] })
  .output('grass', 1, { reference: true })
  .input('co2-in-air', 0.4)
  .output('ch4-biogenic', 0.01)
  .end()
  .process('p-power')
  .output('electricity', 1, { reference: true })
  .output('co2-fossil', 0.4)
  .output('ch4-fossil', 0.001)
  .input('scrap', 0.05)
  .end()
  .process('p-landfill')
  .input('scrap', 1, { reference: true })
  .output('ch4-biogenic', 0.02)
  .input('electricity', 0.1)
  .end()
  .build();

describe('carbonFootprintPerColumn', () => {
  const calculator = new Calculator(db);
  for (const approach of ['-1/+1', '0/0'] as const)
    for (const gwpSetId of ['ipcc-ar6-gwp100', 'ipcc-ar5-gwp100'])
      it(`c · s is the footprint's total of every dataset (${gwpSetId}, ${approach})`, () => {
        const c = carbonFootprintPerColumn(calculator.matrices, db, { gwpSetId, biogenicApproach: approach });
        assert.equal(c.length, calculator.matrices.products.length);
        for (const p of calculator.matrices.products) {
          const result = calculator.calculate({ processId: p.processId, productId: p.flowId });
          const total = carbonFootprint(result, db, { gwpSetId, biogenicApproach: approach }).split.total;
          const dot = result.scaling.reduce((sum, s, j) => sum + s * c[j], 0);
          assert.ok(
            Math.abs(dot - total) <= 1e-12 * Math.max(1, Math.abs(total)),
            `${p.processId}: ${dot} ≠ ${total}`,
          );
          // m with Aᵀ m = c is the footprint per unit (a treated waste's demand is −1).
          const m = calculator.factorization?.solveTransposed(c);
          const perUnit = (p.isWaste ? -1 : 1) * (m as Float64Array)[p.index];
          assert.ok(Math.abs(perUnit - total) <= 1e-12 * Math.max(1, Math.abs(total)), `${p.processId} m`);
        }
      });

  it('counts by hand, and keeps its vector per matrices and method', () => {
    const column = (processId: string) => calculator.matrices.columnsOf(processId)[0];
    const full = carbonFootprintPerColumn(calculator.matrices, db);
    const zero = carbonFootprintPerColumn(calculator.matrices, db, { biogenicApproach: '0/0' });
    // Wood: −1.8 + 0.1 under −1/+1, nothing under 0/0; the dLUC crop's biogenic CO2 counts under both.
    assert.ok(Math.abs(full[column('p-wood')] - -1.7) < 1e-15);
    assert.equal(zero[column('p-wood')], 0);
    assert.equal(zero[column('p-crop')], 0.7);
    // Land management: uptake and biogenic CH4 (27.0) both count, under 0/0 too.
    assert.ok(Math.abs(zero[column('p-grass')] - (-0.4 + 0.27)) < 1e-15);
    assert.equal(carbonFootprintPerColumn(calculator.matrices, db), full);
    assert.throws(
      () => carbonFootprintPerColumn(calculator.matrices, db, { biogenicApproach: '1/1' as '0/0' }),
      (e: unknown) => e instanceof RefdataError && e.code === 'UNKNOWN_BIOGENIC_APPROACH',
    );
  });
});
