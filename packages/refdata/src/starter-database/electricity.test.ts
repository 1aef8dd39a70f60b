import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaElectricityFactor } from '../china-electricity.js';
import { electricityDatasets, electricitySources } from './electricity.js';

const dataset = (id: string) => {
  const d = electricityDatasets.find((x) => x.id === id);
  assert.ok(d, id);
  return d;
};

describe('starter electricity table (China official factors)', () => {
  it('covers the nation, 7 regional grids and 30 provinces with the latest CO2 factor', () => {
    const grids = electricityDatasets.filter((d) => /^electricity-grid-cn-.*-co2-\d{4}$/.test(d.id));
    // national + excluding market-traded non-fossil + 7 regional + 30 provincial
    assert.equal(grids.length, 39);
    assert.equal(grids.filter((d) => d.category.endsWith('Regional grids')).length, 7);
    assert.equal(grids.filter((d) => d.category.endsWith('Provinces')).length, 30);
    for (const d of grids) {
      assert.equal(d.year, 2023);
      assert.equal(d.emissions.length, 1);
      assert.equal(d.emissions[0].flow, 'co2-fossil');
      assert.ok(d.description.includes('NOT a life-cycle'), d.id);
    }
  });

  it('takes every number from the china-electricity records', () => {
    assert.equal(
      dataset('electricity-grid-cn-jiangsu-co2-2023').emissions[0].amount,
      chinaElectricityFactor({ region: '江苏', year: 2023 }).value,
    );
    assert.equal(dataset('electricity-grid-cn-east-china-co2-2023').geography, 'CN-华东');
    assert.equal(dataset('electricity-grid-cn-jiangsu-co2-2023').geography, 'CN-JS');
    const lifeCycle = dataset('electricity-grid-cn-national-life-cycle-2024');
    assert.deepEqual(
      lifeCycle.emissions.map((e) => [e.flow, e.amount]),
      [
        [
          'co2e-preaggregated',
          chinaElectricityFactor({ region: '全国', year: 2024, scope: 'life-cycle' }).value,
        ],
      ],
    );
    assert.ok(lifeCycle.gwpBasis?.startsWith('not stated'));
    assert.equal(
      electricityDatasets.filter((d) => /^electricity-cn-.*-life-cycle-2024$/.test(d.id)).length,
      8,
    );
  });

  it('cites the announcements with their publication year and licence', () => {
    const used = new Set(electricityDatasets.map((d) => d.sourceId));
    assert.deepEqual(new Set(electricitySources.map((s) => s.id)), used);
    for (const s of electricitySources) assert.ok(s.year >= 2024 && s.licence.length > 20, s.id);
  });
});
