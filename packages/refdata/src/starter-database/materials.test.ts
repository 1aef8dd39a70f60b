import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { materialDatasets, materialSources } from './materials.js';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('starter materials table', () => {
  const sourceIds = new Set(materialSources.map((s) => s.id));

  it('has unique slug ids for sources and datasets', () => {
    assert.equal(sourceIds.size, materialSources.length, 'duplicate source id');
    assert.equal(
      new Set(materialDatasets.map((d) => d.id)).size,
      materialDatasets.length,
      'duplicate dataset id',
    );
    for (const id of [...sourceIds, ...materialDatasets.map((d) => d.id)]) assert.match(id, SLUG);
  });

  it('gives every source a title, issuer, year and licence, and uses every source', () => {
    const used = new Set(materialDatasets.map((d) => d.sourceId));
    for (const s of materialSources) {
      assert.ok(s.title.trim() && s.issuer.trim() && s.licence.trim(), s.id);
      assert.ok(Number.isInteger(s.year) && s.year >= 1990 && s.year <= 2030, `${s.id} year ${s.year}`);
      assert.ok(used.has(s.id), `${s.id} is not used by any dataset`);
    }
  });

  for (const d of materialDatasets) {
    it(`${d.id}: known source, year, geography, boundary, positive amounts with derivations`, () => {
      assert.ok(sourceIds.has(d.sourceId), `unknown source ${d.sourceId}`);
      assert.ok(Number.isInteger(d.year) && d.year >= 1990 && d.year <= 2030, `year ${d.year}`);
      assert.ok(d.geography.trim(), 'geography');
      assert.ok(d.boundary.trim() && d.description.trim() && d.name.trim() && d.nameZh.trim());
      assert.notEqual(d.illustrative, true, 'shipped data must not be illustrative');
      assert.ok(d.emissions.length > 0, 'no emissions');
      assert.equal(new Set(d.emissions.map((e) => e.flow)).size, d.emissions.length, 'flow listed twice');
      for (const e of d.emissions) {
        assert.ok(Number.isFinite(e.amount) && e.amount > 0, `${e.flow} amount ${e.amount}`);
        assert.ok(e.derivation.trim().length > 20, `${e.flow} derivation`);
      }
      if (d.emissions.some((e) => e.flow === 'co2e-preaggregated')) assert.ok(d.gwpBasis?.trim(), 'gwpBasis');
    });
  }

  it('transcribes the converted values (t per t → kg per kg)', () => {
    const amount = (id: string): number => {
      const d = materialDatasets.find((x) => x.id === id);
      assert.ok(d, id);
      return d.emissions[0].amount;
    };
    // NGA EPD: 1,430 kg CO2e per metric ton / 1,000 kg = 1.43
    assert.equal(amount('flat-glass-us-2019'), 1430 / 1000);
    // Dictuc: 4,022 kg CO2e per tonne Li2CO3 / 1,000 kg = 4.022
    assert.equal(amount('lithium-carbonate-brine-cl-2020'), 4022 / 1000);
    // GNR 2011: 629 kg CO2 per tonne cementitious / 1,000 kg = 0.629
    assert.equal(amount('cement-cementitious-glo-2011'), 629 / 1000);
  });

  it('transcribes the USLCI secondary aluminium gases per kg and reproduces the engine total', () => {
    const d = materialDatasets.find((x) => x.id === 'aluminium-secondary-ingot-rna-2010');
    assert.ok(d);
    const amount = (flow: string): number => {
      const e = d.emissions.find((x) => x.flow === flow);
      assert.ok(e, flow);
      return e.amount;
    };
    // Dataset exchanges per 1,000 kg of ingot, divided by 1,000.
    assert.equal(amount('co2-fossil'), 634.39 / 1000);
    assert.equal(amount('ch4-fossil'), 1.0617 / 1000);
    assert.equal(amount('n2o'), 0.0064891 / 1000);
    assert.equal(amount('co2-uptake'), 6.8583 / 1000);
    // PFCs with AR6 GWP100: (0.0010868 × 7380 + 0.0001498 × 12400) / 1000 = (8.020584 + 1.85752) / 1000
    // = 0.009878104 kg CO2e
    assert.ok(Math.abs(amount('co2e-preaggregated') - 0.009878104) < 1e-12);
    // AR6 total: 0.63439 + 0.0010617 × 29.8 + 6.4891e-6 × 273 + 2.3869e-13 × 25200 + 0.009878104 − 0.0068583
    // = 0.63439 + 0.03163866 + 0.0017715243 + 0.000000006 + 0.009878104 − 0.0068583 = 0.6708199943;
    // `cfp calc` on the USLCI JSON-LD gives 0.6708223 (the 2.3e-6 difference is the trace halocarbons left out).
    const total =
      amount('co2-fossil') +
      amount('ch4-fossil') * 29.8 +
      amount('n2o') * 273 +
      amount('sf6') * 25200 +
      amount('co2e-preaggregated') -
      amount('co2-uptake');
    assert.ok(Math.abs(total - 0.6708199943) < 1e-9, `${total}`);
    assert.ok(Math.abs(total - 0.6708223) < 5e-6);
  });

  it('keeps the Istrate et al. lithium totals as published (kg CO2e per kg, no conversion)', () => {
    const amount = (id: string): number => materialDatasets.find((x) => x.id === id)!.emissions[0].amount;
    assert.equal(amount('lithium-hydroxide-spodumene-cn-2024'), 17.237322942113362);
    assert.equal(amount('lithium-hydroxide-brine-cl-2024'), 7.702184421104804);
    assert.equal(amount('lithium-carbonate-spodumene-cn-2024'), 24.105141972718634);
  });

  it('route values of worldsteel reproduce its published 2022 global intensity', () => {
    const route = (id: string): number => materialDatasets.find((x) => x.id === id)!.emissions[0].amount;
    // Route shares 72% / 21% / 7% are from the same page of the report.
    // 2.33 × 0.72 + 0.68 × 0.21 + 1.37 × 0.07 = 1.6776 + 0.1428 + 0.0959 = 1.9163; worldsteel publishes 1.91,
    // which is within the rounding of the whole-percent shares (|1.9163 − 1.91| = 0.0063 < 0.01).
    const global =
      route('steel-crude-bf-bof-glo-2022') * 0.72 +
      route('steel-crude-scrap-eaf-glo-2022') * 0.21 +
      route('steel-crude-dri-eaf-glo-2022') * 0.07;
    assert.ok(Math.abs(global - 1.9163) < 1e-9, `${global}`);
    assert.ok(Math.abs(global - 1.91) < 0.01);
  });
});
