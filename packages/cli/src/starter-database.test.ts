// The bundled starter database read the way users read it (formats' readDatabase), every process calculated
// with the core Calculator and the refdata AR6 GWP100 method, and hand-computed totals for a few datasets.
// Here rather than in @opencfp/refdata, which must not depend on @opencfp/formats.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Calculator, type Database } from '@opencfp/core';
import { readDatabase } from '@opencfp/formats';
import {
  gwpImpactMethod,
  STARTER_DATA_NOTICE,
  STARTER_DATA_TAG,
  starterDatabasePath,
  starterId,
  starterTables,
} from '@opencfp/refdata';
import { main } from './main.js';

let db: Database;
let calculator: Calculator;

before(async () => {
  const { data, issues, format } = await readDatabase(starterDatabasePath());
  assert.equal(format.format, 'json-ld');
  assert.deepEqual(issues, [], 'the starter database reads without any issue');
  db = data;
  const { method, unmapped } = gwpImpactMethod(db.flows);
  assert.deepEqual(unmapped, [], 'every greenhouse gas flow of the starter database is mapped');
  calculator = new Calculator(db, { impactMethod: method });
});

/** kg CO2e (AR6 GWP100) of `amount` reference units of the product of a starter dataset. */
function footprint(datasetId: string, amount = 1): number {
  const result = calculator.calculate({ processId: starterId(`process/${datasetId}`), amount });
  assert.deepEqual(result.diagnostics, [], datasetId);
  return result.impacts?.[0].amount ?? Number.NaN;
}

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${what}: ${actual} ≠ ${expected}`);

describe('starter database', () => {
  it('holds one process per dataset, named as starter data', () => {
    assert.equal(db.processes.length, starterTables.datasets.length);
    assert.match(db.name ?? '', /starter/);
    for (const p of db.processes) {
      assert.ok(p.tags?.includes(STARTER_DATA_TAG), p.name);
      assert.ok(p.description?.endsWith(STARTER_DATA_NOTICE), p.name);
      assert.ok(!/illustrative/i.test(`${p.name} ${p.description}`), `${p.name} is marked illustrative`);
    }
  });

  it('gives every dataset a source with a year and a licence', () => {
    assert.ok(starterTables.datasets.every((d) => d.illustrative !== true));
    assert.ok(db.sources.length > 0);
    for (const s of db.sources) {
      assert.ok(Number.isInteger(s.year), s.name);
      assert.match(s.citation ?? '', /Licence: \S/, s.name);
    }
    for (const p of db.processes) assert.match(p.description ?? '', /\nLicence: \S/, p.name);
  });

  it('calculates every process without diagnostics and with a positive footprint', () => {
    for (const d of starterTables.datasets) assert.ok(footprint(d.id) > 0, d.id);
  });

  it('reproduces hand-computed footprints (AR6 GWP100: CH4 fossil 29.8, N2O 273)', () => {
    // Diesel, stationary (IPCC 2006 Tables 1.4 and 2.2), per MJ:
    // 0.0741 + 29.8 × 0.000003 + 273 × 0.0000006 = 0.0741 + 0.0000894 + 0.0001638 = 0.0743532 kg CO2e.
    close(footprint('fuel-diesel-stationary-combustion-ipcc-2006'), 0.0743532, 'diesel, stationary, per MJ');
    // Per kg (Table 1.2: 43.0 MJ/kg): 43 × 0.0743532 = 3.1971876 kg CO2e.
    close(
      footprint('fuel-diesel-stationary-combustion-ipcc-2006', 43),
      3.1971876,
      'diesel, stationary, per kg',
    );
    // Diesel in road vehicles (Table 3.2.2: CH4 3.9, N2O 3.9 kg/TJ), per MJ:
    // 0.0741 + 29.8 × 0.0000039 + 273 × 0.0000039 = 0.0741 + 0.00011622 + 0.0010647 = 0.07528092.
    close(footprint('fuel-diesel-road-vehicles-ipcc-2006'), 0.07528092, 'diesel, road, per MJ');
    // Natural gas, stationary: 0.0561 + 29.8 × 0.000001 + 273 × 0.0000001 = 0.0561 + 0.0000298 + 0.0000273
    // = 0.0561571.
    close(footprint('fuel-natural-gas-stationary-combustion-ipcc-2006'), 0.0561571, 'natural gas, per MJ');
    // Jiangsu grid, 2023 MEE/NBS factor 0.5827 kg CO2/kWh; the reference unit of energy is MJ, 1 kWh = 3.6 MJ.
    close(footprint('electricity-grid-cn-jiangsu-co2-2023', 3.6), 0.5827, 'Jiangsu electricity, per kWh');
    // National electricity carbon footprint 2024: 0.5777 kg CO2e/kWh, pre-aggregated (factor 1).
    close(
      footprint('electricity-grid-cn-national-life-cycle-2024', 3.6),
      0.5777,
      'China life-cycle, per kWh',
    );
    // DESNZ 2025 HGV, all sizes, average laden: CO2 0.10012 + CH4 and N2O 0.00151 = 0.10163 kg CO2e/t*km.
    close(footprint('transport-lorry-hgv-average-laden-gb-2025'), 0.10163, 'HGV, per t*km');
    // DESNZ 2025 international air freight without RF: 0.52583 + 0.00547 = 0.5313 kg CO2e/t*km.
    close(footprint('transport-air-freight-international-without-rf-2025'), 0.5313, 'air freight, per t*km');
    // DESNZ 2025 paper and board (mixed) to landfill: 1164.4894 kg CO2e/t ÷ 1000 = 1.1644894 per kg.
    close(footprint('waste-paper-and-board-mixed-landfill-gb-2025'), 1.1644894, 'paper landfill, per kg');
    // IPCC 2006 Vol. 5: 1 × 0.75 × 1 × 1 × 44/12 = 2.75 kg fossil CO2 per kg of plastic waste incinerated.
    close(
      footprint('waste-plastics-incineration-fossil-co2-ipcc-2006'),
      2.75,
      'plastics incineration, per kg',
    );
  });

  it('is what `cfp processes starter` lists', async () => {
    let stdout = '';
    const code = await main(['processes', 'starter', '--format', 'json'], {
      stdout: (t) => (stdout += t),
      stderr: () => {},
    });
    assert.equal(code, 0);
    assert.equal((JSON.parse(stdout) as unknown[]).length, starterTables.datasets.length);
  });
});
