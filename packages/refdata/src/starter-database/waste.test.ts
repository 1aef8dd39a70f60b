import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wasteDatasets } from './waste.js';

const amount = (id: string): number => {
  const d = wasteDatasets.find((x) => x.id === id);
  assert.ok(d, id);
  return d.emissions[0].amount;
};

describe('starter waste table', () => {
  it('treats waste: the reference flow is a waste, per kg', () => {
    for (const d of wasteDatasets) {
      assert.equal(d.product.kind, 'waste', d.id);
      assert.equal(d.product.unit, 'kg', d.id);
    }
  });

  it('divides the DESNZ kg CO2e per tonne by 1000', () => {
    // Sheet "Waste disposal": paper and board (mixed), landfill 1164.4894 kg CO2e/t.
    assert.equal(amount('waste-paper-and-board-mixed-landfill-gb-2025'), 1.1644894);
    // Average plastics, incineration with energy recovery 4.68568 (collection and transport only).
    assert.equal(amount('waste-plastics-average-energy-from-waste-gb-2025'), 0.00468568);
    // Wood landfill 925.34348; commercial and industrial waste landfill 520.5327.
    assert.equal(amount('waste-wood-landfill-gb-2025'), 0.92534348);
    assert.equal(amount('waste-commercial-and-industrial-landfill-gb-2025'), 0.5205327);
  });

  it('computes the fossil CO2 of incinerating plastics with IPCC Equation 5.1', () => {
    // dm 1.00 × CF 0.75 × FCF 1.00 × OF 1.00 × 44/12 = 2.75 kg CO2 per kg of plastic waste.
    assert.equal(amount('waste-plastics-incineration-fossil-co2-ipcc-2006'), 2.75);
  });
});
