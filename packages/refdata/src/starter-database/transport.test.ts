import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { transportDatasets } from './transport.js';

describe('starter transport table (DESNZ/Defra conversion factors 2025)', () => {
  it('keeps the published total: CO2 column + the CH4 and N2O remainder', () => {
    // Published "kg CO2e" totals per tonne.km, sheet "Freighting goods".
    const totals: Record<string, number> = {
      'transport-lorry-hgv-average-laden-gb-2025': 0.10163,
      'transport-lorry-hgv-articulated-over-33t-average-laden-gb-2025': 0.07703,
      'transport-rail-freight-train-gb-2025': 0.02779,
      'transport-sea-container-ship-average-2025': 0.01612,
      'transport-sea-bulk-carrier-average-2025': 0.00353,
      'transport-sea-general-cargo-average-2025': 0.01321,
      'transport-air-freight-international-without-rf-2025': 0.5313,
    };
    assert.deepEqual(transportDatasets.map((d) => d.id).sort(), Object.keys(totals).sort());
    for (const d of transportDatasets) {
      assert.equal(d.product.unit, 't*km');
      assert.deepEqual(
        d.emissions.map((e) => e.flow),
        ['co2-fossil', 'co2e-preaggregated'],
      );
      const sum = d.emissions[0].amount + d.emissions[1].amount;
      assert.ok(Math.abs(sum - totals[d.id]) < 1e-15, `${d.id}: ${sum}`);
      assert.ok(d.gwpBasis?.includes('AR5'));
    }
    // HGV: 0.10163 − 0.10012 = 0.00151 (= published CH4 0.00002 + N2O 0.00149).
    const hgv = transportDatasets.find((d) => d.id === 'transport-lorry-hgv-average-laden-gb-2025');
    assert.equal(hgv?.emissions[1].amount, 0.00151);
  });

  it('uses the air freight value without radiative forcing and tags it as aircraft', () => {
    const air = transportDatasets.find((d) => d.id === 'transport-air-freight-international-without-rf-2025');
    assert.equal(air?.emissions[0].amount, 0.52583);
    assert.ok(air?.tags?.includes('cfp:aircraft'));
    assert.equal(transportDatasets.filter((d) => d.tags?.includes('cfp:aircraft')).length, 1);
  });
});
