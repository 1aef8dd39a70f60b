import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chinaElectricityFactor, chinaElectricityFactors } from '@opencfp/refdata';
import { calculateProductModel } from './calculate-product-model.js';
import { electricityReference } from './electricity-reference.js';
import { ModelError } from './errors.js';
import { monteCarloProductModel } from './monte-carlo-product-model.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';

const close = (actual: number | undefined, expected: number, what = '') => {
  assert.ok(actual !== undefined, `${what}: undefined`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

// The published values the hand calculations below use (refdata china-electricity.ts); checked against refdata
// so that the expected numbers are the table's, written out.
const JIANGSU_2023 = 0.5827; // kg CO2/kWh, MEE/NBS 2023, operational, location average
const RESIDUAL_2023 = 0.6096; // kg CO2/kWh, national, excluding market-traded non-fossil electricity
const NATIONAL_LIFE_CYCLE_2024 = 0.5777; // kg CO2e/kWh, MEE/NBS/NEA 2024 national average
const WIND_LIFE_CYCLE_2024 = 0.0324; // kg CO2e/kWh, MEE/NBS/NEA 2024 wind power

const MET = { uniqueClaim: true, trackedAndCancelled: true, timeMatch: true, marketMatch: true };

type Source = Record<string, unknown>;

/** One process making 1 kg with one electricity input (and whatever else is given). */
const model = (
  amount: number | string,
  unit: string,
  source: Source,
  more: Partial<ProductModelDocumentInput> = {},
): ProductModelDocumentInput => ({
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'p',
  ...more,
  processes: [
    {
      id: 'p',
      name: 'Cell plant',
      stage: 'production',
      output: { amount: 1, unit: 'kg' },
      inputs: [
        { name: 'plant electricity', amount, unit, source: { kind: 'electricity', ...source } as never },
      ],
    },
  ],
});

const calculate = (doc: ProductModelDocumentInput, scenarioId?: string) =>
  calculateProductModel(parseProductModel(doc), undefined, scenarioId ? { scenarioId } : {});

const gec = (share: number | string, criteria: object = MET) => ({
  id: 'gec',
  kind: 'green-electricity-certificate',
  share,
  factor: 0,
  factorSource: 'GEC registry, wind, 2023 (zero by the market-based convention)',
  criteria,
});

describe('electricity inputs', () => {
  it('uses the refdata values written out below', () => {
    assert.equal(chinaElectricityFactor({ region: 'Jiangsu', year: 2023 }).value, JIANGSU_2023);
    assert.equal(
      chinaElectricityFactor({ region: '全国', year: 2023, variant: 'excluding-market-traded-non-fossil' })
        .value,
      RESIDUAL_2023,
    );
    assert.equal(
      chinaElectricityFactor({ region: '全国', year: 2024, scope: 'life-cycle' }).value,
      NATIONAL_LIFE_CYCLE_2024,
    );
    assert.equal(
      chinaElectricityFactor({
        region: '全国',
        year: 2024,
        scope: 'life-cycle',
        variant: 'generation-type',
        generationType: 'wind',
      }).value,
      WIND_LIFE_CYCLE_2024,
    );
  });

  it('location-based: 1,000 kWh in Jiangsu 2023 is 1000 · 0.5827 kg of fossil CO2, with the factor and its source', () => {
    const r = calculate(model(1000, 'kWh', { region: 'Jiangsu', year: 2023 }));
    close(r.split.total, 1000 * JIANGSU_2023, 'total');
    close(r.split.fossilEmissions, 1000 * JIANGSU_2023, 'fossil emissions');
    assert.deepEqual(
      r.byGas.map((g) => [g.species, g.kind]),
      [['CO2', 'fossil']],
    );
    const c = r.contributions[0];
    assert.equal(c.kind, 'electricity');
    assert.equal(c.stage, 'production');
    close(c.quantity, 1000, 'quantity');
    const e = c.electricity;
    assert.ok(e);
    assert.equal(e.region, '江苏');
    assert.equal(e.regionEnglish, 'Jiangsu');
    assert.equal(e.accounting, 'location-based');
    assert.equal(e.factorBasis, 'operational-co2');
    assert.equal(e.emissionsUnit, 'kg CO2');
    assert.equal(e.lines.length, 1);
    const line = e.lines[0];
    assert.equal(line.basis, 'grid');
    assert.equal(line.publishedFactor?.id, 'cn-co2-location-average-2023-jiangsu');
    assert.equal(line.publishedFactor?.year, 2023);
    assert.equal(line.publishedFactor?.gas, 'CO2');
    assert.equal(line.publishedFactor?.scope, 'operational');
    assert.equal(line.publishedFactor?.source.id, 'mee-nbs-co2-2023');
    assert.equal(line.publishedFactor?.source.publicationDate, '2025-12-31');
    assert.match(line.publishedFactor?.source.url ?? '', /^https:\/\/www\.mee\.gov\.cn\//);
    assert.match(line.publishedFactor?.source.licence ?? '', /Copyright Law/);
    assert.ok(e.notes.some((n) => n.includes('location-based method')));
    assert.deepEqual(
      r.notes.map((n) => n.code).filter((code) => code.startsWith('ELECTRICITY')),
      ['ELECTRICITY', 'ELECTRICITY_OPERATIONAL_CO2'],
    );
    // Units: 1 MWh, 3.6 GJ and 3600 MJ are 1,000 kWh; '度' is a kWh.
    for (const [amount, unit] of [
      [1, 'MWh'],
      [3.6, 'GJ'],
      [3600, 'MJ'],
      [1000, '度'],
    ] as const)
      close(
        calculate(model(amount, unit, { region: '江苏', year: 2023 })).split.total,
        1000 * JIANGSU_2023,
        unit,
      );
  });

  it('market-based: 40 % covered by certificates meeting the criteria at 0, the other 600 kWh at the residual mix', () => {
    const expected = 600 * RESIDUAL_2023; // 365.76; not 600 · 0.5827: the rules give uncovered kWh the residual mix
    for (const instrument of [
      gec(0.4),
      { ...gec(0.4), share: undefined, amount: 400 },
      { ...gec(0.4), share: undefined, amount: 0.4, unit: 'MWh' },
    ]) {
      const r = calculate(
        model(1000, 'kWh', {
          region: 'Jiangsu',
          year: 2023,
          accounting: 'market-based',
          instruments: [instrument],
        }),
      );
      close(r.split.total, expected, 'total');
      const e = r.contributions[0].electricity;
      assert.deepEqual(
        e?.lines.map((l) => [l.basis, l.id, l.kWh, l.factor]),
        [
          ['instrument', 'gec', 400, 0],
          ['residual-mix', 'cn-co2-excluding-market-non-fossil-2023-national', 600, RESIDUAL_2023],
        ],
      );
      assert.equal(e?.lines[1].publishedFactor?.variant, 'excluding-market-traded-non-fossil');
      assert.deepEqual(r.diagnostics, []);
      assert.ok(r.notes.some((n) => n.code === 'ELECTRICITY_RESIDUAL_MIX'));
    }
  });

  it('scenarios switch grid and green: location-based in the base case, market-based with certificates in a scenario', () => {
    const doc = model(
      1000,
      'kWh',
      { region: 'Jiangsu', year: 2023, instruments: [gec('gec_share')] },
      {
        parameters: [{ name: 'gec_share', value: 0 }],
        scenarios: [
          {
            id: 'green',
            name: '40 % green certificates',
            parameters: { gec_share: 0.4 },
            electricity: { accounting: 'market-based' },
          },
          {
            id: 'market',
            name: 'Market-based, no certificates',
            electricity: { accounting: 'market-based' },
          },
        ],
      },
    );
    const grid = calculate(doc);
    const green = calculate(doc, 'green');
    const market = calculate(doc, 'market');
    close(grid.split.total, 1000 * JIANGSU_2023, 'grid');
    close(green.split.total, 600 * RESIDUAL_2023, 'green');
    close(market.split.total, 1000 * RESIDUAL_2023, 'market-based without certificates');
    assert.equal(grid.contributions[0].electricity?.accounting, 'location-based');
    assert.equal(green.contributions[0].electricity?.accounting, 'market-based');
    assert.ok(grid.notes.some((n) => n.code === 'ELECTRICITY_INSTRUMENTS_NOT_USED'));
    assert.equal(green.parameters.gec_share, 0.4);
  });

  it('refuses an instrument failing a criterion and says why', () => {
    const r = calculate(
      model(1000, 'kWh', {
        region: 'Jiangsu',
        year: 2023,
        accounting: 'market-based',
        instruments: [gec(0.4, { ...MET, marketMatch: false })],
      }),
    );
    close(r.split.total, 1000 * RESIDUAL_2023, 'all at the residual mix');
    const rejected = r.contributions[0].electricity?.rejected;
    assert.equal(rejected?.length, 1);
    close(rejected?.[0].kWh, 400, 'rejected kWh');
    assert.match(rejected?.[0].reasons.join(' ') ?? '', /market match/);
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0].code, 'ELECTRICITY_INSTRUMENT_REJECTED');
    assert.equal(r.diagnostics[0].path, '/processes/0/inputs/0');
    assert.match(r.diagnostics[0].message, /'gec'.*market match/);
  });

  it('eu-battery: a direct line at its factor, certificates refused, the rest at the national life-cycle mix', () => {
    const r = calculate(
      model(1, 'MWh', {
        region: 'Jiangsu',
        year: 2024,
        accounting: 'eu-battery',
        factorBasis: 'life-cycle-co2e',
        instruments: [
          {
            id: 'wind-line',
            kind: 'direct-line',
            share: 0.3,
            factor: WIND_LIFE_CYCLE_2024,
            factorSource: 'cn-life-cycle-wind-2024',
            criteria: MET,
            directConnection: { physical: true, contractual: true },
          },
          gec(0.2),
        ],
      }),
    );
    // 300 kWh · 0.0324 + 700 kWh · 0.5777 = 9.72 + 404.39.
    close(r.split.total, 300 * WIND_LIFE_CYCLE_2024 + 700 * NATIONAL_LIFE_CYCLE_2024, 'total');
    const e = r.contributions[0].electricity;
    assert.deepEqual(
      e?.lines.map((l) => [l.basis, l.id]),
      [
        ['instrument', 'wind-line'],
        ['grid', 'cn-life-cycle-national-average-2024'],
      ],
    );
    assert.equal(e?.lines[1].publishedFactor?.gas, 'CO2e');
    assert.equal(e?.factorBasis, 'life-cycle-co2e');
    assert.deepEqual(
      e?.rejected.map((x) => x.id),
      ['gec'],
    );
    assert.deepEqual(
      r.byGas.map((g) => [g.species, g.kind]),
      [['CO2e', 'electricity']],
    );
    assert.ok(r.notes.some((n) => n.code === 'ELECTRICITY_NATIONAL_MIX'));
    assert.ok(r.notes.some((n) => n.code === 'ELECTRICITY_LIFE_CYCLE'));
  });

  it('life-cycle national factor: 2 MWh at 0.5777 kg CO2e/kWh, scaled with the process that uses it', () => {
    // The electricity is on a process that runs 3 times per declared unit (3 kg of it per kg of product).
    const doc: ProductModelDocumentInput = {
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'pack',
      processes: [
        {
          id: 'pack',
          name: 'Pack',
          output: { amount: 1, unit: 'item' },
          inputs: [
            { name: 'cells', amount: 3, unit: 'kg', source: { kind: 'foreground', processId: 'cells' } },
          ],
        },
        {
          id: 'cells',
          name: 'Cells',
          stage: 'production',
          output: { amount: 1, unit: 'kg' },
          inputs: [
            {
              name: 'power',
              amount: 2,
              unit: 'MWh',
              source: { kind: 'electricity', region: 'China', year: 2024, factorBasis: 'life-cycle-co2e' },
            },
          ],
        },
      ],
    };
    const r = calculate(doc);
    close(r.split.total, 3 * 2000 * NATIONAL_LIFE_CYCLE_2024, 'total');
    close(r.contributions[0].electricity?.kWh, 6000, 'kWh per declared unit');
    close(r.contributions[0].electricity?.lines[0].emissions, 6000 * NATIONAL_LIFE_CYCLE_2024, 'line');
    close(r.byStage.find((s) => s.id === 'production')?.amount, r.split.total, 'production stage');
  });

  it('refuses an unknown region, a year or basis without a factor, and instruments covering more than the input', () => {
    const invalid = (source: Source, path: string, amount: number | string = 1000, unit = 'kWh') =>
      assert.throws(
        () => parseProductModel(model(amount, unit, source)),
        (e: unknown) =>
          e instanceof ModelError && e.code === 'INVALID_MODEL' && e.problems.some((p) => p.path === path),
        path,
      );
    const at = '/processes/0/inputs/0';
    invalid({ region: 'Atlantis', year: 2023 }, `${at}/source/region`);
    invalid({ region: 'Jiangsu', year: 2023 }, `${at}/unit`, 1000, 'kg');
    invalid({ region: 'Jiangsu', year: 2023 }, `${at}/amount`, -5);
    invalid(
      {
        region: 'Jiangsu',
        year: 2023,
        accounting: 'market-based',
        instruments: [gec(0.7), { ...gec(0.5), id: 'b' }],
      },
      `${at}/source/instruments`,
    );
    invalid(
      {
        region: 'Jiangsu',
        year: 2023,
        accounting: 'market-based',
        instruments: [{ ...gec(0), share: undefined, amount: 1.2, unit: 'MWh' }],
      },
      `${at}/source/instruments`,
    );
    invalid(
      { region: 'Jiangsu', year: 2023, instruments: [{ ...gec(0.5), amount: 100 }] },
      `${at}/source/instruments/0`,
    );
    invalid({ region: 'Jiangsu', year: 2023, instruments: [gec(1.5)] }, `${at}/source/instruments/0/share`);

    const refused = (doc: ProductModelDocumentInput, code: string, path: string, message: RegExp) =>
      assert.throws(
        () => calculate(doc),
        (e: unknown) =>
          e instanceof ModelError && e.code === code && e.path === path && message.test(e.message),
        `${code} at ${path}`,
      );
    // No 2024 CO2 factor for Jiangsu: the years there are are named.
    refused(
      model(1000, 'kWh', { region: 'Jiangsu', year: 2024 }),
      'UNKNOWN_FACTOR',
      `${at}/source/year`,
      /2021, 2022, 2023/,
    );
    // Life-cycle factors are national only.
    refused(
      model(1000, 'kWh', { region: 'Jiangsu', year: 2024, factorBasis: 'life-cycle-co2e' }),
      'UNKNOWN_FACTOR',
      `${at}/source/factorBasis`,
      /全国/,
    );
    // No residual-like factor for 2024.
    refused(
      model(1000, 'kWh', { region: 'Jiangsu', year: 2024, accounting: 'market-based' }),
      'UNKNOWN_FACTOR',
      `${at}/source/year`,
      /2021, 2022, 2023/,
    );
    // Formulas are checked when evaluated: a share above 1, and amounts adding up to more than the input.
    refused(
      model(
        1000,
        'kWh',
        { region: 'Jiangsu', year: 2023, accounting: 'market-based', instruments: [gec('s')] },
        { parameters: [{ name: 's', value: 1.5 }] },
      ),
      'INVALID_MODEL',
      `${at}/source/instruments/0/share`,
      /0 … 1/,
    );
    refused(
      model(
        'kwh',
        'kWh',
        {
          region: 'Jiangsu',
          year: 2023,
          accounting: 'market-based',
          instruments: [
            { ...gec(0), share: undefined, amount: 'kwh * 0.8' },
            { ...gec(0.3), id: 'b' },
          ],
        },
        { parameters: [{ name: 'kwh', value: 1000 }] },
      ),
      'INVALID_MODEL',
      `${at}/source/instruments`,
      /more than the 1000 kWh consumed/,
    );
  });
});

describe('electricity inputs in Monte Carlo runs', () => {
  it('keeps the published factors fixed and varies the kWh and shares that have an uncertainty', async () => {
    const doc = parseProductModel(
      model(
        1000,
        'kWh',
        { region: 'Jiangsu', year: 2023, accounting: 'market-based', instruments: [gec('share')] },
        {
          parameters: [
            { name: 'share', value: 0.4, uncertainty: { distribution: 'uniform', min: 0.3, max: 0.5 } },
          ],
        },
      ),
    );
    const r = await monteCarloProductModel(doc, undefined, { iterations: 2000, seed: 3 });
    close(r.deterministic, 600 * RESIDUAL_2023, 'deterministic');
    // total = 1000 · (1 − share) · 0.6096 with share in [0.3, 0.5]: 304.8 … 426.72, mean 365.76.
    assert.ok(
      r.min >= 500 * RESIDUAL_2023 - 1e-9 && r.max <= 700 * RESIDUAL_2023 + 1e-9,
      `${r.min} … ${r.max}`,
    );
    assert.ok(Math.abs(r.mean - 600 * RESIDUAL_2023) < 2, `mean ${r.mean}`);
    assert.ok(r.notes.some((n) => n.includes('published electricity factors have no uncertainty')));

    // Without any uncertainty every iteration is the deterministic footprint.
    const fixed = await monteCarloProductModel(
      parseProductModel(model(1000, 'kWh', { region: 'Jiangsu', year: 2023 })),
      undefined,
      {
        iterations: 50,
        seed: 1,
      },
    );
    assert.equal(fixed.min, fixed.max);
    close(fixed.min, 1000 * JIANGSU_2023, 'fixed');
  });

  it('limits instruments to a drawn consumption below what they cover', async () => {
    // 900 kWh of certificates at 0 on a consumption drawn around 1,000 kWh (σg 1.5): every draw emits
    // max(0, kWh − 900) · 0.6096, never less than 0.
    const doc = parseProductModel(
      model(
        'kwh',
        'kWh',
        {
          region: 'Jiangsu',
          year: 2023,
          accounting: 'market-based',
          instruments: [{ ...gec(0), share: undefined, amount: 900 }],
        },
        {
          parameters: [
            { name: 'kwh', value: 1000, uncertainty: { distribution: 'lognormal', geometricSd: 1.5 } },
          ],
        },
      ),
    );
    const r = await monteCarloProductModel(doc, undefined, { iterations: 1000, seed: 11 });
    close(r.deterministic, 100 * RESIDUAL_2023, 'deterministic');
    assert.equal(r.min, 0);
    assert.ok(r.notes.some((n) => /limited to the consumption/.test(n)));
  });
});

describe('electricityReference', () => {
  it('lists every area, year, basis and factor of refdata with its source', () => {
    const ref = electricityReference();
    assert.equal(ref.regions.length, 38);
    const jiangsu = ref.regions.find((r) => r.nameEnglish === 'Jiangsu');
    assert.deepEqual(jiangsu?.years, { 'operational-co2': [2021, 2022, 2023], 'life-cycle-co2e': [] });
    assert.equal(jiangsu?.name, '江苏');
    assert.deepEqual(ref.regions.find((r) => r.name === '全国')?.years['life-cycle-co2e'], [2023, 2024]);
    assert.deepEqual(
      ref.accounting.map((a) => a.id),
      ['location-based', 'market-based', 'residual-mix', 'eu-battery'],
    );
    assert.deepEqual(
      ref.residualMix.map((x) => x.year),
      [2021, 2022, 2023],
    );
    assert.equal(ref.factors.length, chinaElectricityFactors.length);
    const sources = new Set(ref.sources.map((s) => s.id));
    for (const f of ref.factors) {
      assert.ok(sources.has(f.sourceId), f.id);
      assert.equal(f.value, chinaElectricityFactors.find((x) => x.id === f.id)?.value);
    }
    for (const s of ref.sources) {
      assert.ok(s.name && s.licence && s.version && s.year >= 2024, s.id);
    }
    assert.equal(
      ref.factors.find((f) => f.id === 'cn-co2-location-average-2023-jiangsu')?.value,
      JIANGSU_2023,
    );
    assert.equal(ref.gaps.length, 1);
  });
});
