// The PEF method (2021/2279) on the bracket, and the EU battery carbon footprint — the JRC CFB-EV rules and the
// draft delegated act's electricity variant — on a battery pack, calculated on the starter database with the EU
// battery stages. Statuses worked out by hand from the model and the study.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ruleSet } from '@opencfp/refdata';
import { checkCompliance } from './check-compliance.js';
import type { Study } from './study.js';
import { finding, statuses } from './test-support/report-helpers.js';
import { calculateOnStarter } from './test-support/starter-background.js';
import { batteryPack, bracket, completeStudy, GREEN_CERTIFICATE } from './test-support/study-fixtures.js';

type Calculated = Awaited<ReturnType<typeof calculateOnStarter>>;

describe('checkCompliance: PEF (Recommendation (EU) 2021/2279)', () => {
  let greenGrave: Calculated;
  let gridGrave: Calculated;
  before(async () => {
    greenGrave = await calculateOnStarter(
      bracket({ grave: true, electricity: { accounting: 'market-based', instruments: [GREEN_CERTIFICATE] } }),
    );
    gridGrave = await calculateOnStarter(bracket({ grave: true }));
  });
  const pefStudy = (calculated: Calculated, overrides: Partial<Study> = {}) => {
    const base = completeStudy('eu-pef-2021-2279', calculated, {
      productType: 'final',
      boundary: 'cradle-to-grave',
      attestations: [
        {
          requirementId: 'eu-pef-2021-2279.characterisation',
          statement: 'Checked against the EF reference package climate-change factors for the gases present.',
        },
        { requirementId: 'eu-pef-2021-2279.verification', statement: 'Verified by an independent verifier.' },
      ],
    });
    return {
      ...base,
      choices: { ...base.choices, endOfLife: { approach: 'circular-footprint-formula' as const } },
      ...overrides,
    };
  };

  it('finds a final product with market-based electricity and the Circular Footprint Formula compliant', () => {
    const report = checkCompliance(pefStudy(greenGrave), ruleSet('eu-pef-2021-2279'));
    assert.deepEqual(statuses(report), {
      boundary: 'met',
      unit: 'met',
      characterisation: 'met', // the EF package needs a person: attested
      'sub-indicators': 'met',
      'cut-off': 'met',
      allocation: 'not-applicable',
      electricity: 'met', // market-based, the certificate meeting every criterion
      'end-of-life': 'met',
      'data-quality': 'met',
      'time-period': 'met',
      verification: 'met',
      report: 'met',
    });
    assert.equal(report.blocksPublication, false);
    assert.deepEqual(finding(report, 'electricity').evidence, [
      { path: '/result/contributions/4/electricity/accounting', value: 'market-based' },
    ]);
  });

  it('blocks location-based electricity and a cut-off end of life; the EF factors still need a person', () => {
    const base = pefStudy(gridGrave, { attestations: [] });
    const study = { ...base, choices: { ...base.choices, endOfLife: { approach: 'cut-off' as const } } };
    const report = checkCompliance(study, ruleSet('eu-pef-2021-2279'));
    const s = statuses(report);
    assert.equal(s.electricity, 'not-met');
    assert.equal(s['end-of-life'], 'not-met');
    assert.equal(s.characterisation, 'needs-evidence');
    assert.equal(s.verification, 'needs-evidence');
    assert.deepEqual(report.blocking, ['eu-pef-2021-2279.electricity', 'eu-pef-2021-2279.end-of-life']);
    assert.equal(
      finding(report, 'electricity').message.en,
      '1 electricity input is accounted location-based (/document/processes/0/inputs/1); the rule set accepts market-based, residual-mix',
    );
    assert.equal(
      finding(report, 'end-of-life').message.en,
      'the end of life is modelled with cut-off; the rule set asks for circular-footprint-formula',
    );
    assert.equal(
      finding(report, 'characterisation').message.en,
      'the rule set characterises climate change with the EF reference package; the model was calculated with IPCC AR6 GWP100: a person must confirm the factors match (and attest it)',
    );
  });
});

describe('checkCompliance: EU battery carbon footprint (JRC CFB-EV 2023 and the draft delegated act 2024)', () => {
  let euRule: Calculated;
  let certificates: Calculated;
  let perPack: Calculated;
  let isoStages: Calculated;
  before(async () => {
    euRule = await calculateOnStarter(batteryPack(), { stageScheme: 'eu-battery' });
    certificates = await calculateOnStarter(
      batteryPack({ electricity: { accounting: 'market-based', instruments: [GREEN_CERTIFICATE] } }),
      { stageScheme: 'eu-battery' },
    );
    perPack = await calculateOnStarter(batteryPack({ unit: 'item' }), { stageScheme: 'eu-battery' });
    isoStages = await calculateOnStarter(batteryPack());
  });

  const batteryStudy = (ruleSetId: string, calculated: Calculated, overrides: Partial<Study> = {}): Study => {
    const base = completeStudy(ruleSetId, calculated, {
      productType: 'intermediate',
      boundary: 'cradle-to-grave',
      functionalUnit: '1 kWh of the total energy the battery provides over its service life',
      declaredUnit: undefined,
      report: {
        manufacturer: 'Illustrative Battery Co.',
        productIdentification: 'LFP pack P-60',
        plantLocation: 'Changzhou, Jiangsu, China',
        publicStudyUrl: 'https://example.com/studies/p-60',
      },
      attestations: ['characterisation', 'company-specific-data', 'verification'].map((r) => ({
        requirementId: `${ruleSetId}.${r}`,
        statement: `attested for ${r}`,
      })),
    });
    return {
      ...base,
      choices: {
        ...base.choices,
        endOfLife: { approach: 'circular-footprint-formula' },
        useProfile: undefined,
      },
      ...overrides,
    };
  };

  it('adds up the pack by hand', () => {
    // housing 0.9 × 15.1 = 13.59; cathode 2.2 × 9 = 19.8; 30 kWh × 0.5306 (national grid 2023, the eu-battery rule)
    // = 15.918; lorry 3 t·km × 0.10163 = 0.30489; WEEE recycling of 6 kg
    const recycling = euRule.result.byStage.find((s) => s.id === 'end-of-life-and-recycling')?.amount ?? 0;
    assert.ok(recycling > 0);
    const expected = 13.59 + 19.8 + 15.918 + 0.30489 + recycling;
    assert.ok(Math.abs(euRule.result.split.total - expected) < 1e-12);
  });

  it('finds a pack with the eu-battery electricity rule compliant with both variants', () => {
    for (const id of ['eu-battery-cfb-ev-2023', 'eu-battery-draft-da-2024']) {
      const report = checkCompliance(batteryStudy(id, euRule), ruleSet(id));
      assert.deepEqual(
        statuses(report),
        {
          boundary: 'met', // the recycling stage is modelled
          stages: 'met', // eu-battery scheme, nothing outside it
          'functional-unit': 'met', // per kWh
          characterisation: 'met', // attested
          electricity: 'met', // eu-battery accounting: accepted by both
          'end-of-life': 'met',
          'cut-off': 'met',
          'company-specific-data': 'met',
          'data-quality': 'met',
          allocation: 'not-applicable',
          declaration: 'met',
          verification: 'met',
        },
        id,
      );
      assert.equal(report.blocksPublication, false, id);
    }
  });

  it('accepts green certificates under the JRC rules but not under the draft delegated act', () => {
    const jrc = checkCompliance(
      batteryStudy('eu-battery-cfb-ev-2023', certificates),
      ruleSet('eu-battery-cfb-ev-2023'),
    );
    assert.equal(finding(jrc, 'electricity').status, 'met');
    assert.equal(jrc.blocksPublication, false);
    const draft = checkCompliance(
      batteryStudy('eu-battery-draft-da-2024', certificates),
      ruleSet('eu-battery-draft-da-2024'),
    );
    assert.deepEqual(draft.blocking, ['eu-battery-draft-da-2024.electricity']);
    assert.equal(
      finding(draft, 'electricity').message.en,
      '1 electricity input is accounted market-based (/document/processes/0/inputs/2); the rule set accepts eu-battery',
    );
    assert.equal(
      finding(draft, 'electricity').fix?.zh,
      '所有电力输入均按 eu-battery 选项核算（直连，或全国电网组合）。',
    );
  });

  it('blocks a footprint per pack, in ISO stages, with a cut-off end of life and no plant location', () => {
    const id = 'eu-battery-cfb-ev-2023';
    const base = batteryStudy(id, perPack);
    const study: Study = {
      ...base,
      choices: { ...base.choices, endOfLife: { approach: 'cut-off' } },
      report: { ...base.report, plantLocation: undefined },
    };
    const report = checkCompliance(study, ruleSet(id));
    assert.deepEqual(report.blocking, [`${id}.functional-unit`, `${id}.end-of-life`, `${id}.declaration`]);
    assert.equal(
      finding(report, 'functional-unit').message.en,
      'the footprint is per 1 item; the rule set asks for it per kWh',
    );
    assert.equal(finding(report, 'declaration').message.en, 'missing for the report: plant location');
    const stages = checkCompliance(batteryStudy(id, isoStages), ruleSet(id));
    assert.deepEqual(stages.blocking, [`${id}.stages`]);
    assert.equal(
      finding(stages, 'stages').message.en,
      'the result is by iso-14067 stages; the rule set asks for eu-battery stages',
    );
  });

  it('asks for evidence when electricity comes in as a background grid dataset', async () => {
    const doc = batteryPack();
    const pack = doc.processes[0];
    const inputs = pack.inputs ?? [];
    inputs[2] = {
      name: 'Cell plant electricity, Jiangsu grid dataset',
      amount: 30,
      unit: 'kWh',
      source: { kind: 'background', processId: '74598a7b-cb71-5f37-b2a6-e36d1f608b8b' },
    };
    const calculated = await calculateOnStarter(doc, { stageScheme: 'eu-battery' });
    const id = 'eu-battery-draft-da-2024';
    const f = finding(checkCompliance(batteryStudy(id, calculated), ruleSet(id)), 'electricity');
    assert.equal(f.status, 'needs-evidence');
    assert.ok(f.message.en.includes('Electricity, grid average, Jiangsu, CO2 emission factor 2023'));
  });
});
