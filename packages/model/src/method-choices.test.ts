import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DatabaseBuilder, type Database } from '@opencfp/core';
import { chinaElectricityFactor } from '@opencfp/refdata';
import { methodChoices } from './method-choices.js';
import { modelBackgroundFactory } from './model-background-factory.js';
import { parseProductModel } from './parse-product-model.js';
import type { ProductModelDocumentInput } from './product-model-document.js';

const AIR = 'Elementary flows/Emission to air/unspecified';
const JIANGSU_2023 = 0.5827; // kg CO2/kWh, location-based (MEE/NBS 2023)
const RESIDUAL_2023 = 0.6096; // national, excluding market-traded non-fossil electricity
const NATIONAL_2023 = 0.5306; // national grid average 2023

/**
 * A refinery makes 1 kg fuel and 1 kg bitumen with 3 kg fossil CO2: physical factors 0.75/0.25, economic
 * 0.9/0.1, no causal factors and no default method (so 'as-defined', 'causal' and 'none' leave both co-products
 * the whole 3 kg). Steel: 1.5 kg fossil CO2 per kg.
 */
function background(): Database {
  return new DatabaseBuilder()
    .product('fuel')
    .product('bitumen')
    .product('steel')
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .process('p-refinery')
    .output('fuel', 1, { reference: true })
    .output('bitumen', 1)
    .output('co2-fossil', 3)
    .allocation('physical', 'fuel', 0.75)
    .allocation('physical', 'bitumen', 0.25)
    .allocation('economic', 'fuel', 0.9)
    .allocation('economic', 'bitumen', 0.1)
    .end()
    .process('p-steel')
    .output('steel', 1, { reference: true })
    .output('co2-fossil', 1.5)
    .end()
    .build();
}

/**
 * Per item: 1 kg fuel, 1,000 kWh of Jiangsu 2023 electricity (40 % green certificates meeting the criteria),
 * 0.2 kg biogenic CO2, and an end of life that recycles `recycled` = 0.5 kg of steel (a credit of −0.5 kg steel,
 * −0.75 kg CO2e); a landfill scenario recycles none.
 */
const doc: ProductModelDocumentInput = {
  schema: 'opencfp/product-model@1',
  referenceProcessId: 'make',
  parameters: [{ name: 'recycled', value: 0.5, unit: 'kg' }],
  scenarios: [{ id: 'landfill', name: 'Landfill', kind: 'end-of-life', parameters: { recycled: 0 } }],
  processes: [
    {
      id: 'make',
      name: 'Make',
      stage: 'production',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'fuel',
          amount: 1,
          unit: 'kg',
          source: { kind: 'background', processId: 'p-refinery', productId: 'fuel' },
        },
        {
          name: 'electricity',
          amount: 1000,
          unit: 'kWh',
          source: {
            kind: 'electricity',
            region: 'Jiangsu',
            year: 2023,
            instruments: [
              {
                id: 'gec',
                kind: 'green-electricity-certificate',
                share: 0.4,
                factor: 0,
                factorSource: 'GEC registry (illustrative)',
                criteria: {
                  uniqueClaim: true,
                  trackedAndCancelled: true,
                  timeMatch: true,
                  marketMatch: true,
                },
              },
            ],
          },
        },
        { name: 'end of life', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'eol' } },
      ],
      emissions: [{ gas: 'CO2', origin: 'biogenic', amount: 0.2 }],
    },
    {
      id: 'eol',
      name: 'End of life',
      stage: 'end-of-life',
      output: { amount: 1, unit: 'item' },
      inputs: [
        {
          name: 'recycled steel',
          amount: '-recycled',
          unit: 'kg',
          source: { kind: 'background', processId: 'p-steel' },
        },
      ],
    },
  ],
};

describe('methodChoices', () => {
  it('uses the published electricity factors written out here', () => {
    assert.equal(chinaElectricityFactor({ region: 'Jiangsu', year: 2023 }).value, JIANGSU_2023);
    assert.equal(chinaElectricityFactor({ region: '全国', year: 2023 }).value, NATIONAL_2023);
  });

  it('totals per allocation, electricity accounting, end of life and biogenic approach, by hand', () => {
    const table = methodChoices(parseProductModel(doc), modelBackgroundFactory(background()));
    // Base: fuel 3 + electricity 1000 · 0.5827 + credit −0.75 + biogenic 0.2.
    const others = 0.2 - 0.75;
    const base = 3 + 1000 * JIANGSU_2023 + others;
    const total = (aspect: string, choice: string) => {
      const row = table.rows.find((r) => r.aspect === aspect && r.choice === choice);
      assert.ok(row, `${aspect} ${choice}`);
      return row;
    };
    const close = (x: number | null, expected: number, what: string) =>
      assert.ok(
        x !== null && Math.abs(x - expected) <= 1e-9 * Math.abs(expected),
        `${what}: ${x} ≠ ${expected}`,
      );
    close(table.base, base, 'base');
    close(total('allocation', 'as-defined').total, base, 'as defined (unallocated)');
    assert.equal(total('allocation', 'as-defined').base, true);
    close(total('allocation', 'physical').total, base - 3 + 2.25, 'physical');
    close(total('allocation', 'economic').total, base - 3 + 2.7, 'economic');
    close(total('allocation', 'causal').total, base, 'causal (no factors: unallocated)');
    close(total('allocation', 'none').total, base, 'none');
    assert.ok(total('allocation', 'as-defined').notes.some((n) => /co-products/.test(n)));
    assert.equal(total('allocation', 'physical').notes.length, 0);
    close(total('electricity-accounting', 'location-based').total, base, 'location-based');
    assert.equal(total('electricity-accounting', 'location-based').base, true);
    close(
      total('electricity-accounting', 'market-based').total,
      3 + 600 * RESIDUAL_2023 + others,
      'market-based',
    );
    close(
      total('electricity-accounting', 'residual-mix').total,
      3 + 1000 * RESIDUAL_2023 + others,
      'residual mix',
    );
    close(
      total('electricity-accounting', 'eu-battery').total,
      3 + 1000 * NATIONAL_2023 + others,
      'EU battery',
    );
    close(total('end-of-life', 'as-modelled').total, base, 'as modelled');
    close(total('end-of-life', 'cut-off').total, base + 0.75, 'cut-off');
    assert.match(total('end-of-life', 'cut-off').notes[0], /'recycled steel'/);
    assert.equal(total('end-of-life', 'pef-cff').total, null);
    assert.match(total('end-of-life', 'pef-cff').notes[0], /R1/);
    close(total('end-of-life', 'scenario:landfill').total, base + 0.75, 'landfill scenario');
    close(total('biogenic-carbon', '-1/+1').total, base, '−1/+1');
    close(total('biogenic-carbon', '0/0').total, base - 0.2, '0/0');
    close(
      total('electricity-accounting', 'market-based').difference,
      600 * RESIDUAL_2023 - 1000 * JIANGSU_2023,
      'difference',
    );
  });

  it('says which choices do not apply to a model without background datasets or electricity', () => {
    const plain = parseProductModel({
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'p',
      processes: [
        { id: 'p', name: 'P', output: { amount: 1, unit: 'kg' }, emissions: [{ gas: 'CO2', amount: 2 }] },
      ],
    });
    const table = methodChoices(plain, undefined);
    assert.equal(table.base, 2);
    for (const r of table.rows.filter(
      (x) => x.aspect === 'allocation' || x.aspect === 'electricity-accounting',
    )) {
      assert.equal(r.total, null);
      assert.match(r.notes[0], /does not apply/);
    }
    const cut = table.rows.find((r) => r.choice === 'cut-off');
    assert.equal(cut?.total, 2);
    assert.match(cut?.notes[0] ?? '', /no line in the end-of-life stage/);
  });
});
