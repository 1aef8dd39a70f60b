import type { Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { electricityLines, outcome, type ConditionOutcome } from './condition-outcome.js';

type ElectricityCondition = Extract<Condition, { check: 'electricity' }>;

/**
 * Every electricity input's accounting (as calculated, scenario included) against the choices the rule set
 * accepts. Electricity linked as a background dataset carries its publisher's accounting (a grid average): fine
 * where location-based accounting is accepted, otherwise a person must show it fits.
 *
 * @example checkElectricity({ check: 'electricity', accepted: ['eu-battery'] }, study).status
 */
export function checkElectricity(condition: ElectricityCondition, study: Study): ConditionOutcome {
  const { inputs, datasets } = electricityLines(study);
  const evidence: Evidence[] = [
    ...inputs.map((x) => ({ path: x.path, value: x.accounting })),
    ...datasets.map((x) => ({ path: x.path, value: x.name })),
  ];
  if (study.choices?.electricity)
    evidence.push({
      path: '/study/choices/electricity/accounting',
      value: study.choices.electricity.accounting,
    });
  study.result.diagnostics.forEach((d, i) => {
    if (d.code === 'ELECTRICITY_INSTRUMENT_REJECTED')
      evidence.push({ path: `/result/diagnostics/${i}/message`, value: d.message });
  });
  if (inputs.length === 0 && datasets.length === 0)
    return outcome(
      'not-applicable',
      evidence,
      'the model has no electricity input and links no electricity dataset',
      '模型没有电力输入，也未链接电力数据集',
    );
  const accepted: readonly string[] = condition.accepted;
  const refused = inputs.filter((x) => !accepted.includes(x.accounting));
  if (refused.length > 0)
    return outcome(
      'not-met',
      evidence,
      `${refused.length} electricity input${refused.length === 1 ? ' is' : 's are'} accounted ${[...new Set(refused.map((x) => x.accounting))].join(', ')} (${refused.map((x) => x.documentPath).join(', ')}); the rule set accepts ${condition.accepted.join(', ')}`,
      `${refused.length} 项电力输入按 ${[...new Set(refused.map((x) => x.accounting))].join('、')} 核算（${refused.map((x) => x.documentPath).join('、')}）；本规则集接受 ${condition.accepted.join('、')}`,
    );
  if (datasets.length > 0 && !accepted.includes('location-based'))
    return outcome(
      'needs-evidence',
      evidence,
      `${datasets.length} electricity dataset${datasets.length === 1 ? ' is' : 's are'} linked as background data (${datasets.map((x) => x.name).join('; ')}), accounted as their publisher did; the rule set accepts ${condition.accepted.join(', ')}: model them as electricity inputs, or show that they fit`,
      `有 ${datasets.length} 个电力数据集作为背景数据链接（${datasets.map((x) => x.name).join('；')}），按其发布者的方式核算；本规则集接受 ${condition.accepted.join('、')}：请改为电力输入建模，或证明其符合要求`,
    );
  return outcome(
    'met',
    evidence,
    `every electricity input is accounted as the rule set accepts (${[...new Set(inputs.map((x) => x.accounting))].join(', ') || 'grid datasets'})`,
    `每项电力输入均按本规则集接受的方式核算（${[...new Set(inputs.map((x) => x.accounting))].join('、') || '电网数据集'}）`,
  );
}
