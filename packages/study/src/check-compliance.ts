import {
  ruleSet as ruleSetById,
  type Requirement,
  type RequirementLevel,
  type RuleSet,
} from '@opencfp/refdata';
import { evaluateCondition } from './conditions/evaluate-condition.js';
import type { ConditionOutcome } from './conditions/condition-outcome.js';
import { StudyError } from './errors.js';
import type { ComplianceFinding, ComplianceReport, ComplianceStatus, Study } from './study.js';

export interface ComplianceOptions {
  /**
   * The date (YYYY-MM-DD) a phase-in keyed by the report date is judged at when the study gives no reportDate;
   * default today.
   */
  asOf?: string;
}

/** The level that applies: a phase-in keeps a requirement recommended until its date. */
function effectiveLevel(
  requirement: Requirement,
  study: Study,
  options: ComplianceOptions,
): RequirementLevel {
  const phaseIn = requirement.phaseIn;
  if (!phaseIn) return requirement.level;
  // Without a date to judge by (no reference period) the requirement is taken as already mandatory.
  const date =
    phaseIn.basis === 'reference-period-end'
      ? study.referencePeriod?.end
      : (study.reportDate ?? options.asOf ?? new Date().toISOString().slice(0, 10));
  return date !== undefined && date < phaseIn.mandatoryFrom.date ? 'recommended' : requirement.level;
}

/** Not applicable by the requirement's product types or boundaries, with the reason; else undefined. */
function notApplicable(requirement: Requirement, study: Study): ConditionOutcome | undefined {
  const scope = requirement.appliesTo;
  if (scope?.productTypes && !scope.productTypes.includes(study.productType))
    return {
      status: 'not-applicable',
      evidence: [{ path: '/study/productType', value: study.productType }],
      message: {
        en: `applies to ${scope.productTypes.join(' and ')} products only`,
        zh: `仅适用于${scope.productTypes.map((t) => (t === 'final' ? '最终' : '中间')).join('和')}产品`,
      },
    };
  if (scope?.boundaries && !scope.boundaries.includes(study.boundary))
    return {
      status: 'not-applicable',
      evidence: [{ path: '/study/boundary', value: study.boundary }],
      message: {
        en: `applies to ${scope.boundaries.join(' and ')} studies only`,
        zh: `仅适用于${scope.boundaries.join('和')}研究`,
      },
    };
  return undefined;
}

/** A person's attestation resolves what the model cannot show; it never overrides a requirement not met. */
function attested(requirementId: string, found: ConditionOutcome, study: Study): ConditionOutcome {
  if (found.status !== 'needs-evidence') return found;
  const index = (study.attestations ?? []).findIndex((a) => a.requirementId === requirementId);
  if (index < 0) return found;
  const a = (study.attestations ?? [])[index];
  return {
    status: 'met',
    evidence: [...found.evidence, { path: `/study/attestations/${index}/statement`, value: a.statement }],
    message: {
      en: `${found.message.en} — attested${a.by ? ` by ${a.by}` : ''}: ${a.statement}`,
      zh: `${found.message.zh}——已声明${a.by ? `（${a.by}）` : ''}：${a.statement}`,
    },
  };
}

/**
 * Checks a study against the rule set it declares: every requirement met, not met, not applicable, or needing
 * evidence the model cannot give, with the evidence found in the model, its result and the study's statements,
 * and how to fix what is missing. Any mandatory requirement not met blocks publication.
 *
 * @throws StudyError `RULE_SET_MISMATCH` when the study declares another rule set.
 * @example
 * const report = checkCompliance(study, ruleSet('pas-2050-2011'));
 * report.blocksPublication; // true when a mandatory requirement is not met
 * report.findings.filter((f) => f.status === 'not-met').map((f) => f.fix?.en);
 */
export function checkCompliance(
  study: Study,
  ruleSet: RuleSet = ruleSetById(study.ruleSetId),
  options: ComplianceOptions = {},
): ComplianceReport {
  if (study.ruleSetId !== ruleSet.id)
    throw new StudyError(
      'RULE_SET_MISMATCH',
      `the study declares rule set '${study.ruleSetId}' but is checked against '${ruleSet.id}': check it against the rule set it declares, or change its ruleSetId`,
      [{ path: '/ruleSetId', message: `expected '${ruleSet.id}'` }],
    );
  const findings: ComplianceFinding[] = ruleSet.requirements.map((requirement) => {
    const found = attested(
      requirement.id,
      notApplicable(requirement, study) ?? evaluateCondition(requirement, study),
      study,
    );
    const finding: ComplianceFinding = {
      requirementId: requirement.id,
      clause: requirement.clause,
      topic: requirement.topic,
      level: effectiveLevel(requirement, study, options),
      status: found.status,
      evidence: found.evidence,
      message: found.message,
    };
    if (found.status === 'not-met' || found.status === 'needs-evidence') finding.fix = requirement.fix;
    if (requirement.toBeConfirmed) finding.toBeConfirmed = requirement.toBeConfirmed;
    return finding;
  });
  const counts: Record<ComplianceStatus, number> = {
    met: 0,
    'not-met': 0,
    'not-applicable': 0,
    'needs-evidence': 0,
  };
  for (const f of findings) counts[f.status]++;
  const blocking = findings
    .filter((f) => f.level === 'mandatory' && f.status === 'not-met')
    .map((f) => f.requirementId);
  return {
    ruleSetId: ruleSet.id,
    ruleSetVersion: ruleSet.version,
    findings,
    counts,
    blocksPublication: blocking.length > 0,
    blocking,
  };
}
