import { commonUnitFactor } from '@opencfp/model';
import type { Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type UnitCondition = Extract<Condition, { check: 'unit' }>;

const filled = (s: string | undefined): s is string => s !== undefined && s.trim().length > 0;

/**
 * The functional or declared unit the rule set asks for the product type, stated in the study; with `unit`, the
 * model's declared unit (its reference output) must be convertible to it.
 *
 * @example checkUnit({ check: 'unit', required: { final: 'functional-unit', intermediate: 'functional-or-declared-unit' } }, study)
 */
export function checkUnit(condition: UnitCondition, study: Study): ConditionOutcome {
  const required = condition.required[study.productType];
  const declared = study.result.declaredUnit;
  const evidence: Evidence[] = [
    { path: '/study/functionalUnit', value: study.functionalUnit ?? null },
    { path: '/study/declaredUnit', value: study.declaredUnit ?? null },
    { path: '/result/declaredUnit/amount', value: declared.amount },
    { path: '/result/declaredUnit/unit', value: declared.unit },
  ];
  const hasFunctional = filled(study.functionalUnit);
  const hasDeclared = filled(study.declaredUnit);
  const ok =
    required === 'functional-unit'
      ? hasFunctional
      : required === 'declared-unit'
        ? hasDeclared
        : hasFunctional || hasDeclared;
  if (!ok) {
    const what = {
      'functional-unit': ['a functional unit', '功能单位'],
      'declared-unit': ['a declared unit', '声明单位'],
      'functional-or-declared-unit': ['a functional or declared unit', '功能单位或声明单位'],
    }[required];
    return outcome(
      'not-met',
      evidence,
      `the rule set asks for ${what[0]} for ${study.productType === 'final' ? 'a final' : 'an intermediate'} product; the study states none`,
      `本规则集要求${study.productType === 'final' ? '最终' : '中间'}产品说明${what[1]}；本研究未说明`,
    );
  }
  if (condition.unit) {
    const units = condition.unit.values;
    if (!units.some((u) => commonUnitFactor(declared.unit, u) !== undefined))
      return outcome(
        'not-met',
        evidence,
        `the footprint is per ${declared.amount} ${declared.unit}; the rule set asks for it per ${units.join(' or ')}`,
        `碳足迹以每 ${declared.amount} ${declared.unit} 表示；本规则集要求以每 ${units.join('或')} 表示`,
      );
  }
  const stated = hasFunctional ? study.functionalUnit : study.declaredUnit;
  return outcome(
    'met',
    evidence,
    `the study states its unit ('${stated}'); the model is per ${declared.amount} ${declared.unit} of ${declared.productName}`,
    `本研究说明了单位（“${stated}”）；模型以每 ${declared.amount} ${declared.unit} ${declared.productName} 计`,
  );
}
