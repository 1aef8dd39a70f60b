import type { Condition, DqrIndicator } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, percent, type ConditionOutcome } from './condition-outcome.js';

type DataQualityCondition = Extract<Condition, { check: 'data-quality' }>;

const INDICATOR_ZH: Record<DqrIndicator, string> = {
  technological: '技术',
  geographical: '地理',
  temporal: '时间',
  completeness: '完整性',
  reliability: '可靠性',
  precision: '精确度',
};

/**
 * The study's data-quality summary against the rule set: an assessment, the primary data share (and its
 * minimum), and ratings for the indicators named, on the scale and within the maximum given.
 *
 * @example checkDataQuality({ check: 'data-quality', assessmentRequired: false, primaryDataShare: { required: true } }, study)
 */
export function checkDataQuality(condition: DataQualityCondition, study: Study): ConditionOutcome {
  const dq = study.dataQuality;
  const evidence: Evidence[] = [{ path: '/study/dataQuality/method', value: dq?.method ?? null }];
  const problems: [string, string][] = [];
  if (condition.assessmentRequired && !dq)
    problems.push(['the study has no data-quality assessment', '本研究没有数据质量评估']);
  const share = condition.primaryDataShare;
  if (share) {
    const value = dq?.primaryDataShare;
    evidence.push({ path: '/study/dataQuality/primaryDataShare', value: value ?? null });
    if (value === undefined) {
      if (share.required) problems.push(['no primary data share is given', '未给出初级数据占比']);
    } else if (!(value >= 0 && value <= 1))
      problems.push([
        `the primary data share ${value} is not a share between 0 and 1`,
        `初级数据占比 ${value} 不在 0 至 1 之间`,
      ]);
    else if (share.min && value < share.min.value / 100)
      problems.push([
        `the primary data share is ${percent(value)}, below the ${share.min.value} % the rule set asks`,
        `初级数据占比为 ${percent(value)}，低于本规则集要求的 ${share.min.value}%`,
      ]);
  }
  const ratings = condition.ratings;
  if (ratings) {
    const { scaleMin, scaleMax, maxAllowed } = ratings;
    for (const indicator of ratings.indicators) {
      const value = dq?.ratings?.[indicator];
      evidence.push({ path: `/study/dataQuality/ratings/${indicator}`, value: value ?? null });
      if (value === undefined)
        problems.push([`no ${indicator} rating`, `缺少${INDICATOR_ZH[indicator]}评级`]);
      else if (!(value >= scaleMin.value && value <= scaleMax.value))
        problems.push([
          `the ${indicator} rating ${value} is outside ${scaleMin.value}–${scaleMax.value}`,
          `${INDICATOR_ZH[indicator]}评级 ${value} 不在 ${scaleMin.value}–${scaleMax.value} 之间`,
        ]);
      else if (maxAllowed && value > maxAllowed.value)
        problems.push([
          `the ${indicator} rating ${value} is worse than the ${maxAllowed.value} allowed`,
          `${INDICATOR_ZH[indicator]}评级 ${value} 差于允许的 ${maxAllowed.value}`,
        ]);
    }
  }
  if (problems.length > 0)
    return outcome(
      'not-met',
      evidence,
      problems.map((p) => p[0]).join('; '),
      problems.map((p) => p[1]).join('；'),
    );
  return outcome(
    'met',
    evidence,
    `data quality assessed (${dq?.method ?? 'as required'})`,
    `已评估数据质量（${dq?.method ?? '按要求'}）`,
  );
}
