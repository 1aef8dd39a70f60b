import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Calculator, DatabaseBuilder, type Database } from '@opencfp/core';
import { carbonFootprint, type CarbonFootprint } from './carbon-footprint.js';
import { RefdataError } from './errors.js';

const close = (actual: number | undefined, expected: number, what = '') => {
  assert.ok(actual !== undefined, `${what}: undefined`);
  assert.ok(
    Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  );
};

const AIR = 'Elementary flows/Emission to air/unspecified';

/**
 * A shirt: cotton (raw materials; takes up 1.6 kg CO2 per kg, emits biogenic CH4, N2O and land-transformation
 * CO2), air freight (distribution; aircraft) burning kerosene from an untagged refinery, a cardboard box
 * (packaging; biogenic CO2 and uptake) and grid power (untagged), AR6 GWP100 (CH4 fossil 29.8, non-fossil 27.0,
 * N2O 273).
 */
function shirt(): Database {
  const db = new DatabaseBuilder()
    .product('shirt')
    .product('cotton')
    .product('flight')
    .product('kerosene')
    .product('box', { property: 'items' })
    .product('electricity', { property: 'energy' })
    .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
    .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
    .elementary('co2-luc', { name: 'Carbon dioxide, land transformation', category: AIR })
    .elementary('co2-in-air', {
      name: 'Carbon dioxide, in air',
      category: 'Elementary flows/Resource/in air',
    })
    .elementary('ch4-fossil', { name: 'Methane, fossil', category: AIR })
    .elementary('ch4-biogenic', { name: 'Methane, biogenic', category: AIR })
    .elementary('n2o', { name: 'Dinitrogen monoxide', category: AIR })
    .process('p-shirt', { tags: ['stage:production'] })
    .output('shirt', 1, { reference: true })
    .input('cotton', 0.5)
    .input('flight', 2)
    .input('box', 1)
    .input('electricity', 3)
    .output('co2-fossil', 0.2)
    .end()
    .process('p-cotton', { tags: ['stage:raw-material-acquisition'] })
    .output('cotton', 1, { reference: true })
    .input('co2-in-air', 1.6)
    .output('ch4-biogenic', 0.01)
    .output('n2o', 0.002)
    .output('co2-luc', 0.3)
    .end()
    .process('p-flight', { tags: ['stage:distribution', 'cfp:aircraft'] })
    .output('flight', 1, { reference: true })
    .input('kerosene', 0.3)
    .output('co2-fossil', 1)
    .end()
    .process('p-kerosene')
    .output('kerosene', 1, { reference: true })
    .output('co2-fossil', 0.5)
    .end()
    .process('p-box', { tags: ['stage:production', 'cfp:packaging'] })
    .output('box', 1, { reference: true })
    .input('electricity', 1)
    .input('co2-in-air', 0.2)
    .output('co2-biogenic', 0.1)
    .end()
    .process('p-power')
    .output('electricity', 1, { reference: true })
    .output('co2-fossil', 0.4)
    .output('ch4-fossil', 0.001)
    .end()
    .build();
  const reference = db.processes[0].exchanges.find((e) => e.isReference);
  if (!reference) throw new Error('no reference');
  reference.properties = [
    { name: 'carbon content, fossil', amount: 0.05, unit: 'dimensionless' },
    { name: 'carbon content, non-fossil', amount: 0.4, unit: 'dimensionless' },
  ];
  return db;
}

const footprint = (db: Database, options: Parameters<typeof carbonFootprint>[2] = {}, amount = 1) =>
  carbonFootprint(new Calculator(db).calculate({ processId: db.processes[0].id, amount }), db, options);

// Scaling: shirt 1, cotton 0.5, flight 2, kerosene 0.6, box 1, power 3 + 1 = 4 MJ.
// Power per MJ: 0.4 + 29.8 · 0.001 = 0.4298 kg CO2e.
const FOSSIL = 0.2 + 0.5 * 0.002 * 273 + 2 * 1 + 0.6 * 0.5 + 4 * 0.4298; // shirt, N2O, flight, kerosene, power = 4.4922
const BIOGENIC_CO2 = 0.1;
const BIOGENIC_CH4 = 0.5 * 0.01 * 27.0; // 0.135
const REMOVALS = -(0.5 * 1.6 + 0.2); // −1.0
const DLUC = 0.5 * 0.3; // 0.15

describe('carbonFootprint: the ISO 14067 split (hand-computed)', () => {
  it('splits fossil, biogenic emissions and removals, dLUC, aircraft and packaging (−1/+1)', () => {
    const cfp = footprint(shirt());
    const s = cfp.split;
    close(s.fossilEmissions, FOSSIL, 'fossil');
    close(s.fossilRemovals, 0, 'fossil removals');
    close(s.biogenicCo2Emissions, BIOGENIC_CO2, 'biogenic CO2');
    close(s.biogenicNonCo2Emissions, BIOGENIC_CH4, 'biogenic CH4');
    close(s.biogenicEmissions, BIOGENIC_CO2 + BIOGENIC_CH4, 'biogenic');
    close(s.biogenicRemovals, REMOVALS, 'removals');
    close(s.dLuc, DLUC, 'dLUC');
    close(s.landManagement, 0, 'land management');
    // Aircraft: the flight's own burning only, 2 t·km · 1 kg = 2 (the refinery's 0.3 is fossil, not aircraft).
    close(s.aircraft, 2, 'aircraft');
    // Packaging: the box's supply chain without uptake: 0.1 biogenic CO2 + 1 MJ · 0.4298 = 0.5298.
    close(s.packaging, 0.1 + 0.4298, 'packaging');
    // Total: 4.4922 + 0.1 + 0.135 − 1.0 + 0.15 = 3.8772.
    close(s.total, FOSSIL + BIOGENIC_CO2 + BIOGENIC_CH4 + REMOVALS + DLUC, 'total');
    assert.equal(cfp.biogenicApproach, '-1/+1');
    assert.equal(cfp.gwpSet.id, 'ipcc-ar6-gwp100');
  });

  it('leaves biogenic CO2 emissions and removals out of the total under 0/0, but still reports them', () => {
    const cfp = footprint(shirt(), { biogenicApproach: '0/0' });
    close(cfp.split.total, FOSSIL + BIOGENIC_CH4 + DLUC, 'total'); // 4.7772
    close(cfp.split.biogenicRemovals, REMOVALS, 'removals');
    close(cfp.split.biogenicCo2Emissions, BIOGENIC_CO2, 'biogenic CO2');
    close(cfp.split.packaging, 0.4298, 'packaging'); // biogenic CO2 of the box not counted
    const counted = cfp.byGas.filter((g) => g.countedInTotal).reduce((a, g) => a + g.co2e, 0);
    close(counted, cfp.split.total, 'gases counted');
    assert.deepEqual(
      cfp.byGas.filter((g) => !g.countedInTotal).map((g) => `${g.species} ${g.kind}`),
      ['CO2 uptake', 'CO2 biogenic'],
    );
  });

  it('derives the PACT fields, carbon contents from the product properties', () => {
    const cfp = footprint(shirt());
    const p = cfp.pact;
    close(p.pCfExcludingBiogenic, FOSSIL + DLUC + BIOGENIC_CH4, 'excl'); // 4.7772
    close(p.pCfIncludingBiogenic, FOSSIL + DLUC + BIOGENIC_CH4 + BIOGENIC_CO2 + REMOVALS, 'incl'); // 3.8772
    close(p.fossilGhgEmissions, FOSSIL, 'fossil');
    close(p.dLucGhgEmissions, DLUC, 'dLUC');
    close(p.otherBiogenicGhgEmissions, BIOGENIC_CH4, 'other biogenic');
    close(p.aircraftGhgEmissions, 2, 'aircraft');
    assert.equal(p.packagingEmissionsIncluded, true);
    close(p.packagingGhgEmissions, 0.5298, 'packaging');
    close(p.fossilCarbonContent, 0.05, 'fossil C');
    close(p.biogenicCarbonContent, 0.4, 'biogenic C');
    close(p.biogenicCarbonWithdrawal, (-0.4 * 44) / 12, 'withdrawal'); // −1.46667 kg CO2
    assert.equal(
      cfp.notes.some((n) => n.code === 'CARBON_CONTENT_MISSING'),
      false,
    );
  });

  it('scales every quantity with the declared amount', () => {
    const one = footprint(shirt());
    const three = footprint(shirt(), {}, 3);
    close(three.split.total, 3 * one.split.total, 'total');
    close(three.pact.biogenicCarbonContent, 1.2, 'biogenic C');
    close(three.split.packaging, 3 * one.split.packaging, 'packaging');
    assert.equal(three.declaredUnit.amount, 3);
  });

  it('totals by gas (−1/+1)', () => {
    const gas = (cfp: CarbonFootprint, species: string, kind?: string) =>
      cfp.byGas.find((g) => g.species === species && g.kind === kind);
    const cfp = footprint(shirt());
    close(gas(cfp, 'CO2', 'fossil')?.mass, 0.2 + 2 + 0.3 + 1.6, 'CO2 fossil'); // 4.1 kg
    close(gas(cfp, 'CH4', 'fossil')?.co2e, 0.004 * 29.8, 'CH4 fossil');
    close(gas(cfp, 'CH4', 'biogenic')?.co2e, BIOGENIC_CH4, 'CH4 biogenic');
    close(gas(cfp, 'N2O')?.mass, 0.001, 'N2O');
    close(gas(cfp, 'CO2', 'uptake')?.mass, -1, 'uptake');
    close(gas(cfp, 'CO2', 'land-transformation')?.co2e, DLUC, 'CO2 LUC');
    close(
      cfp.byGas.reduce((a, g) => a + g.co2e, 0),
      cfp.split.total,
      'sum',
    );
  });

  it('by life-cycle stage, untagged suppliers shared by supply chain; stages sum to the total', () => {
    const cfp = footprint(shirt());
    const stage = (id: string) => cfp.byStage.find((s) => s.id === id)?.amount;
    // Production: shirt 0.2 + its 3 MJ (1.2894) + box (0.1 − 0.2) + the box's 1 MJ (0.4298) = 1.8192.
    close(stage('production'), 0.2 + 3 * 0.4298 + 0.1 - 0.2 + 0.4298, 'production');
    // Raw materials: −0.8 + 0.135 + 0.273 + 0.15 = −0.242.
    close(stage('raw-material-acquisition'), -0.8 + 0.135 + 0.273 + 0.15, 'raw materials');
    // Distribution: flight 2 + kerosene 0.3.
    close(stage('distribution'), 2.3, 'distribution');
    close(stage('use'), 0, 'use');
    close(stage('end-of-life'), 0, 'end of life');
    close(
      cfp.byStage.reduce((a, s) => a + s.amount, 0),
      cfp.split.total,
      'sum',
    );
    assert.equal(
      cfp.byStage.some((s) => s.outsideScheme),
      false,
    );
  });

  it('EU battery stages: ISO stage tags are mapped, and 0/0 stages still sum to the total', () => {
    const cfp = footprint(shirt(), { stageScheme: 'eu-battery', biogenicApproach: '0/0' });
    assert.deepEqual(
      cfp.byStage.map((s) => s.id),
      [
        'raw-material-acquisition-and-pre-processing',
        'main-product-production',
        'distribution',
        'end-of-life-and-recycling',
      ],
    );
    // Production under 0/0: 0.2 + 1.2894 + 0.4298 (the box's biogenic CO2 and uptake not counted).
    close(cfp.byStage[1].amount, 0.2 + 3 * 0.4298 + 0.4298, 'production');
    close(
      cfp.byStage.reduce((a, s) => a + s.amount, 0),
      cfp.split.total,
      'sum',
    );
  });

  it('lists the top contributing processes', () => {
    const cfp = footprint(shirt());
    assert.equal(cfp.topContributors[0].processId, 'p-flight');
    close(cfp.topContributors[0].amount, 2, 'flight');
    assert.equal(cfp.topContributors[1].processId, 'p-power');
    close(cfp.topContributors[1].amount, 4 * 0.4298, 'power');
    assert.equal(footprint(shirt(), { topContributors: 2 }).topContributors.length, 2);
  });
});

describe('carbonFootprint: tags, credits, notes', () => {
  /** A crop on managed land, a forest clearing (dLUC), a capture plant, and flows the mapping has to flag. */
  function farm(): Database {
    return new DatabaseBuilder()
      .product('crop')
      .product('soil')
      .product('clearing')
      .product('capture')
      .elementary('co2-fossil', { name: 'Carbon dioxide, fossil', category: AIR })
      .elementary('co2', { name: 'Carbon dioxide', category: AIR })
      .elementary('co2-biogenic', { name: 'Carbon dioxide, biogenic', category: AIR })
      .elementary('co2-in-air', {
        name: 'Carbon dioxide, in air',
        category: 'Elementary flows/Resource/in air',
      })
      .elementary('n2o', { name: 'Dinitrogen monoxide', category: AIR })
      .elementary('hfcs', { name: 'HFCs, unspecified', category: AIR })
      .elementary('co2e', { name: 'Greenhouse gases, CO2 equivalent (pre-aggregated)', category: AIR })
      .process('p-crop', { tags: ['stage:raw-material-acquisition'] })
      .output('crop', 1, { reference: true })
      .input('soil', 1)
      .input('clearing', 1)
      .input('capture', 1)
      .input('co2-in-air', 1.5)
      .output('co2', 0.1)
      .output('hfcs', 0.001)
      .output('co2e', 0.25)
      .end()
      .process('p-soil', { tags: ['cfp:land-management'] })
      .output('soil', 1, { reference: true })
      .output('co2-biogenic', 0.4)
      .output('n2o', 0.001)
      .input('co2-in-air', 0.1)
      .end()
      .process('p-clearing', { tags: ['cfp:dluc'] })
      .output('clearing', 1, { reference: true })
      .output('co2-biogenic', 0.7)
      .output('co2-fossil', 0.05)
      .end()
      .process('p-capture')
      .output('capture', 1, { reference: true })
      .output('co2-fossil', -0.3)
      .end()
      .build();
  }

  it('land management and dLUC by tag, fossil removals, unspecified CO2 as fossil, pre-aggregated CO2e', () => {
    const cfp = footprint(farm());
    const s = cfp.split;
    // Land management: 0.4 biogenic CO2 + 0.001 · 273 N2O − 0.1 uptake = 0.573.
    close(s.landManagement, 0.4 + 0.273 - 0.1, 'land management');
    // dLUC: everything the clearing emits, 0.7 + 0.05.
    close(s.dLuc, 0.75, 'dLUC');
    close(s.fossilRemovals, -0.3, 'fossil removals');
    // Fossil: unspecified CO2 0.1 + pre-aggregated 0.25.
    close(s.fossilEmissions, 0.35, 'fossil');
    close(s.biogenicRemovals, -1.5, 'removals');
    close(s.total, 0.573 + 0.75 - 0.3 + 0.35 - 1.5, 'total');
    close(cfp.pact.landManagementGhgEmissions, 0.573, 'PACT land management');
    const codes = cfp.notes.map((n) => n.code).sort();
    assert.deepEqual(codes, [
      'CARBON_CONTENT_MISSING',
      'GHG_UNMAPPED',
      'PREAGGREGATED_CO2E',
      'UNSPECIFIED_ORIGIN',
    ]);
    const unmapped = cfp.notes.find((n) => n.code === 'GHG_UNMAPPED');
    assert.deepEqual(unmapped?.flows, [{ flowId: 'hfcs', name: 'HFCs, unspecified', amount: 0.001 }]);
    assert.equal(cfp.pact.fossilCarbonContent, undefined);
    assert.equal(cfp.pact.biogenicCarbonWithdrawal, undefined);
    assert.equal(cfp.pact.packagingEmissionsIncluded, false);
    assert.equal(cfp.pact.packagingGhgEmissions, undefined);
  });

  it('stages: untagged suppliers taken by the reference go to the default stage', () => {
    // p-soil, p-clearing, p-capture are untagged and taken by the tagged crop: all raw materials.
    const cfp = footprint(farm());
    close(cfp.byStage[0].amount, cfp.split.total, 'raw materials');
    // A system whose reference is untagged: its direct suppliers' part goes to 'unassigned' or the default.
    const db = farm();
    db.processes[0].tags = [];
    const unassigned = footprint(db);
    assert.equal(unassigned.byStage.find((s) => s.id === 'unassigned')?.outsideScheme, true);
    close(
      unassigned.byStage.find((s) => s.id === 'unassigned')?.amount,
      unassigned.split.total,
      'unassigned',
    );
    assert.ok(unassigned.notes.some((n) => n.code === 'STAGE_OUTSIDE_SCHEME'));
    const withDefault = footprint(db, { defaultStage: 'production' });
    close(withDefault.byStage.find((s) => s.id === 'production')?.amount, withDefault.split.total, 'default');
  });

  it('counts gases of flows without a compartment as air emissions, and says so', () => {
    const db = farm();
    const n2o = db.flows.find((f) => f.id === 'n2o');
    if (!n2o) throw new Error('no n2o');
    n2o.category = '';
    const cfp = footprint(db);
    close(cfp.split.landManagement, 0.4 + 0.273 - 0.1, 'land management');
    const note = cfp.notes.find((n) => n.code === 'GHG_COMPARTMENT_ASSUMED');
    assert.deepEqual(note?.flows, [{ flowId: 'n2o', name: 'Dinitrogen monoxide', amount: 0.001 }]);
  });

  it('uses one GWP set per result: AR5 gives N2O 265', () => {
    const cfp = footprint(farm(), { gwpSetId: 'ipcc-ar5-gwp100' });
    assert.equal(cfp.gwpSet.id, 'ipcc-ar5-gwp100');
    close(cfp.split.landManagement, 0.4 + 0.265 - 0.1, 'land management');
  });

  it('rejects unknown options with coded errors', () => {
    assert.throws(
      () => footprint(farm(), { biogenicApproach: '1/1' as '0/0' }),
      (e: unknown) => e instanceof RefdataError && e.code === 'UNKNOWN_BIOGENIC_APPROACH',
    );
    assert.throws(
      () => footprint(farm(), { stageScheme: 'pef' as 'eu-battery' }),
      (e: unknown) => e instanceof RefdataError && e.code === 'UNKNOWN_STAGE_SCHEME',
    );
    assert.throws(
      () => footprint(farm(), { gwpSetId: 'ipcc-ar7' }),
      (e: unknown) => e instanceof RefdataError && e.code === 'UNKNOWN_GWP_SET',
    );
  });
});
