// The compliance check of a study against the rule set it declares (packages/study's checkCompliance), as the
// publication and the compliance view of a study run it.
import { parseProductModel, type ProductModelFootprint } from '@opencfp/model';
import { ruleSet } from '@opencfp/refdata';
import type { CalculationResult, Study } from '@opencfp/store';
import { checkCompliance, type ComplianceReport, type Study as ComplianceStudy } from '@opencfp/study';
import { ServerError } from '../errors.js';
import type { ComplianceCounts } from './compose-statement.js';

/** A mandatory requirement not met, and how to meet it. */
export interface UnmetRequirement {
  requirementId: string;
  clause: string;
  topic: string;
  message: string;
  messageZh: string;
  fix?: string;
  fixZh?: string;
  /** Where in the study the check looked (JSON pointers) and what it found. */
  evidence: { path: string; value?: string | number | boolean | null; note?: string }[];
}

/** What publication needs of the check. */
export interface ComplianceOutcome {
  report: ComplianceReport;
  counts: ComplianceCounts;
  blocksPublication: boolean;
  unmet: UnmetRequirement[];
}

/** The stored result's parts the check reads. */
interface StoredResult {
  footprint: ProductModelFootprint;
  model?: unknown;
}

/**
 * The study as the compliance check reads it: its statements (rule set, unit, boundary, product type,
 * declarations) with the model document as calculated and its footprint, from the result it reports.
 *
 * @throws ServerError PUBLICATION_BLOCKED when the result keeps no model document (calculated before results kept
 *   theirs): calculate the model again.
 */
export function complianceStudy(study: Study, result: CalculationResult): ComplianceStudy {
  const stored = result.result as StoredResult;
  if (stored.model === undefined)
    throw new ServerError(
      'PUBLICATION_BLOCKED',
      `result ${result.id} keeps no model document, so the study cannot be checked against its rule set: calculate the model again and submit the new result`,
      { details: { resultId: result.id } },
    );
  return {
    ...(study.declarations as Partial<ComplianceStudy>),
    ruleSetId: study.ruleSetId,
    productType: study.productType,
    boundary: study.boundary,
    ...(study.functionalUnit === null ? {} : { functionalUnit: study.functionalUnit }),
    declaredUnit: `${study.declaredUnit.amount} ${study.declaredUnit.unit}`,
    document: parseProductModel(stored.model),
    result: stored.footprint,
  };
}

/**
 * Checks a study (with the result it reports) against its rule set: every requirement met, not met, not
 * applicable or needing evidence; mandatory ones not met block publication, each with what to fix.
 *
 * @example const outcome = checkStudyCompliance({ study, result }); if (outcome.blocksPublication) …
 */
export function checkStudyCompliance(context: {
  study: Study;
  result: CalculationResult;
}): ComplianceOutcome {
  const report = checkCompliance(
    complianceStudy(context.study, context.result),
    ruleSet(context.study.ruleSetId),
  );
  const unmet = report.findings
    .filter((f) => report.blocking.includes(f.requirementId))
    .map((f) => ({
      requirementId: f.requirementId,
      clause: f.clause,
      topic: f.topic,
      message: f.message.en,
      messageZh: f.message.zh,
      ...(f.fix ? { fix: f.fix.en, fixZh: f.fix.zh } : {}),
      evidence: f.evidence,
    }));
  return {
    report,
    counts: {
      met: report.counts.met,
      notMet: report.counts['not-met'],
      notApplicable: report.counts['not-applicable'],
      needsEvidence: report.counts['needs-evidence'],
    },
    blocksPublication: report.blocksPublication,
    unmet,
  };
}
