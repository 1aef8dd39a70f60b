import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { energyDatasets, energySources } from './energy.js';

const amounts = (id: string): Record<string, number> => {
  const d = energyDatasets.find((x) => x.id === id);
  assert.ok(d, id);
  return Object.fromEntries(d.emissions.map((e) => [e.flow, e.amount]));
};

describe('starter energy table (IPCC 2006 Vol. 2 defaults)', () => {
  it('has the fuels the brief asks for, each with CO2, CH4 and N2O per MJ and a kg conversion', () => {
    assert.equal(energyDatasets.length, 11);
    for (const d of energyDatasets) {
      assert.equal(d.product.unit, 'MJ');
      assert.deepEqual(
        d.emissions.map((e) => e.flow),
        ['co2-fossil', 'ch4-fossil', 'n2o'],
      );
      assert.equal(d.product.conversions?.[0].unit, 'kg');
      assert.equal(d.sourceId, energySources[0].id);
    }
  });

  it('divides the published kg/TJ by 10^6 (hand-checked)', () => {
    // Table 1.4 gas/diesel oil 74 100 kg CO2/TJ; Table 2.2 energy industries 3 kg CH4/TJ, 0.6 kg N2O/TJ.
    assert.deepEqual(amounts('fuel-diesel-stationary-combustion-ipcc-2006'), {
      'co2-fossil': 0.0741,
      'ch4-fossil': 0.000003,
      n2o: 0.0000006,
    });
    // Table 1.4 natural gas 56 100; Table 2.2 1 and 0.1.
    assert.deepEqual(amounts('fuel-natural-gas-stationary-combustion-ipcc-2006'), {
      'co2-fossil': 0.0561,
      'ch4-fossil': 0.000001,
      n2o: 0.0000001,
    });
    // Table 1.4 other bituminous coal 94 600; Table 2.2 coal 1 and 1.5.
    assert.deepEqual(amounts('fuel-other-bituminous-coal-stationary-combustion-ipcc-2006'), {
      'co2-fossil': 0.0946,
      'ch4-fossil': 0.000001,
      n2o: 0.0000015,
    });
    // Table 3.2.2 gas/diesel oil: 3.9 and 3.9; low-mileage gasoline LDV 1995+: 3.8 and 5.7.
    assert.deepEqual(amounts('fuel-diesel-road-vehicles-ipcc-2006'), {
      'co2-fossil': 0.0741,
      'ch4-fossil': 0.0000039,
      n2o: 0.0000039,
    });
    assert.deepEqual(amounts('fuel-motor-gasoline-road-vehicles-ipcc-2006'), {
      'co2-fossil': 0.0693,
      'ch4-fossil': 0.0000038,
      n2o: 0.0000057,
    });
    // Table 1.4 jet kerosene 71 500; Table 3.6.5 aviation 0.5 and 2.
    assert.deepEqual(amounts('fuel-jet-kerosene-aircraft-ipcc-2006'), {
      'co2-fossil': 0.0715,
      'ch4-fossil': 0.0000005,
      n2o: 0.000002,
    });
  });

  it('converts MJ to kg with the Table 1.2 net calorific values', () => {
    const kgPerMj = (id: string) => energyDatasets.find((d) => d.id === id)?.product.conversions?.[0].amount;
    assert.equal(kgPerMj('fuel-lpg-stationary-combustion-ipcc-2006'), 1 / 47.3);
    assert.equal(kgPerMj('fuel-anthracite-stationary-combustion-ipcc-2006'), 1 / 26.7);
    assert.equal(kgPerMj('fuel-coking-coal-stationary-combustion-ipcc-2006'), 1 / 28.2);
    assert.equal(kgPerMj('fuel-residual-fuel-oil-stationary-combustion-ipcc-2006'), 1 / 40.4);
  });

  it('tags aircraft combustion for the ISO 14067 / PACT aircraft split', () => {
    const tagged = energyDatasets.filter((d) => d.tags?.includes('cfp:aircraft')).map((d) => d.id);
    assert.deepEqual(tagged, ['fuel-jet-kerosene-aircraft-ipcc-2006']);
  });
});
