import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaElectricityFactors } from './china-electricity.js';
import { RefdataError } from './errors.js';
import { builtInFactorRecords, factorRecords, searchFactors, type FactorRecord } from './factor-registry.js';
import { gwpSets } from './gwp-sets.js';

const ids = (records: readonly FactorRecord[]) => records.map((r) => r.id);

describe('factor registry', () => {
  it('holds every China electricity factor and every GWP value of every set, with sources', () => {
    const records = builtInFactorRecords();
    const gwpCount = gwpSets.reduce((n, set) => n + set.factors.length, 0);
    assert.equal(records.length, chinaElectricityFactors.length + gwpCount);
    assert.equal(new Set(ids(records)).size, records.length);
    for (const f of chinaElectricityFactors) {
      const r = records.find((x) => x.id === f.id);
      assert.ok(r, f.id);
      assert.deepEqual(
        [r.kind, r.value, r.unit, r.year, r.regionChinese],
        ['electricity', f.value, f.unit, f.year, f.region],
      );
    }
    for (const set of gwpSets)
      for (const f of set.factors) {
        const r = records.find((x) => x.id === `${set.id}:${f.species}`);
        assert.ok(r, `${set.id}:${f.species}`);
        assert.deepEqual([r.kind, r.value, r.species, r.unit], ['gwp', f.value, f.species, 'kg CO2 eq/kg']);
      }
    for (const r of records) {
      assert.ok(r.source.issuer && r.source.document && r.licence && r.basis && r.name, r.id);
      assert.ok(Number.isFinite(r.value), r.id);
    }
  });

  it('finds a regional grid by its Chinese name, and a province by its English name', () => {
    // 华东 regional grid, 2023: 0.55 kg CO2/kWh
    const east = searchFactors('华东', { year: 2023 });
    assert.deepEqual(ids(east), ['cn-co2-location-average-2023-east-china']);
    assert.equal(east[0].value, 0.55);
    assert.deepEqual(ids(searchFactors('East China')), ids(searchFactors('华东')));
    assert.deepEqual(
      searchFactors('Jiangsu').map((r) => [r.year, r.value]),
      [
        [2021, 0.6451],
        [2022, 0.5978],
        [2023, 0.5827],
      ],
    );
    assert.deepEqual(ids(searchFactors('江苏')), ids(searchFactors('jiangsu')));
  });

  it('filters by region in either language, by year and by kind', () => {
    assert.deepEqual(
      ids(searchFactors(undefined, { region: '江苏' })),
      ids(searchFactors(undefined, { region: 'JIANGSU' })),
    );
    assert.equal(searchFactors(undefined, { region: 'Jiangsu' }).length, 3);
    // national: 3 CO2 rows × 3 years + 21 carbon-footprint values
    assert.equal(searchFactors(undefined, { region: 'China' }).length, 9 + 21);
    assert.equal(searchFactors(undefined, { region: '全国', year: 2024 }).length, 11);
    assert.equal(searchFactors(undefined, { kind: 'electricity', year: 2023 }).length, 40 + 10);
    assert.deepEqual(searchFactors(undefined, { region: 'Atlantis' }), []);
  });

  it('finds GWP values by species, Chinese name and CAS number', () => {
    const n2o = searchFactors('N2O', { kind: 'gwp' });
    assert.equal(n2o.length, gwpSets.filter((s) => s.factors.some((f) => f.species === 'N2O')).length);
    assert.equal(searchFactors('N2O ar6-gwp100')[0].value, 273);
    assert.deepEqual(ids(searchFactors('氧化亚氮 ar6-gwp100')), ['ipcc-ar6-gwp100:N2O']);
    assert.deepEqual(ids(searchFactors('10024-97-2 ar6-gwp100')), ['ipcc-ar6-gwp100:N2O']);
    const fossil = searchFactors('ipcc-ar6-gwp100:CH4-fossil')[0];
    assert.equal(fossil.value, 29.8);
    assert.equal(fossil.nameChinese, '甲烷（化石）, IPCC AR6 GWP100');
    assert.match(fossil.source.document, /Table 7\.15/);
  });

  it('finds electricity factors by generation type in English or Chinese', () => {
    assert.deepEqual(ids(searchFactors('燃煤', { year: 2024 })), ['cn-life-cycle-coal-2024']);
    assert.deepEqual(ids(searchFactors('coal 2024')), ['cn-life-cycle-coal-2024']);
    assert.deepEqual(
      searchFactors('输配电').map((r) => [r.year, r.value]),
      [
        [2023, 0.0036],
        [2024, 0.0046],
        [2024, 0.0327],
      ],
    );
  });

  it('takes records from other providers without editing the registry, and refuses duplicate ids', () => {
    const extra: FactorRecord = {
      id: 'starter:test-dataset',
      kind: 'dataset',
      name: 'Test dataset (illustrative)',
      value: 1.5,
      unit: 'kg CO2e/kg',
      region: 'Jiangsu',
      regionChinese: '江苏',
      year: 2023,
      basis: 'illustrative',
      source: { issuer: 'nobody', document: 'illustrative' },
      licence: 'CC0',
    };
    const provider = () => [extra];
    assert.equal(factorRecords([provider]).length, builtInFactorRecords().length + 1);
    assert.deepEqual(ids(searchFactors(undefined, { region: '江苏', year: 2023 }, [provider])), [
      'cn-co2-location-average-2023-jiangsu',
      'starter:test-dataset',
    ]);
    assert.deepEqual(ids(searchFactors(undefined, { kind: 'Dataset' }, [provider])), [
      'starter:test-dataset',
    ]);
    assert.throws(
      () => factorRecords([provider, provider]),
      (e: unknown) => e instanceof RefdataError && e.code === 'DUPLICATE_FACTOR_ID',
    );
  });
});
