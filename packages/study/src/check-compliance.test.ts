// ISO 14067:2018, GB/T 24067-2024, the GHG Protocol Product Standard and PAS 2050:2011 on bracket models calculated
// on the starter database: for each, a study that meets the rule set and one that fails named requirements, with
// every status worked out by hand from the model and the study (comments say why).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PAS_2050_2011, ruleSet, type RuleSet } from '@opencfp/refdata';
import { checkCompliance } from './check-compliance.js';
import { StudyError } from './errors.js';
import { finding, statuses } from './test-support/report-helpers.js';
import { calculateOnStarter } from './test-support/starter-background.js';
import { BRACKET_GATE_TOTAL, bracket, completeStudy } from './test-support/study-fixtures.js';

type Calculated = Awaited<ReturnType<typeof calculateOnStarter>>;

let gate: Calculated;
let grave: Calculated;
let unstaged: Calculated;
let gtp: Calculated;

before(async () => {
  gate = await calculateOnStarter(bracket());
  grave = await calculateOnStarter(bracket({ grave: true }));
  unstaged = await calculateOnStarter(bracket({ unstaged: true }));
  gtp = await calculateOnStarter(bracket(), { gwpSetId: 'ipcc-ar6-gtp100' });
});

describe('the bracket models', () => {
  it('add up by hand', () => {
    const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);
    // 0.5 × 15.1 + 2 × 0.5827 + 0.5 t·km × 0.10163
    close(gate.result.split.total, BRACKET_GATE_TOTAL);
    close(BRACKET_GATE_TOTAL, 8.766215);
    // Unstaged assembly: its own electricity (2 × 0.5827) goes to 'unassigned'.
    const unassigned = unstaged.result.byStage.find((s) => s.id === 'unassigned');
    close(unassigned?.amount ?? Number.NaN, 1.1654);
  });
});

describe('checkCompliance: ISO 14067:2018', () => {
  it('finds an intermediate product studied cradle to gate compliant', () => {
    const study = completeStudy('iso-14067-2018', gate, {
      attestations: [
        {
          requirementId: 'iso-14067-2018.site-specific-data',
          statement: 'Machining electricity and material use metered at the plant, 2024.',
          reference: 'plant energy log 2024',
        },
      ],
    });
    const report = checkCompliance(study, ruleSet('iso-14067-2018'));
    assert.deepEqual(statuses(report), {
      boundary: 'met', // intermediate may be cradle to gate; distribution, use, end of life are 0
      unit: 'met', // a declared unit suffices for an intermediate product
      gwp: 'met', // ipcc-ar6-gwp100, no supplier or carrier figure in another set
      'separate-reporting': 'met', // the split always holds fossil, biogenic, dLUC, aircraft
      stages: 'met', // every process staged: nothing unassigned
      'cut-off': 'met', // criteria stated, nothing excluded, no background cut-off
      allocation: 'not-applicable', // one output per process, no allocation diagnostic
      electricity: 'met', // location-based
      'data-quality': 'met',
      'site-specific-data': 'met', // attested
      'time-period': 'met',
      'use-and-end-of-life': 'not-applicable', // cradle to gate
      sensitivity: 'met',
      uncertainty: 'met',
      report: 'met',
    });
    assert.equal(report.blocksPublication, false);
    assert.deepEqual(report.counts, { met: 13, 'not-met': 0, 'not-applicable': 2, 'needs-evidence': 0 });
    assert.deepEqual(finding(report, 'gwp').evidence[0], {
      path: '/result/gwpSet/id',
      value: 'ipcc-ar6-gwp100',
    });
    assert.deepEqual(
      finding(report, 'separate-reporting').evidence.find((e) => e.path === '/result/split/aircraft'),
      { path: '/result/split/aircraft', value: 0 },
    );
    assert.deepEqual(finding(report, 'electricity').evidence, [
      { path: '/result/contributions/1/electricity/accounting', value: 'location-based' },
    ]);
    // Every finding carries the clause, and no fix when met.
    assert.equal(finding(report, 'cut-off').clause, 'ISO 14067:2018 6.3.4.3');
    assert.equal(finding(report, 'cut-off').fix, undefined);
    assert.ok(finding(report, 'gwp').toBeConfirmed?.[0].includes('time horizon'));
  });

  it('blocks a final product studied cradle to gate without functional unit, data quality, sensitivity or cut-off', () => {
    const base = completeStudy('iso-14067-2018', gate, {});
    const study = {
      ...base,
      productType: 'final' as const,
      functionalUnit: undefined,
      dataQuality: undefined,
      sensitivity: undefined,
      uncertainty: undefined,
      choices: { ...base.choices, cutOff: undefined, uncertaintyStatement: undefined },
    };
    const report = checkCompliance(study, ruleSet('iso-14067-2018'));
    assert.deepEqual(statuses(report), {
      boundary: 'not-met', // a final product is studied cradle to grave
      unit: 'not-met', // a final product needs a functional unit
      gwp: 'met',
      'separate-reporting': 'met',
      stages: 'met',
      'cut-off': 'not-met', // no criteria
      allocation: 'not-applicable',
      electricity: 'met',
      'data-quality': 'not-met',
      'site-specific-data': 'needs-evidence', // no attestation
      'time-period': 'met',
      'use-and-end-of-life': 'not-applicable',
      sensitivity: 'not-met',
      uncertainty: 'not-met', // recommended: does not block
      report: 'not-met', // cut-off criteria and data quality missing
    });
    assert.equal(report.blocksPublication, true);
    assert.deepEqual(
      report.blocking,
      ['boundary', 'unit', 'cut-off', 'data-quality', 'sensitivity', 'report'].map(
        (s) => `iso-14067-2018.${s}`,
      ),
    );
    const boundary = finding(report, 'boundary');
    assert.equal(
      boundary.message.en,
      'a final product is studied cradle-to-grave under this rule set; the study declares cradle-to-gate',
    );
    assert.ok(boundary.fix?.en.includes('cradle-to-grave') && boundary.fix.zh.includes('摇篮到坟墓'));
    assert.equal(
      finding(report, 'report').message.en,
      'missing for the report: cut-off criteria, data-quality assessment',
    );
    assert.equal(finding(report, 'uncertainty').level, 'recommended');
  });

  it('refuses a study that declares another rule set', () => {
    const study = completeStudy('pas-2050-2011', gate, {});
    assert.throws(
      () => checkCompliance(study, ruleSet('iso-14067-2018')),
      (e: unknown) => e instanceof StudyError && e.code === 'RULE_SET_MISMATCH',
    );
    // Without a rule set given, the study's own is used.
    assert.equal(checkCompliance(study).ruleSetId, 'pas-2050-2011');
  });

  it('catches a cradle-to-gate claim with emissions after the gate', () => {
    const study = completeStudy('iso-14067-2018', grave, {});
    const f = finding(checkCompliance(study, ruleSet('iso-14067-2018')), 'boundary');
    assert.equal(f.status, 'not-met');
    // delivery 0.1 t·km × 0.10163; landfill 0.5 kg of scrap metal
    assert.deepEqual(
      f.evidence.map((e) => e.path),
      ['/study/productType', '/study/boundary', '/result/byStage/2/amount', '/result/byStage/4/amount'],
    );
  });
});

describe('checkCompliance: GB/T 24067-2024', () => {
  it('finds the ISO-compliant study compliant, the critical review still to be attested', () => {
    const study = completeStudy('gb-t-24067-2024', gate, {
      attestations: [
        { requirementId: 'gb-t-24067-2024.site-specific-data', statement: 'Metered at the plant.' },
      ],
    });
    const report = checkCompliance(study, ruleSet('gb-t-24067-2024'));
    const s = statuses(report);
    assert.equal(s['critical-review'], 'needs-evidence'); // recommended, no review attached
    delete s['critical-review'];
    const iso = statuses(
      checkCompliance(
        {
          ...study,
          ruleSetId: 'iso-14067-2018',
          attestations: [
            { requirementId: 'iso-14067-2018.site-specific-data', statement: 'Metered at the plant.' },
          ],
        },
        ruleSet('iso-14067-2018'),
      ),
    );
    assert.deepEqual(s, iso);
    assert.equal(report.blocksPublication, false);
    assert.equal(finding(report, 'cut-off').clause, 'GB/T 24067-2024 (ISO 14067:2018 6.3.4.3)');
  });

  it('blocks a footprint characterised with GTP instead of GWP', () => {
    const study = completeStudy('gb-t-24067-2024', gtp, {
      attestations: [
        { requirementId: 'gb-t-24067-2024.site-specific-data', statement: 'Metered at the plant.' },
      ],
    });
    const report = checkCompliance(study, ruleSet('gb-t-24067-2024'));
    assert.deepEqual(report.blocking, ['gb-t-24067-2024.gwp']);
    assert.equal(
      finding(report, 'gwp').message.en,
      'IPCC AR6 GTP100 does not fit the rule set: it is a GTP set, not GWP',
    );
  });
});

describe('checkCompliance: GHG Protocol Product Standard', () => {
  const attestations = [
    { requirementId: 'ghg-protocol-product-2011.primary-data', statement: 'Plant data for machining, 2024.' },
    {
      requirementId: 'ghg-protocol-product-2011.assurance',
      statement: 'Limited assurance, first party (internal audit).',
      by: 'Internal audit',
    },
  ];

  it('finds a final product inventoried cradle to grave compliant', () => {
    const study = completeStudy('ghg-protocol-product-2011', grave, {
      productType: 'final',
      boundary: 'cradle-to-grave',
      attestations,
    });
    const report = checkCompliance(study, ruleSet('ghg-protocol-product-2011'));
    assert.deepEqual(statuses(report), {
      boundary: 'met', // end of life modelled: landfill of the bracket
      unit: 'met',
      gwp: 'met',
      'separate-reporting': 'met',
      stages: 'met',
      exclusions: 'met',
      allocation: 'not-applicable',
      'primary-data': 'met',
      'data-quality': 'met',
      uncertainty: 'met',
      'time-period': 'met',
      'use-and-end-of-life': 'met', // end-of-life approach stated
      assurance: 'met',
      report: 'met', // background data: the 'starter' version
    });
    assert.equal(report.blocksPublication, false);
    assert.deepEqual(finding(report, 'assurance').evidence, [
      { path: '/study/attestations/1/statement', value: 'Limited assurance, first party (internal audit).' },
    ]);
  });

  it('blocks a final product inventoried cradle to gate with an unassigned stage', () => {
    const study = completeStudy('ghg-protocol-product-2011', unstaged, { productType: 'final' });
    const report = checkCompliance(study, ruleSet('ghg-protocol-product-2011'));
    const s = statuses(report);
    assert.equal(s.boundary, 'not-met');
    assert.equal(s.stages, 'not-met');
    assert.equal(s['use-and-end-of-life'], 'not-applicable');
    assert.equal(s['primary-data'], 'needs-evidence');
    assert.equal(s.assurance, 'needs-evidence');
    assert.deepEqual(report.blocking, [
      'ghg-protocol-product-2011.boundary',
      'ghg-protocol-product-2011.stages',
    ]);
    assert.equal(
      finding(report, 'stages').message.en,
      'part of the footprint is outside the iso-14067 stages: unassigned 1.1654 kg CO2e',
    );
    assert.deepEqual(report.counts, { met: 8, 'not-met': 2, 'not-applicable': 2, 'needs-evidence': 2 });
  });
});

describe('checkCompliance: PAS 2050:2011', () => {
  const attestations = [
    { requirementId: 'pas-2050-2011.primary-activity-data', statement: 'Plant activity data, 2024.' },
  ];

  it('finds a cradle-to-gate assessment with exclusions below 1 % compliant', () => {
    // A = 8.766215 + 0.05 + 0.02 = 8.836215; 0.05 / A = 0.5659 %, 0.02 / A = 0.2263 %: both below 1 %.
    const base = completeStudy('pas-2050-2011', gate, { attestations });
    const study = {
      ...base,
      choices: {
        ...base.choices,
        cutOff: {
          criteria: 'sources below 1 % of the anticipated life-cycle emissions',
          exclusions: [
            { name: 'machining coolant', co2e: 0.05, reason: 'estimated from the supplier’s data sheet' },
            { name: 'packaging tape', co2e: 0.02, reason: 'estimated from mass' },
          ],
        },
      },
    };
    const report = checkCompliance(study, ruleSet('pas-2050-2011'));
    assert.deepEqual(statuses(report), {
      boundary: 'met',
      unit: 'met',
      gwp: 'met',
      materiality: 'met',
      'primary-activity-data': 'met',
      'data-quality': 'met',
      allocation: 'not-applicable',
      'use-profile': 'not-applicable', // cradle to gate
      recycling: 'not-applicable',
      records: 'met',
    });
    const materiality = finding(report, 'materiality');
    assert.equal(
      materiality.message.en,
      '2 exclusions, 0.7922 % of the anticipated total; the study covers 99.21 %',
    );
    assert.deepEqual(materiality.evidence[2], {
      path: '/study/choices/cutOff/exclusions/0/co2e',
      value: 0.05,
      note: 'machining coolant: 0.5659 % of the anticipated total',
    });
    assert.ok(materiality.toBeConfirmed?.[0].includes('95 %'));
  });

  it('blocks an exclusion of 1 % or more and economic allocation without a reason', () => {
    // 0.1 / (8.766215 + 0.1) = 1.128 %: not below the 1 % threshold.
    const base = completeStudy('pas-2050-2011', gate, { attestations });
    const study = {
      ...base,
      choices: {
        ...base.choices,
        allocation: { method: 'economic' as const },
        cutOff: {
          criteria: 'sources below 1 %',
          exclusions: [{ name: 'surface treatment', co2e: 0.1, reason: 'no data' }],
        },
      },
    };
    const report = checkCompliance(study, ruleSet('pas-2050-2011'));
    assert.deepEqual(report.blocking, ['pas-2050-2011.materiality', 'pas-2050-2011.allocation']);
    assert.equal(
      finding(report, 'materiality').message.en,
      'surface treatment (1.128 %) is not below the 1 % threshold',
    );
    assert.equal(
      finding(report, 'allocation').message.en,
      'economic is step 2 of the hierarchy: say why subdivision and system-expansion could not be used',
    );
  });

  it('counts a source at exactly 1 % as not below the threshold', () => {
    const base = completeStudy('pas-2050-2011', gate, { attestations });
    const study = {
      ...base,
      choices: {
        ...base.choices,
        cutOff: { criteria: '1 %', exclusions: [{ name: 'paint', share: 0.01, reason: 'estimate' }] },
      },
    };
    assert.equal(finding(checkCompliance(study, PAS_2050_2011), 'materiality').status, 'not-met');
  });

  describe('the 95 % coverage rule (the issue’s value, not yet in the data: added here to test the arithmetic)', () => {
    // The PAS 2050 data leaves the minimum coverage out until it is confirmed; this rule set adds the 95 % the issue
    // names to the materiality requirement, with a source note saying so.
    const with95: RuleSet = {
      ...PAS_2050_2011,
      requirements: PAS_2050_2011.requirements.map((q) =>
        q.id === 'pas-2050-2011.materiality' && q.condition.check === 'cut-off'
          ? {
              ...q,
              condition: {
                ...q.condition,
                minCoveredShare: {
                  value: 95,
                  unit: '%' as const,
                  sourceId: 'pas-2050-2011',
                  clause: '6.3 (issue 7; to be confirmed)',
                },
              },
            }
          : q,
      ),
    };
    const studyExcluding = (shares: number[]) => {
      const base = completeStudy('pas-2050-2011', gate, { attestations });
      return {
        ...base,
        choices: {
          ...base.choices,
          cutOff: {
            criteria: 'sources below 1 %, at least 95 % covered',
            exclusions: shares.map((share, i) => ({
              name: `minor source ${i + 1}`,
              share,
              reason: 'estimate',
            })),
          },
        },
      };
    };

    it('passes a study covering 96 %: five sources of 0.8 % left out', () => {
      // 5 × 0.008 = 0.04 excluded → 96 % covered ≥ 95 %; each 0.8 % < 1 %.
      const f = finding(
        checkCompliance(studyExcluding([0.008, 0.008, 0.008, 0.008, 0.008]), with95),
        'materiality',
      );
      assert.equal(f.status, 'met');
      assert.equal(f.message.en, '5 exclusions, 4 % of the anticipated total; the study covers 96 %');
    });

    it('fails a study covering 94 %: eight sources of 0.75 % left out, each below 1 %', () => {
      // 8 × 0.0075 = 0.06 excluded → 94 % covered < 95 %, though every source is below 1 %.
      const report = checkCompliance(studyExcluding(new Array(8).fill(0.0075)), with95);
      const f = finding(report, 'materiality');
      assert.equal(f.status, 'not-met');
      assert.equal(f.message.en, 'the study covers 94 % of the anticipated total, less than 95 %');
      assert.equal(f.message.zh, '本研究覆盖预计总量的 94 %，低于 95%');
      assert.deepEqual(report.blocking, ['pas-2050-2011.materiality']);
    });

    it('leaves the real PAS 2050 data at the 1 % rule: the 94 % study passes it', () => {
      const f = finding(
        checkCompliance(studyExcluding(new Array(8).fill(0.0075)), PAS_2050_2011),
        'materiality',
      );
      assert.equal(f.status, 'met');
    });
  });
});
