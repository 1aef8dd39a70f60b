// The PACT Methodology v3.0 (through the Technical Specifications v3.0.3) on the cradle-to-gate bracket calculated on
// the starter database, including the phase-in of the data-quality ratings (required by the end of 2027).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ruleSet } from '@opencfp/refdata';
import { checkCompliance } from './check-compliance.js';
import type { Study } from './study.js';
import { finding, statuses } from './test-support/report-helpers.js';
import { calculateOnStarter } from './test-support/starter-background.js';
import { bracket, completeStudy } from './test-support/study-fixtures.js';

type Calculated = Awaited<ReturnType<typeof calculateOnStarter>>;
const PACT = 'pact-methodology-3.0';

let ar6: Calculated;
let ar5WithoutCarbonContent: Calculated;

before(async () => {
  ar6 = await calculateOnStarter(bracket());
  const { carbonContent: _, ...withoutCarbonContent } = bracket();
  ar5WithoutCarbonContent = await calculateOnStarter(withoutCarbonContent, { gwpSetId: 'ipcc-ar5-gwp100' });
});

describe('checkCompliance: PACT Methodology 3.0', () => {
  it('finds a cradle-to-gate PCF with AR6, primary data share and ratings compliant', () => {
    const report = checkCompliance(completeStudy(PACT, ar6, {}), ruleSet(PACT));
    assert.deepEqual(statuses(report), {
      boundary: 'met',
      'declared-unit': 'met',
      'product-mass': 'met', // 0.5 kg per bracket
      characterisation: 'met', // ipcc-ar6-gwp100 is AR6
      'fossil-and-packaging': 'met', // fossil carbon content 0 stated; packaging not included (false)
      biogenic: 'met', // biogenic carbon content 0 stated
      'land-management': 'met',
      exemptions: 'met', // nothing excluded: 0 %
      allocation: 'not-applicable',
      'primary-data-share': 'met',
      'data-quality-ratings': 'met', // 1.6, 2.1, 1.4 within 1–5
      'reference-period': 'met',
      'secondary-data-sources': 'met',
    });
    assert.equal(report.blocksPublication, false);
    // Reported on 2025-06-30: the ratings and land management are required from 2027-12-31 only.
    assert.equal(finding(report, 'data-quality-ratings').level, 'recommended');
    assert.equal(finding(report, 'land-management').level, 'recommended');
    assert.equal(finding(report, 'exemptions').message.en, 'cut-off criteria stated; nothing excluded');
    assert.deepEqual(finding(report, 'characterisation').evidence, [
      { path: '/result/gwpSet/id', value: 'ipcc-ar6-gwp100' },
      { path: '/result/gwpSet/version', value: 'AR6' },
    ]);
  });

  it('blocks AR5, missing carbon contents, no primary data share and no exemption statement', () => {
    const base = completeStudy(PACT, ar5WithoutCarbonContent, {
      dataQuality: { method: 'pact-dqr', ratings: { technological: 1.6, geographical: 2.1, temporal: 6 } },
    });
    const study: Study = { ...base, choices: { ...base.choices, cutOff: undefined } };
    const report = checkCompliance(study, ruleSet(PACT));
    assert.deepEqual(report.blocking, [
      `${PACT}.characterisation`,
      `${PACT}.fossil-and-packaging`,
      `${PACT}.biogenic`,
      `${PACT}.exemptions`,
      `${PACT}.primary-data-share`,
    ]);
    assert.equal(
      finding(report, 'characterisation').message.en,
      'IPCC AR5 GWP100 (without climate–carbon feedback) does not fit the rule set: it is from AR5, not AR6',
    );
    assert.equal(
      finding(report, 'fossil-and-packaging').message.en,
      'not in the study: fossil carbon content',
    );
    // The temporal rating 6 is outside 1–5, but the ratings are still recommended on 2025-06-30.
    const ratings = finding(report, 'data-quality-ratings');
    assert.equal(ratings.status, 'not-met');
    assert.equal(ratings.level, 'recommended');
    assert.equal(ratings.message.en, 'the temporal rating 6 is outside 1–5');
  });

  it('makes the ratings mandatory for a report from 31 December 2027', () => {
    const study = completeStudy(PACT, ar6, {
      reportDate: '2027-12-31',
      dataQuality: { method: 'pact-dqr', primaryDataShare: 0.62, ratings: { technological: 1.6 } },
    });
    const report = checkCompliance(study, ruleSet(PACT));
    assert.deepEqual(report.blocking, [`${PACT}.data-quality-ratings`]);
    assert.equal(
      finding(report, 'data-quality-ratings').message.en,
      'no geographical rating; no temporal rating',
    );
    // Without a report date, the date checked at (asOf) decides.
    const undated = { ...study, reportDate: undefined };
    assert.equal(checkCompliance(undated, ruleSet(PACT), { asOf: '2026-01-01' }).blocksPublication, false);
    assert.equal(checkCompliance(undated, ruleSet(PACT), { asOf: '2028-01-01' }).blocksPublication, true);
  });

  it('reports the exempted share from the exclusions, and needs numbers for it', () => {
    const base = completeStudy(PACT, ar6, {});
    // 0.2 kg left out: 0.2 / (8.766215 + 0.2) = 2.231 % exempted
    const withExclusion: Study = {
      ...base,
      choices: {
        ...base.choices,
        cutOff: {
          criteria: 'PACT exemption rules',
          exclusions: [{ name: 'spare parts', co2e: 0.2, reason: 'no data' }],
        },
      },
    };
    const f = finding(checkCompliance(withExclusion, ruleSet(PACT)), 'exemptions');
    assert.equal(f.status, 'met');
    assert.equal(f.message.en, '1 exclusion, 2.231 % of the anticipated total; the study covers 97.77 %');
    const withoutEstimate: Study = {
      ...base,
      choices: {
        ...base.choices,
        cutOff: {
          criteria: 'PACT exemption rules',
          exclusions: [{ name: 'spare parts', reason: 'no data' }],
        },
      },
    };
    const g = finding(checkCompliance(withoutEstimate, ruleSet(PACT)), 'exemptions');
    assert.equal(g.status, 'not-met');
    assert.equal(g.message.en, 'no estimate for spare parts: the shares of the exclusions cannot be checked');
  });
});
