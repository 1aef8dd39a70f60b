import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Flow } from '@opencfp/core';
import { ghgLikeButUnmapped, gwpImpactMethod, mapGreenhouseGas, normaliseCas } from './ghg-mapping.js';
import { GHG_BASE_NAMES, GHG_CAS, GHG_CODE_ALIASES, GHG_FULL_NAMES } from './ghg-names.js';
import { gwpSet, gwpValue } from './gwp-sets.js';

let n = 0;
const flow = (name: string, category: string, cas?: string, type: Flow['type'] = 'elementary'): Flow => {
  const f: Flow = { id: `f${++n}`, name, category, type, properties: [] };
  if (cas !== undefined) f.cas = cas;
  return f;
};
const map = (name: string, category = 'air/unspecified', cas?: string) =>
  mapGreenhouseGas(flow(name, category, cas));

describe('mapping tables', () => {
  it('name only species that the AR6 GWP100 set has', () => {
    const ar6 = gwpSet('ipcc-ar6-gwp100');
    const species = [
      ...Object.values(GHG_CAS),
      ...Object.values(GHG_BASE_NAMES),
      ...Object.values(GHG_CODE_ALIASES),
      ...Object.values(GHG_FULL_NAMES),
    ];
    for (const s of species) assert.notEqual(gwpValue(ar6, s), undefined, s);
  });

  it('normalises CAS numbers', () => {
    assert.equal(normaliseCas('000124-38-9'), '124-38-9');
    assert.equal(normaliseCas('010024-97-2'), '10024-97-2');
    assert.equal(normaliseCas('124-38-9'), '124-38-9');
    assert.equal(normaliseCas('x'), undefined);
  });
});

describe('mapGreenhouseGas', () => {
  it('ecoinvent biosphere3 / legacy USLCI names', () => {
    assert.deepEqual(map('Carbon dioxide, fossil'), { species: 'CO2', kind: 'fossil' });
    assert.deepEqual(map('Carbon dioxide, fossil ', 'air/low. pop.'), { species: 'CO2', kind: 'fossil' });
    assert.deepEqual(map('Carbon dioxide, biogenic'), { species: 'CO2', kind: 'biogenic' });
    assert.deepEqual(map('Carbon dioxide, non-fossil'), { species: 'CO2', kind: 'biogenic' });
    assert.deepEqual(map('Carbon dioxide, land transformation'), {
      species: 'CO2',
      kind: 'land-transformation',
    });
    assert.deepEqual(map('Carbon dioxide, from soil or biomass stock'), {
      species: 'CO2',
      kind: 'land-transformation',
    });
    assert.deepEqual(map('Carbon dioxide', 'air/low population density'), {
      species: 'CO2',
      kind: 'unspecified',
    });
    assert.deepEqual(map('Methane, fossil', 'air/stratosphere'), { species: 'CH4', kind: 'fossil' });
    assert.deepEqual(map('Methane, biogenic'), { species: 'CH4', kind: 'biogenic' });
    assert.deepEqual(map('Methane, non-fossil'), { species: 'CH4', kind: 'biogenic' });
    assert.deepEqual(map('Dinitrogen monoxide'), { species: 'N2O' });
    assert.deepEqual(map('Sulfur hexafluoride'), { species: 'SF6' });
    assert.deepEqual(map('Nitrogen trifluoride'), { species: 'NF3' });
    assert.deepEqual(map('Ethane, 1,1,1,2-tetrafluoro-, HFC-134a'), { species: 'HFC134a' });
    assert.deepEqual(map('Methane, bromotrifluoro-, Halon 1301'), { species: 'Halon1301' });
    assert.deepEqual(map('Methane, trichlorofluoro-, CFC-11'), { species: 'CFC11' });
    assert.deepEqual(map('Methane, chlorodifluoro-, HCFC-22'), { species: 'HCFC22' });
    assert.deepEqual(map('Methane, tetrafluoro-, FC-14'), { species: 'CF4' });
    assert.deepEqual(map('Ethane, hexafluoro-, HFC-116'), { species: 'C2F6' });
    assert.deepEqual(map('Methane, dichloro-, HCC-30'), { species: 'CH2Cl2' });
    assert.deepEqual(map('Methane, monochloro-, R-40'), { species: 'CH3Cl' });
  });

  it('ILCD / EF names', () => {
    const c = 'Elementary flows/Emissions/Emissions to air/Emissions to air, unspecified';
    assert.deepEqual(map('carbon dioxide (fossil)', c), { species: 'CO2', kind: 'fossil' });
    assert.deepEqual(map('carbon dioxide (biogenic)', c), { species: 'CO2', kind: 'biogenic' });
    assert.deepEqual(map('carbon dioxide (land use change)', c), {
      species: 'CO2',
      kind: 'land-transformation',
    });
    assert.deepEqual(map('methane (fossil)', c), { species: 'CH4', kind: 'fossil' });
    assert.deepEqual(map('nitrous oxide', c), { species: 'N2O' });
    assert.deepEqual(map('sulphur hexafluoride', c), { species: 'SF6' });
  });

  it('FEDEFL and NETL: by CAS with leading zeros, any name', () => {
    const c = 'Elementary flows/emission/air';
    assert.deepEqual(map('Carbon dioxide', c, '000124-38-9'), { species: 'CO2', kind: 'unspecified' });
    assert.deepEqual(map('Methane, fossil', c, '000074-82-8'), { species: 'CH4', kind: 'fossil' });
    assert.deepEqual(map('Nitrous oxide', c, '010024-97-2'), { species: 'N2O' });
    assert.deepEqual(map('Whatever label', c, '2551-62-4'), { species: 'SF6' });
    assert.deepEqual(map('NF3', c, '7783-54-2'), { species: 'NF3' });
    assert.deepEqual(map('Norflurane', c, '811-97-2'), { species: 'HFC134a' });
    assert.deepEqual(
      map(
        'Nitrous oxide (laughing gas) [Inorganic emissions to air]',
        'Elementary Flows/NETL/Emission to air',
      ),
      { species: 'N2O' },
    );
  });

  it('Chinese names', () => {
    const c = '基本流/排放到大气';
    assert.deepEqual(map('二氧化碳', c), { species: 'CO2', kind: 'unspecified' });
    assert.deepEqual(map('二氧化碳，化石', c), { species: 'CO2', kind: 'fossil' });
    assert.deepEqual(map('甲烷（生物源）', c), { species: 'CH4', kind: 'biogenic' });
    assert.deepEqual(map('氧化亚氮', c), { species: 'N2O' });
    assert.deepEqual(map('六氟化硫', c), { species: 'SF6' });
    assert.deepEqual(map('三氟化氮', c), { species: 'NF3' });
  });

  it('CO2 from air is uptake; other compartments and non-elementary flows are not mapped', () => {
    assert.deepEqual(map('Carbon dioxide, in air', 'resource/in air'), { species: 'CO2', kind: 'uptake' });
    assert.deepEqual(map('Carbon dioxide, in air', 'resource/biotic'), { species: 'CO2', kind: 'uptake' });
    assert.deepEqual(map('Carbon dioxide', 'Resources/Resources from air/renewable'), {
      species: 'CO2',
      kind: 'uptake',
    });
    assert.equal(map('Carbon dioxide', 'water/unspecified'), undefined);
    assert.equal(map('Methane', 'resource/in ground'), undefined);
    assert.deepEqual(map('Methane, chloro-', 'air/unspecified'), { species: 'CH3Cl' }); // chloromethane, not methane
    assert.equal(
      mapGreenhouseGas(flow('Carbon dioxide', 'air/unspecified', '124-38-9', 'product')),
      undefined,
    );
  });
});

describe('compartments', () => {
  it('reads FEDEFL contexts as EcoSpold 1 keeps them (troposphere/rural, stratosphere, emission/air)', () => {
    assert.deepEqual(map('Methane', 'troposphere/rural', '74-82-8'), { species: 'CH4', kind: 'unspecified' });
    assert.deepEqual(map('HFC-23', 'troposphere/urban'), { species: 'HFC23' });
    assert.deepEqual(map('Halon 1211', 'troposphere/rural'), { species: 'Halon1211' });
    assert.deepEqual(map('Nitrous oxide', 'stratosphere'), { species: 'N2O' });
    assert.deepEqual(map('Hexafluoroethane', 'troposphere/urban'), { species: 'C2F6' });
    assert.deepEqual(map('Perfluoropentane', 'emission/air'), { species: 'C5F12' });
    assert.equal(map('Methane', 'ground/human-dominated'), undefined);
    assert.deepEqual(map('Methane, chloro-', ''), { species: 'CH3Cl', compartmentAssumed: true });
    assert.equal(map('Methane, dibromo-'), undefined); // no AR6 GWP100 value: reported, not mapped
  });

  it('takes a flow with no compartment at all to be air (uptake when named in air), and flags it', () => {
    assert.deepEqual(map('Carbon dioxide, fossil', ''), {
      species: 'CO2',
      kind: 'fossil',
      compartmentAssumed: true,
    });
    assert.deepEqual(map('Carbon dioxide, in air', 'Elementary Flows'), {
      species: 'CO2',
      kind: 'uptake',
      compartmentAssumed: true,
    });
    assert.deepEqual(map('Nitrous oxide', ''), { species: 'N2O', compartmentAssumed: true });
    assert.equal(map('Carbon dioxide, fossil', 'water/unspecified'), undefined);
  });
});

describe('ghgLikeButUnmapped', () => {
  it('lists GHG-like air emissions that are not mapped, and leaves out the rest', () => {
    const flows = [
      flow('Carbon dioxide, fossil', 'air/unspecified'),
      flow('HFCs and HCFCs, unspecified', 'air/unspecified'),
      flow('PFC (perfluorocarbons)', 'air/unspecified'),
      flow('Boron trifluoride', 'air/unspecified'),
      flow('Methane, biogenic', 'Elementary Flows'), // no compartment: mapped as air, flagged
      flow('Dichloromethane, chlorinated solvent mix', 'Elementary Flows'), // no compartment, not mapped: reported
      flow('3-Pyridinecarboxamide, N-(2,4-difluorophenyl)-2-[3-(trifluoromethyl)phenoxy]-', 'emission/air'),
      flow('CFCs, unspecified', 'water/unspecified'), // not air
      flow('NMVOC, non-methane volatile organic compounds', 'air/unspecified'),
      flow('Chlorothalonil', 'air/unspecified'),
      flow("4,4'-Diisocyanatodiphenylmethane", 'air/unspecified'),
    ];
    assert.deepEqual(
      ghgLikeButUnmapped(flows).map((f) => f.name),
      ['HFCs and HCFCs, unspecified', 'PFC (perfluorocarbons)', 'Boron trifluoride'],
    );
  });
});

describe('gwpImpactMethod', () => {
  it('takes CH4 by origin from the set and reports the unmapped', () => {
    const flows = [
      flow('Methane, fossil', 'air/unspecified'),
      flow('Methane, biogenic', 'air/unspecified'),
      flow('Methane', 'air/unspecified'),
      flow('Carbon dioxide, biogenic', 'air/unspecified'),
      flow('HFCs and HCFCs, unspecified', 'air/unspecified'),
    ];
    const { method, unmapped } = gwpImpactMethod(flows);
    const c = method.categories[0];
    assert.equal(c.name, 'Climate change (IPCC AR6 GWP100)');
    assert.equal(c.unit, 'kg CO2 eq');
    assert.deepEqual(
      c.factors.map((f) => f.value),
      [29.8, 27.0, 29.8, 1], // methane of unstated origin counted as fossil (conservative), not AR6's 27.9
    );
    assert.deepEqual(
      unmapped.map((f) => f.name),
      ['HFCs and HCFCs, unspecified'],
    );
    // AR5 has no fossil/non-fossil split: CH4 for all.
    const ar5 = gwpImpactMethod(flows, 'ipcc-ar5-gwp100').method.categories[0].factors;
    const ch4 = gwpValue(gwpSet('ipcc-ar5-gwp100'), 'CH4');
    assert.deepEqual(
      ar5.slice(0, 3).map((f) => f.value),
      [ch4, ch4, ch4],
    );
  });

  it('gives the hand-computed result with the calculator, uptake counting −1 per kg', () => {
    const db = new DatabaseBuilder()
      .product('p')
      .elementary('co2', { name: 'Carbon dioxide, fossil', category: 'Elementary flows/air/unspecified' })
      .elementary('ch4', { name: 'Methane, fossil', category: 'Elementary flows/air/unspecified' })
      .elementary('co2-in', { name: 'Carbon dioxide, in air', category: 'Elementary flows/resource/in air' })
      .process('emitter')
      .output('p', 1)
      .output('co2', 1)
      .output('ch4', 0.5)
      .end()
      .process('grower')
      .output('p', 1)
      .output('co2', 1)
      .output('ch4', 0.5)
      .input('co2-in', 2)
      .end()
      .build();
    const { method, unmapped } = gwpImpactMethod(db.flows);
    assert.deepEqual(unmapped, []);
    // The engine applies input factors to the extracted amount (core impact-matrix.ts): uptake is −1 per kg.
    assert.equal(method.categories[0].factors.find((f) => f.flowId === 'co2-in')?.value, -1);
    const calc = new Calculator(db, { impactMethod: method });
    const total = (processId: string) => {
      const impacts = calc.calculate({ processId, productId: 'p' }).impacts;
      assert.ok(impacts !== undefined);
      assert.equal(impacts.length, 1);
      return impacts[0].amount;
    };
    // 1 kg CO2 fossil + 0.5 kg × 29.8 (CH4 fossil, AR6 Table 7.15) = 15.9
    assert.ok(Math.abs(total('emitter') - 15.9) < 1e-12, `${total('emitter')}`);
    // 2 kg CO2 taken from air: 15.9 − 2 = 13.9
    assert.ok(Math.abs(total('grower') - 13.9) < 1e-12, `${total('grower')}`);
  });
});

describe('pre-aggregated CO2 equivalents', () => {
  it('maps the pre-aggregated flow to CO2e with factor 1 in every set', () => {
    const f = flow(
      'Greenhouse gases, CO2 equivalent (pre-aggregated)',
      'Elementary flows/Emission to air/unspecified',
    );
    assert.deepEqual(mapGreenhouseGas(f), { species: 'CO2e' });
    assert.deepEqual(ghgLikeButUnmapped([f]), []);
    for (const id of ['ipcc-ar6-gwp100', 'ipcc-ar4-gwp100'])
      assert.deepEqual(gwpImpactMethod([f], id).method.categories[0].factors, [{ flowId: f.id, value: 1 }]);
    assert.equal(map('Greenhouse gases, CO2 equivalent', 'soil/agricultural'), undefined);
  });
});
