import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaElectricityFactor } from './china-electricity.js';
import { RefdataError } from './errors.js';
import { GRID_MODEL_EQUATION, compareWithPublished, gridModel } from './grid-model.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

const rejects = (code: string) => (e: unknown) => e instanceof RefdataError && e.code === code;

// Every mix below is hypothetical (made up for the arithmetic), not a real grid.
describe('grid model', () => {
  it('weights the published 2024 per-type factors by the mix', () => {
    const result = gridModel({
      mix: { coal: 0.5, wind: 0.25, 'solar-pv': 0.25 },
      transmissionDistribution: 'none',
      lossFraction: 0,
    });
    // 0.5 × 0.924 + 0.25 × 0.0324 + 0.25 × 0.052 = 0.462 + 0.0081 + 0.013 = 0.4831
    close(result.generationFactor, 0.4831);
    close(result.supplyFactor, 0.4831);
    close(result.consumptionFactor, 0.4831);
    assert.equal(result.year, 2024);
    assert.equal(result.unit, 'kg CO2e/kWh');
    assert.deepEqual(
      result.breakdown.generation.map((g) => [g.type, g.factor]),
      [
        ['coal', 0.924],
        ['wind', 0.0324],
        ['solar-pv', 0.052],
      ],
    );
    assert.match(result.breakdown.generation[0].source, /2024年燃煤发电碳足迹因子/);
  });

  it('adds imports, losses and T&D as the documented equation says', () => {
    const result = gridModel({
      label: 'hypothetical grid',
      mix: { coal: 0.6, hydro: 0.2, wind: 0.1, 'solar-pv': 0.1 },
      imports: [{ from: 'neighbour', share: 0.2, factor: 0.3, source: 'hypothetical' }],
      lossFraction: 0.05,
    });
    // own generation: 0.6 × 0.924 + 0.2 × 0.0141 + 0.1 × 0.0324 + 0.1 × 0.052
    //               = 0.5544 + 0.00282 + 0.00324 + 0.0052 = 0.56566
    close(result.generationFactor, 0.56566);
    // supply: 0.8 × 0.56566 + 0.2 × 0.3 = 0.452528 + 0.06 = 0.512528
    close(result.supplyFactor, 0.512528);
    // losses: 0.512528 × 0.05 / 0.95 = 0.0269751578947368…
    close(result.breakdown.losses.contribution, 0.0269751578947368);
    // T&D 2024 without line losses: 0.0046; consumption: 0.512528 / 0.95 + 0.0046 = 0.5395031578947368 + 0.0046
    close(result.breakdown.transmissionDistribution.contribution, 0.0046);
    close(result.consumptionFactor, 0.5441031578947368);
    // per-type contributions carry the own-generation share 0.8: coal 0.8 × 0.5544 = 0.44352, and each line
    // multiplies out as share of the supply × factor: (0.8 × 0.6 = 0.48) × 0.924 = 0.44352
    close(result.breakdown.ownGenerationShare, 0.8);
    close(result.breakdown.generation[0].shareOfSupply, 0.48);
    close(result.breakdown.generation[0].contribution, 0.44352);
    for (const g of result.breakdown.generation) close(g.contribution, g.shareOfSupply * g.factor);
    close(result.breakdown.imports[0].contribution, 0.06);
    const parts =
      result.breakdown.generation.reduce((s, g) => s + g.contribution, 0) +
      result.breakdown.imports.reduce((s, i) => s + i.contribution, 0) +
      result.breakdown.losses.contribution +
      result.breakdown.transmissionDistribution.contribution;
    close(parts, result.consumptionFactor);
    assert.equal(result.equation, GRID_MODEL_EQUATION);
    assert.equal(result.label, 'hypothetical grid');
  });

  it('compares with a published factor', () => {
    const result = gridModel({
      mix: { coal: 0.6, hydro: 0.2, wind: 0.1, 'solar-pv': 0.1 },
      imports: [{ from: 'neighbour', share: 0.2, factor: 0.3, source: 'hypothetical' }],
      lossFraction: 0.05,
    });
    const national = chinaElectricityFactor({ region: '全国', year: 2024, scope: 'life-cycle' });
    const comparison = compareWithPublished(result, national);
    // 0.5441031578947368 − 0.5777 = −0.0335968421052632; ÷ 0.5777 = −0.05815621638...
    close(comparison.difference, -0.0335968421052632, 1e-11);
    close(comparison.relativeDifference, -0.0335968421052632 / 0.5777, 1e-11);
    assert.equal(comparison.publishedId, 'cn-life-cycle-national-average-2024');
    assert.deepEqual(comparison.notes, []);
    const operational = compareWithPublished(result, chinaElectricityFactor({ region: '华东', year: 2023 }));
    // 0.5441031578947368 − 0.55 = −0.0058968421052632
    close(operational.difference, -0.0058968421052632, 1e-11);
    assert.match(operational.notes[0], /kg CO2\/kWh/);
    // the published 2023 factor against a model of 2024: the year difference is noted
    assert.match(
      operational.notes[1],
      /published factor is for 2023, the model uses the per-type factors of 2024/,
    );
    const sameYear = compareWithPublished(
      gridModel({ year: 2023, mix: { coal: 1 }, lossFraction: 0 }),
      chinaElectricityFactor({ region: '全国', year: 2023, scope: 'life-cycle' }),
    );
    assert.deepEqual(sameYear.notes, []);
    const given = compareWithPublished(result, {
      value: 0.6,
      unit: 'kg CO2e/kWh',
      source: 'a report',
      year: 2020,
    });
    assert.deepEqual(given.notes.length, 1);
  });

  it('uses the 2023 factors when asked, and the user’s factors with their sources', () => {
    const result = gridModel({
      year: 2023,
      mix: { coal: 0.7, gas: 0.1, nuclear: 0.1, oil: 0.1 },
      factorOverrides: {
        coal: { value: 0.9, source: 'plant EPD (illustrative)' },
        oil: { value: 0.8, source: 'illustrative' },
      },
      lossFraction: 0.1,
      transmissionDistribution: { value: 0.002, source: 'illustrative' },
    });
    // 0.7 × 0.9 + 0.1 × 0.4792 (gas 2023) + 0.1 × 0.0065 (nuclear 2023) + 0.1 × 0.8
    //   = 0.63 + 0.04792 + 0.00065 + 0.08 = 0.75857; ÷ 0.9 = 0.8428555…; + 0.002
    close(result.generationFactor, 0.75857);
    close(result.consumptionFactor, 0.75857 / 0.9 + 0.002);
    assert.equal(result.breakdown.generation[0].source, 'plant EPD (illustrative)');
    assert.equal(result.breakdown.transmissionDistribution.source, 'illustrative');
    assert.ok(result.notes.some((n) => /coal: the user's factor 0.9 .*replaces the published one/.test(n)));
    assert.ok(
      result.notes.some((n) => /oil: the user's factor 0.8 .*no published factor for this type/.test(n)),
    );
    // the T&D note names the loss fraction for library and command-line users alike
    assert.ok(result.notes.some((n) => /`lossFraction`; `cfp grid --losses`/.test(n)));
    // published T&D 2023 without losses: 0.0036
    const published2023 = gridModel({ year: 2023, mix: { hydro: 1 }, lossFraction: 0 });
    close(published2023.consumptionFactor, 0.0143 + 0.0036);
  });

  it('takes another model’s supply factor as an import', () => {
    const exporter = gridModel({ mix: { hydro: 0.8, coal: 0.2 }, transmissionDistribution: 'none' });
    // 0.8 × 0.0141 + 0.2 × 0.924 = 0.01128 + 0.1848 = 0.19608
    close(exporter.supplyFactor, 0.19608);
    const importer = gridModel({
      mix: { coal: 1 },
      imports: [
        { from: 'exporter (modelled)', share: 0.5, factor: exporter.supplyFactor, source: 'modelled' },
      ],
      transmissionDistribution: 'none',
      lossFraction: 0,
    });
    // 0.5 × 0.924 + 0.5 × 0.19608 = 0.462 + 0.09804 = 0.56004
    close(importer.consumptionFactor, 0.56004);
  });

  it('says when no losses were modelled', () => {
    const result = gridModel({ mix: { wind: 1 } });
    close(result.consumptionFactor, 0.0324 + 0.0046);
    assert.ok(result.notes.some((n) => /No T&D losses modelled/.test(n)));
    // worded for library and command-line users alike
    assert.ok(result.notes.some((n) => /`lossFraction`; `cfp grid --losses 0\.05`/.test(n)));
  });

  it('rejects a mix that does not sum to 1, and values out of range', () => {
    assert.throws(() => gridModel({ mix: { coal: 0.6, wind: 0.3 } }), rejects('GRID_MIX_NOT_NORMALISED'));
    assert.throws(
      () => gridModel({ mix: { coal: 0.6, wind: 0.4 + 2e-9 } }),
      rejects('GRID_MIX_NOT_NORMALISED'),
    );
    // within 1e-9: 0.7 + 0.1 + 0.1 + 0.1 is 0.9999999999999999 in float64
    gridModel({ mix: { coal: 0.7, wind: 0.1, hydro: 0.1, 'solar-pv': 0.1 } });
    gridModel({ mix: { coal: 0.6, wind: 0.4 + 5e-10 } });
    assert.throws(() => gridModel({ mix: {} }), rejects('GRID_MIX_INVALID_SHARE'));
    assert.throws(() => gridModel({ mix: { coal: 1.2, wind: -0.2 } }), rejects('GRID_MIX_INVALID_SHARE'));
    assert.throws(() => gridModel({ mix: { coal: Number.NaN } }), rejects('GRID_MIX_INVALID_SHARE'));
    assert.throws(() => gridModel({ mix: { oil: 1 } }), rejects('UNKNOWN_GENERATION_TYPE'));
    assert.throws(
      () => gridModel({ mix: { oil: 1 } }),
      /`factorOverrides`; `cfp grid --factor oil=<value>@<source>`/,
    );
    assert.throws(() => gridModel({ mix: { coal: 0.6, wind: 0.3 } }), /`imports`; `cfp grid --import/);
    assert.throws(() => gridModel({ mix: { coal: 1 }, lossFraction: 1 }), rejects('GRID_LOSSES_INVALID'));
    assert.throws(() => gridModel({ mix: { coal: 1 }, lossFraction: -0.1 }), rejects('GRID_LOSSES_INVALID'));
    assert.throws(
      () =>
        gridModel({
          mix: { coal: 1 },
          imports: [
            { from: 'a', share: 0.6, factor: 0.1, source: 's' },
            { from: 'b', share: 0.6, factor: 0.1, source: 's' },
          ],
        }),
      rejects('GRID_IMPORTS_INVALID'),
    );
    assert.throws(
      () => gridModel({ mix: { coal: 1 }, factorOverrides: { coal: { value: -1, source: 's' } } }),
      rejects('INVALID_FACTOR'),
    );
    assert.throws(
      () => gridModel({ mix: { coal: 1 }, year: 2022 }),
      rejects('UNKNOWN_CHINA_ELECTRICITY_FACTOR'),
    );
  });
});
