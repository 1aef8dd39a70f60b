import { gwpSets, type Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type GwpCondition = Extract<Condition, { check: 'gwp-set' }>;

/**
 * The result's GWP set against the rule set's characterisation: an IPCC GWP set, of the horizon and assessment
 * report named; supplier footprints and carrier factors stated with another set are flagged. A rule set that
 * characterises with the EF reference package needs a person to confirm it (OpenCFP holds IPCC sets).
 *
 * @example checkGwpSet({ check: 'gwp-set', characterisation: 'ipcc' }, study).status // 'met' with ipcc-ar6-gwp100
 */
export function checkGwpSet(condition: GwpCondition, study: Study): ConditionOutcome {
  const used = study.result.gwpSet;
  const evidence: Evidence[] = [
    { path: '/result/gwpSet/id', value: used.id },
    { path: '/result/gwpSet/version', value: used.version },
  ];
  const set = gwpSets.find((s) => s.id === used.id);
  if (!set)
    return outcome(
      'not-met',
      evidence,
      `the result's GWP set '${used.id}' is not one of OpenCFP's IPCC sets`,
      `结果所用的 GWP 值集“${used.id}”不是 OpenCFP 的 IPCC 值集之一`,
    );
  if (condition.characterisation === 'ef-reference-package')
    return outcome(
      'needs-evidence',
      evidence,
      `the rule set characterises climate change with the EF reference package; the model was calculated with ${set.name}: a person must confirm the factors match (and attest it)`,
      `本规则集采用 EF 参考包对气候变化进行特征化；模型采用 ${set.name} 计算：须由人员确认因子一致（并予以声明）`,
    );
  const problems: [string, string][] = [];
  if (set.metric !== 'GWP')
    problems.push([`it is a ${set.metric} set, not GWP`, `它是 ${set.metric} 值集，而非 GWP`]);
  if (condition.horizonYears && set.horizon !== condition.horizonYears.value)
    problems.push([
      `its horizon is ${set.horizon} years, not ${condition.horizonYears.value}`,
      `其时间范围为 ${set.horizon} 年，而非 ${condition.horizonYears.value} 年`,
    ]);
  if (condition.assessmentReports && !condition.assessmentReports.values.includes(set.version))
    problems.push([
      `it is from ${set.version}, not ${condition.assessmentReports.values.join(' or ')}`,
      `它来自 ${set.version}，而非 ${condition.assessmentReports.values.join('或')}`,
    ]);
  if (problems.length > 0)
    return outcome(
      'not-met',
      evidence,
      `${set.name} does not fit the rule set: ${problems.map((p) => p[0]).join('; ')}`,
      `${set.name} 不符合本规则集：${problems.map((p) => p[1]).join('；')}`,
    );
  // Supplier footprints and carrier factors are taken as given: a different set makes the result mixed.
  const others: Evidence[] = [];
  study.document.processes.forEach((p, i) =>
    p.inputs.forEach((input, k) => {
      const source = input.source;
      const other =
        source.kind === 'supplier'
          ? source.gwpSetId
          : source.kind === 'transport'
            ? source.factor?.gwpSetId
            : undefined;
      if (other !== undefined && other !== used.id) {
        const at = source.kind === 'supplier' ? 'source/gwpSetId' : 'source/factor/gwpSetId';
        others.push({ path: `/document/processes/${i}/inputs/${k}/${at}`, value: other });
      }
    }),
  );
  if (others.length > 0)
    return outcome(
      'needs-evidence',
      [...evidence, ...others],
      `${set.name} fits the rule set, but ${others.length} supplier or carrier figure${others.length === 1 ? ' was' : 's were'} calculated with another set (${[...new Set(others.map((o) => o.value))].join(', ')}): ask for figures in ${set.id} or justify the mix`,
      `${set.name} 符合本规则集，但有 ${others.length} 项供应商或承运商数据采用其他值集（${[...new Set(others.map((o) => o.value))].join('、')}）计算：请索取以 ${set.id} 计算的数据，或说明混用的理由`,
    );
  return outcome(
    'met',
    evidence,
    `characterised with ${set.name} (${set.metric}, ${set.horizon} years, ${set.version})`,
    `采用 ${set.name}（${set.metric}，${set.horizon} 年，${set.version}）进行特征化`,
  );
}
