import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ACCOUNTING_RULES,
  accountElectricity,
  chinaGridFactor,
  chinaResidualMix,
  type ElectricityInstrument,
  type QualityCriteria,
} from './electricity-accounting.js';
import { RefdataError } from './errors.js';

const close = (actual: number, expected: number) =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

const rejects = (code: string) => (e: unknown) => e instanceof RefdataError && e.code === code;

const allMet: QualityCriteria = {
  uniqueClaim: true,
  trackedAndCancelled: true,
  timeMatch: true,
  marketMatch: true,
};

// Illustrative instruments; their factors are the published 2024 life-cycle factors of wind and PV.
const gec: ElectricityInstrument = {
  id: 'gec-wind',
  kind: 'green-electricity-certificate',
  kWh: 4000,
  factor: 0.0324,
  factorSource: '2024年风力发电碳足迹因子',
  criteria: allMet,
};
const ppa: ElectricityInstrument = {
  id: 'ppa-pv',
  kind: 'ppa',
  kWh: 3000,
  factor: 0.052,
  factorSource: '2024年光伏发电碳足迹因子',
  criteria: { ...allMet, marketMatch: false },
};
const onSite: ElectricityInstrument = {
  id: 'rooftop-pv',
  kind: 'on-site',
  kWh: 1000,
  factor: 0.052,
  factorSource: '2024年光伏发电碳足迹因子',
  criteria: allMet,
  directConnection: { physical: true, contractual: true },
};

describe('electricity accounting', () => {
  it('location-based: all consumption at the grid average of the region and year', () => {
    const result = accountElectricity({
      choice: 'location-based',
      consumptionKWh: 1000,
      gridFactor: chinaGridFactor('江苏', 2023),
      instruments: [gec],
    });
    // 1000 kWh × 0.5827 kg CO2/kWh (Jiangsu 2023) = 582.7 kg CO2
    close(result.totalEmissions, 582.7);
    close(result.averageFactor, 0.5827);
    assert.equal(result.emissionsUnit, 'kg CO2');
    assert.deepEqual(
      result.lines.map((l) => [l.basis, l.id, l.kWh]),
      [['grid', 'cn-co2-location-average-2023-jiangsu', 1000]],
    );
    assert.equal(result.rejected.length, 0);
    assert.ok(result.notes.some((n) => /not used in location-based/.test(n)));
    assert.ok(result.notes.some((n) => /operational CO2 factor/.test(n)));
    assert.throws(
      () => accountElectricity({ choice: 'location-based', consumptionKWh: 1 }),
      rejects('GRID_FACTOR_REQUIRED'),
    );
  });

  it('market-based: accepted instruments at their factor, rejected ones with reasons, the rest at the residual mix', () => {
    const result = accountElectricity({
      choice: 'market-based',
      consumptionKWh: 10000,
      residualMix: chinaResidualMix(2023),
      instruments: [gec, ppa, onSite],
    });
    // GEC 4000 × 0.0324 = 129.6; on-site 1000 × 0.052 = 52; PPA rejected (market match);
    // remainder 10000 − 5000 = 5000 × 0.6096 (national, excluding market-traded non-fossil, 2023) = 3048
    // total 129.6 + 52 + 3048 = 3229.6
    assert.deepEqual(
      result.lines.map((l) => [l.basis, l.id, l.kWh]),
      [
        ['instrument', 'gec-wind', 4000],
        ['instrument', 'rooftop-pv', 1000],
        ['residual-mix', 'cn-co2-excluding-market-non-fossil-2023-national', 5000],
      ],
    );
    close(result.lines[0].emissions, 129.6);
    close(result.lines[1].emissions, 52);
    close(result.lines[2].emissions, 3048);
    close(result.totalEmissions, 3229.6);
    close(result.averageFactor, 0.32296);
    assert.deepEqual(result.rejected, [
      {
        id: 'ppa-pv',
        kind: 'ppa',
        kWh: 3000,
        reasons: ['not from the same grid / market boundary as the consumption (market match)'],
      },
    ]);
    assert.equal(result.emissionsUnit, 'kg (CO2 and CO2e mixed)');
    assert.ok(result.notes.some((n) => /residual-like factor/.test(n)));
  });

  it('market-based: names every criterion an instrument fails, and hourly matching when the study asks', () => {
    const bad: ElectricityInstrument = {
      ...gec,
      id: 'bad',
      criteria: { uniqueClaim: false, trackedAndCancelled: false, timeMatch: false, marketMatch: false },
    };
    const hourly = accountElectricity({
      choice: 'market-based',
      consumptionKWh: 5000,
      residualMix: { value: 0.5, unit: 'kg CO2e/kWh', source: 'illustrative residual mix' },
      instruments: [
        bad,
        gec,
        { ...gec, id: 'hourly-gec', kWh: 1000, criteria: { ...allMet, hourlyMatch: true } },
      ],
      timeMatching: 'hourly',
    });
    assert.equal(hourly.rejected[0].reasons.length, 5);
    assert.match(hourly.rejected[1].reasons[0], /hourly/);
    // hourly-gec 1000 × 0.0324 = 32.4; remainder 4000 × 0.5 = 2000; total 2032.4 kg CO2e
    close(hourly.totalEmissions, 2032.4);
    assert.equal(hourly.emissionsUnit, 'kg CO2e');
    assert.throws(
      () => accountElectricity({ choice: 'market-based', consumptionKWh: 1000, instruments: [gec] }),
      rejects('RESIDUAL_MIX_REQUIRED'),
    );
    assert.throws(
      () =>
        accountElectricity({
          choice: 'market-based',
          consumptionKWh: 3000,
          residualMix: chinaResidualMix(2023),
          instruments: [gec],
        }),
      rejects('INSTRUMENTS_EXCEED_CONSUMPTION'),
    );
  });

  it('residual-mix: all consumption at the residual mix', () => {
    const result = accountElectricity({
      choice: 'residual-mix',
      consumptionKWh: 2000,
      residualMix: chinaResidualMix(2022),
      instruments: [gec],
    });
    // 2000 × 0.5856 (2022, excluding market-traded non-fossil) = 1171.2 kg CO2
    close(result.totalEmissions, 1171.2);
    assert.equal(result.lines.length, 1);
    assert.equal(result.emissionsUnit, 'kg CO2');
    const other = accountElectricity({
      choice: 'residual-mix',
      consumptionKWh: 100,
      residualMix: { value: 0.4, unit: 'kg CO2e/kWh', source: 'user residual mix (illustrative)' },
    });
    close(other.totalEmissions, 40); // 100 × 0.4
  });

  it('eu-battery: only a direct connection or the national grid mix; certificates and PPAs rejected', () => {
    const directLine: ElectricityInstrument = {
      id: 'wind-direct-line',
      kind: 'direct-line',
      kWh: 2500,
      factor: 0.0324,
      factorSource: '2024年风力发电碳足迹因子',
      criteria: allMet,
      directConnection: { physical: true, contractual: true },
    };
    const result = accountElectricity({
      choice: 'eu-battery',
      consumptionKWh: 10000,
      gridFactor: chinaGridFactor('全国', 2024, 'life-cycle'),
      instruments: [
        directLine,
        gec,
        { ...ppa, criteria: allMet },
        { ...onSite, id: 'no-contract', directConnection: { physical: true, contractual: false } },
      ],
    });
    // direct line 2500 × 0.0324 = 81; grid 7500 × 0.5777 (national life-cycle 2024) = 4332.75; total 4413.75
    assert.deepEqual(
      result.lines.map((l) => [l.basis, l.id, l.kWh]),
      [
        ['instrument', 'wind-direct-line', 2500],
        ['grid', 'cn-life-cycle-national-average-2024', 7500],
      ],
    );
    close(result.totalEmissions, 4413.75);
    assert.equal(result.emissionsUnit, 'kg CO2e');
    assert.deepEqual(
      result.rejected.map((r) => r.id),
      ['gec-wind', 'ppa-pv', 'no-contract'],
    );
    assert.match(result.rejected[0].reasons[0], /certificates/);
    assert.match(result.rejected[1].reasons[0], /PPA/);
    assert.deepEqual(result.rejected[2].reasons, [
      'no contract giving the electricity and its attributes to this plant only',
    ]);
    assert.ok(result.notes.some((n) => /Ares\(2024\)3131389/.test(n)));
    assert.throws(
      () =>
        accountElectricity({
          choice: 'eu-battery',
          consumptionKWh: 1,
          gridFactor: chinaGridFactor('华东', 2023),
        }),
      rejects('EU_BATTERY_NATIONAL_MIX_REQUIRED'),
    );
  });

  it('rejects bad input with coded errors and documents every rule', () => {
    assert.throws(
      () =>
        accountElectricity({
          choice: 'location-based',
          consumptionKWh: -1,
          gridFactor: chinaGridFactor('全国', 2023),
        }),
      rejects('INVALID_CONSUMPTION'),
    );
    assert.throws(
      () =>
        accountElectricity({
          choice: 'market-based',
          consumptionKWh: 1,
          residualMix: chinaResidualMix(2023),
          instruments: [{ ...gec, kWh: Number.NaN }],
        }),
      rejects('INVALID_INSTRUMENT'),
    );
    assert.throws(() => chinaResidualMix(2024), rejects('UNKNOWN_CHINA_ELECTRICITY_FACTOR'));
    for (const rule of Object.values(ACCOUNTING_RULES)) assert.ok(rule.length > 50);
  });
});
