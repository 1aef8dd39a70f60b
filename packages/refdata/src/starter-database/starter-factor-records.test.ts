import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { factorRecords, searchFactors } from '../factor-registry.js';
import { starterFactorRecords } from './starter-factor-records.js';
import { starterTables } from './starter-tables.js';

describe('starterFactorRecords', () => {
  it('registers every starter dataset once, with its source and licence, beside the built-in factors', () => {
    const records = starterFactorRecords();
    assert.equal(records.length, starterTables.datasets.length);
    const all = factorRecords([starterFactorRecords]); // throws on a duplicate id
    assert.equal(all.filter((r) => r.kind === 'starter-dataset').length, records.length);
    for (const r of records) {
      assert.ok(r.source.issuer && r.source.document && r.licence, r.id);
      assert.match(r.basis, /starter data/);
    }
  });

  it('values are the AR6 GWP100 footprint per reference unit (hand-computed for diesel)', () => {
    const [diesel] = searchFactors('diesel stationary', {}, [starterFactorRecords]);
    // IPCC 2006 Vol. 2 Table 2.2, energy industries: 74,100 kg CO2 + 3 kg CH4 · 29.8 + 0.6 kg N2O · 273 per TJ
    // = 74,353.2 kg CO2e per TJ = 0.0743532 kg CO2e per MJ.
    assert.equal(diesel.id, 'starter:fuel-diesel-stationary-combustion-ipcc-2006');
    assert.ok(Math.abs(diesel.value - 0.0743532) < 1e-15);
    assert.equal(diesel.unit, 'kg CO2e/MJ');
  });
});
