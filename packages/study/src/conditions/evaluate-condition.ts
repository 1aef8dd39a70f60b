import type { Requirement } from '@opencfp/refdata';
import type { Study } from '../study.js';
import { checkAllocation } from './check-allocation.js';
import { checkAttestation } from './check-attestation.js';
import { checkBoundary } from './check-boundary.js';
import { checkCutOff } from './check-cut-off.js';
import { checkDataQuality } from './check-data-quality.js';
import { checkElectricity } from './check-electricity.js';
import { checkEndOfLife } from './check-end-of-life.js';
import { checkGwpSet } from './check-gwp-set.js';
import { checkReferencePeriod } from './check-reference-period.js';
import { checkReport } from './check-report.js';
import { checkSeparateReporting } from './check-separate-reporting.js';
import { checkStages } from './check-stages.js';
import { checkUncertainty } from './check-uncertainty.js';
import { checkUnit } from './check-unit.js';
import type { ConditionOutcome } from './condition-outcome.js';

/**
 * The outcome of a requirement's condition on a study: one checker per kind of condition (the rule set's data names
 * the kind; there is no code in the data).
 *
 * @example evaluateCondition(ruleSet('iso-14067-2018').requirements[0], study).status
 */
export function evaluateCondition(requirement: Requirement, study: Study): ConditionOutcome {
  const c = requirement.condition;
  switch (c.check) {
    case 'boundary':
      return checkBoundary(c, study);
    case 'unit':
      return checkUnit(c, study);
    case 'gwp-set':
      return checkGwpSet(c, study);
    case 'separate-reporting':
      return checkSeparateReporting(c, study);
    case 'stages':
      return checkStages(c, study);
    case 'cut-off':
      return checkCutOff(c, study);
    case 'allocation':
      return checkAllocation(c, study);
    case 'electricity':
      return checkElectricity(c, study);
    case 'data-quality':
      return checkDataQuality(c, study);
    case 'uncertainty':
      return checkUncertainty(c, study);
    case 'end-of-life':
      return checkEndOfLife(c, study);
    case 'reference-period':
      return checkReferencePeriod(study);
    case 'report':
      return checkReport(c, study);
    case 'attestation':
      return checkAttestation(requirement.id, study);
  }
}
