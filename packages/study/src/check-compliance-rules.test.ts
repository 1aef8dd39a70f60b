// How checkCompliance decides, independent of any one standard: applicability, phase-ins, attestations and what
// blocks publication — on a small rule set written here, and the cradle-to-gate bracket on the starter database.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Requirement, RuleSet } from '@opencfp/refdata';
import { checkCompliance } from './check-compliance.js';
import type { Study } from './study.js';
import { finding } from './test-support/report-helpers.js';
import { calculateOnStarter } from './test-support/starter-background.js';
import { bracket, completeStudy } from './test-support/study-fixtures.js';

const text = { en: 'A test requirement.', zh: '测试要求。' };
const requirement = (id: string, extra: Partial<Requirement>): Requirement => ({
  id: `test-rules.${id}`,
  clause: `Test ${id}`,
  topic: 'report',
  level: 'mandatory',
  condition: { check: 'attestation' },
  text,
  fix: text,
  ...extra,
});

const RULES: RuleSet = {
  id: 'test-rules',
  name: { en: 'Test rules', zh: '测试规则' },
  version: '1',
  publisher: 'OpenCFP tests',
  year: 2025,
  url: 'https://example.com/test-rules',
  copyright: 'Test data.',
  scope: text,
  sources: [
    { id: 'test', title: 'Test source', publisher: 'OpenCFP', year: 2025, seen: 'written for the tests' },
  ],
  requirements: [
    requirement('final-only', {
      appliesTo: { productTypes: ['final'] },
      condition: { check: 'report', items: ['manufacturer'] },
    }),
    requirement('by-period-end', {
      phaseIn: {
        mandatoryFrom: { date: '2025-01-01', sourceId: 'test', clause: 'T.1' },
        basis: 'reference-period-end',
      },
      condition: { check: 'report', items: ['public-study-link'] },
    }),
    requirement('attested-but-not-met', { condition: { check: 'reference-period' } }),
    requirement('needs-a-person', {}),
  ],
};

describe('checkCompliance: how it decides', () => {
  let study: Study;
  before(async () => {
    const base = completeStudy('test-rules', await calculateOnStarter(bracket()), {
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
    });
    study = {
      ...base,
      report: { ...base.report, manufacturer: undefined, publicStudyUrl: undefined },
      referencePeriod: { start: '2024-12-31', end: '2024-01-01' },
      attestations: [{ requirementId: 'test-rules.attested-but-not-met', statement: 'trust me' }],
    };
  });

  it('skips a requirement for other product types', () => {
    const f = finding(checkCompliance(study, RULES), 'final-only');
    assert.equal(f.status, 'not-applicable');
    assert.equal(f.fix, undefined);
    assert.deepEqual(f.evidence, [{ path: '/study/productType', value: 'intermediate' }]);
  });

  it('keeps a phased-in requirement recommended for a reference period ending before its date', () => {
    // The period ends 2024-01-01 (its start and end are swapped, see below): before 2025-01-01.
    const f = finding(checkCompliance(study, RULES), 'by-period-end');
    assert.equal(f.status, 'not-met');
    assert.equal(f.level, 'recommended');
    const later = { ...study, referencePeriod: { start: '2025-01-01', end: '2025-12-31' } };
    assert.equal(finding(checkCompliance(later, RULES), 'by-period-end').level, 'mandatory');
    // No reference period: taken as already mandatory.
    assert.equal(
      finding(checkCompliance({ ...study, referencePeriod: undefined }, RULES), 'by-period-end').level,
      'mandatory',
    );
  });

  it('never lets an attestation turn a requirement the model shows unmet into met', () => {
    const f = finding(checkCompliance(study, RULES), 'attested-but-not-met');
    assert.equal(f.status, 'not-met');
    assert.equal(
      f.message.en,
      'the reference period 2024-12-31 – 2024-01-01 is not two dates (YYYY-MM-DD) in order',
    );
  });

  it('blocks publication on mandatory requirements not met, not on those needing evidence', () => {
    const report = checkCompliance(study, RULES);
    assert.equal(finding(report, 'needs-a-person').status, 'needs-evidence');
    assert.deepEqual(report.blocking, ['test-rules.attested-but-not-met']);
    assert.deepEqual(report.counts, { met: 0, 'not-met': 2, 'not-applicable': 1, 'needs-evidence': 1 });
    const attested = {
      ...study,
      referencePeriod: { start: '2024-01-01', end: '2024-12-31' },
      attestations: [{ requirementId: 'test-rules.needs-a-person', statement: 'checked', by: 'Verifier' }],
    };
    const after = checkCompliance(attested, RULES);
    assert.equal(after.blocksPublication, false);
    assert.equal(finding(after, 'needs-a-person').message.en, 'attested by Verifier: checked');
  });
});
