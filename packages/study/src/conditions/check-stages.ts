import type { Condition } from '@opencfp/refdata';
import type { Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type StagesCondition = Extract<Condition, { check: 'stages' }>;

/**
 * Results by the life-cycle stages of the scheme: the result is calculated with that scheme and nothing is in a
 * stage outside it ('unassigned', or 'use' under the EU battery scheme).
 *
 * @example checkStages({ check: 'stages', scheme: 'eu-battery' }, study).status
 */
export function checkStages(condition: StagesCondition, study: Study): ConditionOutcome {
  const { stageScheme, byStage } = study.result;
  const evidence = [
    { path: '/result/stageScheme', value: stageScheme },
    ...byStage.map((s, i) => ({ path: `/result/byStage/${i}/amount`, value: s.amount })),
  ];
  if (stageScheme !== condition.scheme)
    return outcome(
      'not-met',
      evidence.slice(0, 1),
      `the result is by ${stageScheme} stages; the rule set asks for ${condition.scheme} stages`,
      `结果按 ${stageScheme} 阶段给出；本规则集要求按 ${condition.scheme} 阶段给出`,
    );
  const outside = byStage.map((s, i) => ({ ...s, i })).filter((s) => s.outsideScheme && s.amount !== 0);
  if (outside.length > 0)
    return outcome(
      'not-met',
      [evidence[0], ...outside.map((s) => ({ path: `/result/byStage/${s.i}/amount`, value: s.amount }))],
      `part of the footprint is outside the ${condition.scheme} stages: ${outside.map((s) => `${s.id} ${s.amount} kg CO2e`).join(', ')}`,
      `部分碳足迹不在 ${condition.scheme} 阶段内：${outside.map((s) => `${s.id} ${s.amount} kg CO2e`).join('、')}`,
    );
  return outcome(
    'met',
    evidence,
    `the footprint is given by ${condition.scheme} stage, all of it within the scheme`,
    `碳足迹按 ${condition.scheme} 阶段给出，全部在该方案之内`,
  );
}
