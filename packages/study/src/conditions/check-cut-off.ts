import type { Condition } from '@opencfp/refdata';
import { cutOffCoverage } from '../cut-off-coverage.js';
import type { Evidence, Study } from '../study.js';
import { outcome, percent, type ConditionOutcome } from './condition-outcome.js';

type CutOffCondition = Extract<Condition, { check: 'cut-off' }>;

// Shares are compared with a little room for float64 rounding (0.95 computed as 1 − 0.05 …).
const ROOM = 1e-12;

/**
 * The cut-off statement against the rule set: stated criteria; each exclusion below the per-source threshold;
 * the share covered (footprint / anticipated total) at least the minimum; the share excluded at most the maximum;
 * and inputs the background datasets cut off (CUT_OFF_FLOWS) estimated by the statement.
 *
 * @example checkCutOff({ check: 'cut-off', statementRequired: true, maxSharePerExclusion: { value: 1, unit: '%', sourceId: 'pas-2050-2011', clause: '6.3' } }, study)
 */
export function checkCutOff(condition: CutOffCondition, study: Study): ConditionOutcome {
  const statement = study.choices?.cutOff;
  const total = study.result.split.total;
  const evidence: Evidence[] = [
    { path: '/result/split/total', value: total },
    { path: '/study/choices/cutOff/criteria', value: statement?.criteria ?? null },
  ];
  const cutOffFlows = study.result.diagnostics
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => d.code === 'CUT_OFF_FLOWS');
  for (const { d, i } of cutOffFlows)
    evidence.push({
      path: `/result/diagnostics/${i}/code`,
      value: d.code,
      note: `in ${d.datasets.join(', ')}`,
    });
  const backgroundEstimated =
    statement?.exclusions.some((x) => x.covers === 'background-cut-off-flows') ?? false;
  const uncovered = cutOffFlows.length > 0 && !backgroundEstimated;

  if (condition.statementRequired && !statement?.criteria.trim())
    return outcome('not-met', evidence, 'the study states no cut-off criteria', '本研究未说明取舍准则');
  const numeric =
    condition.maxSharePerExclusion !== undefined ||
    condition.minCoveredShare !== undefined ||
    condition.maxExcludedShare !== undefined ||
    condition.excludedShareRequired === true;
  if (numeric && !statement)
    return outcome(
      'not-met',
      evidence,
      'the study lists no exclusions (not even none), so the excluded share cannot be given',
      '本研究未列出排除项（包括“无”），因此无法给出排除比例',
    );
  if (!statement)
    return outcome(
      uncovered ? 'needs-evidence' : 'met',
      evidence,
      uncovered
        ? 'background datasets cut off inputs and the study has no cut-off statement describing them'
        : 'the rule set asks for no cut-off statement and none is given',
      uncovered
        ? '背景数据集截断了部分输入，而本研究没有说明这些内容的取舍说明'
        : '本规则集不要求取舍说明，本研究也未给出',
    );
  const exclusions = statement.exclusions;
  const coverage = cutOffCoverage(total, exclusions);
  exclusions.forEach((x, i) => {
    const share = coverage.shares[i];
    evidence.push({
      path: `/study/choices/cutOff/exclusions/${i}/${x.co2e !== undefined ? 'co2e' : 'share'}`,
      value: x.co2e ?? x.share ?? null,
      note:
        share === undefined
          ? `${x.name}: no estimate`
          : `${x.name}: ${percent(share)} of the anticipated total`,
    });
  });
  if (numeric) {
    const missing = exclusions.filter((_, i) => coverage.shares[i] === undefined).map((x) => x.name);
    if (coverage.excludedShare === undefined)
      return outcome(
        condition.excludedShareRequired ? 'not-met' : 'needs-evidence',
        evidence,
        missing.length > 0
          ? `no estimate for ${missing.join(', ')}: the shares of the exclusions cannot be checked`
          : 'the anticipated total is not positive: the shares of the exclusions cannot be checked',
        missing.length > 0
          ? `${missing.join('、')} 没有估计值：无法核查排除项的比例`
          : '预计总量不为正：无法核查排除项的比例',
      );
    const failures: [string, string][] = [];
    const max = condition.maxSharePerExclusion;
    if (max) {
      const over = exclusions
        .map((x, i) => ({ name: x.name, share: coverage.shares[i] as number }))
        .filter((x) => x.share >= max.value / 100 - ROOM);
      if (over.length > 0)
        failures.push([
          `${over.map((x) => `${x.name} (${percent(x.share)})`).join(', ')} ${over.length === 1 ? 'is' : 'are'} not below the ${max.value} % threshold`,
          `${over.map((x) => `${x.name}（${percent(x.share)}）`).join('、')} 未低于 ${max.value}% 阈值`,
        ]);
    }
    const covered = coverage.coveredShare as number;
    const excluded = coverage.excludedShare;
    if (condition.minCoveredShare && covered < condition.minCoveredShare.value / 100 - ROOM)
      failures.push([
        `the study covers ${percent(covered)} of the anticipated total, less than ${condition.minCoveredShare.value} %`,
        `本研究覆盖预计总量的 ${percent(covered)}，低于 ${condition.minCoveredShare.value}%`,
      ]);
    if (condition.maxExcludedShare && excluded > condition.maxExcludedShare.value / 100 + ROOM)
      failures.push([
        `${percent(excluded)} is excluded, more than ${condition.maxExcludedShare.value} %`,
        `排除了 ${percent(excluded)}，超过 ${condition.maxExcludedShare.value}%`,
      ]);
    if (failures.length > 0)
      return outcome(
        'not-met',
        evidence,
        failures.map((f) => f[0]).join('; '),
        failures.map((f) => f[1]).join('；'),
      );
  }
  if (uncovered)
    return outcome(
      'needs-evidence',
      evidence,
      `background datasets cut off inputs (${cutOffFlows.map(({ d }) => d.datasets.join(', ')).join('; ')}): estimate them in the cut-off statement (an exclusion covering the background cut-off flows)`,
      `背景数据集截断了部分输入（${cutOffFlows.map(({ d }) => d.datasets.join('、')).join('；')}）：请在取舍说明中估计其大小（增加一项涵盖背景截断流的排除项）`,
    );
  if (coverage.excludedShare !== undefined && exclusions.length > 0)
    return outcome(
      'met',
      evidence,
      `${exclusions.length} exclusion${exclusions.length === 1 ? '' : 's'}, ${percent(coverage.excludedShare)} of the anticipated total; the study covers ${percent(coverage.coveredShare as number)}`,
      `${exclusions.length} 项排除，占预计总量的 ${percent(coverage.excludedShare)}；本研究覆盖 ${percent(coverage.coveredShare as number)}`,
    );
  return outcome(
    'met',
    evidence,
    exclusions.length === 0
      ? 'cut-off criteria stated; nothing excluded'
      : 'cut-off criteria and exclusions stated',
    exclusions.length === 0 ? '已说明取舍准则；无排除项' : '已说明取舍准则和排除项',
  );
}
