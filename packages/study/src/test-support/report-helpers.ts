import assert from 'node:assert/strict';
import type { ComplianceFinding, ComplianceReport, ComplianceStatus } from '../study.js';

/**
 * Status by requirement id without the rule set's prefix, for comparing a whole report at once.
 *
 * @example statuses(report) // { boundary: 'met', unit: 'met', … }
 */
export function statuses(report: ComplianceReport): Record<string, ComplianceStatus> {
  return Object.fromEntries(
    report.findings.map((f) => [f.requirementId.slice(report.ruleSetId.length + 1), f.status]),
  );
}

/**
 * The finding of one requirement, by its id without the rule set's prefix (fails the test when absent).
 *
 * @example finding(report, 'cut-off').status
 */
export function finding(report: ComplianceReport, suffix: string): ComplianceFinding {
  const f = report.findings.find((x) => x.requirementId === `${report.ruleSetId}.${suffix}`);
  assert.ok(f, `no finding ${report.ruleSetId}.${suffix}`);
  return f;
}
