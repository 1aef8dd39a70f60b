import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder } from '@opencfp/core';
import { carbonFootprintEntryWeights, carbonFootprintPerColumn } from './carbon-footprint.js';

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * A field tagged dLUC emitting biogenic CO2 (dLUC: counted under 0/0 too), wood emitting biogenic CO2 (counted
 * only under −1/+1) and taking up CO2, power emitting fossil CO2 and CH4.
 */
const db = new DatabaseBuilder()
  .product('crop')
  .product('wood')
  .product('electricity', { property: 'energy' })
  .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
  .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
  .elementary('co2-in-air', { name: 'Carbon dioxide, in air', category: 'Elementary flows/Resource/in air' })
  .elementary('ch4-fossil', { name: 'Methane, fossil', category: AIR })
  .elementary('water', { name: 'Water', category: 'Elementary flows/Emission to water/unspecified' })
  .process('p-crop', { tags: ['cfp:dluc'] })
  .output('crop', 1, { reference: true })
  .output('co2-biogenic', 0.7)
  .input('electricity', 0.2)
  .end()
  .process('p-wood')
  .output('wood', 1, { reference: true })
  .output('co2-biogenic', 0.1)
  .input('co2-in-air', 1.8)
  .output('water', 3)
  .end()
  .process('p-power')
  .output('electricity', 1, { reference: true })
  .output('co2-fossil', 0.4)
  .output('ch4-fossil', 0.001)
  .end()
  .build();

describe('carbonFootprintEntryWeights', () => {
  const calculator = new Calculator(db);
  const { B, elementaryFlows } = calculator.matrices;
  for (const approach of ['-1/+1', '0/0'] as const)
    it(`Σ w·B per column is the per-column counted total (${approach})`, () => {
      const w = carbonFootprintEntryWeights(calculator.matrices, db, { biogenicApproach: approach });
      const c = carbonFootprintPerColumn(calculator.matrices, db, { biogenicApproach: approach });
      assert.equal(w.length, B.nonZeros);
      for (let j = 0; j < B.cols; j++) {
        let sum = 0;
        for (let q = B.columnPointers[j]; q < B.columnPointers[j + 1]; q++) sum += w[q] * B.values[q];
        assert.ok(Math.abs(sum - c[j]) < 1e-15, `column ${j}: ${sum} vs ${c[j]}`);
      }
    });

  it('weighs an entry by its gas and by where it counts, by hand', () => {
    const weight = (approach: '-1/+1' | '0/0', processId: string, flowId: string) => {
      const w = carbonFootprintEntryWeights(calculator.matrices, db, { biogenicApproach: approach });
      const j = calculator.matrices.columnsOf(processId)[0];
      const i = elementaryFlows.indexOf(flowId);
      for (let q = B.columnPointers[j]; q < B.columnPointers[j + 1]; q++)
        if (B.rowIndex[q] === i) return w[q];
      throw new Error(`no entry ${flowId} in ${processId}`);
    };
    // Biogenic CO2 of the dLUC field counts under both approaches; the wood's only under −1/+1.
    assert.equal(weight('0/0', 'p-crop', 'co2-biogenic'), 1);
    assert.equal(weight('-1/+1', 'p-wood', 'co2-biogenic'), 1);
    assert.equal(weight('0/0', 'p-wood', 'co2-biogenic'), 0);
    assert.equal(weight('0/0', 'p-wood', 'co2-in-air'), 0);
    assert.equal(weight('-1/+1', 'p-power', 'ch4-fossil'), 29.8); // AR6 GWP100, fossil methane
    assert.equal(weight('-1/+1', 'p-wood', 'water'), 0);
  });
});
