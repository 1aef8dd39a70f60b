import type { Condition, SeparateItem } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type SeparateCondition = Extract<Condition, { check: 'separate-reporting' }>;

const NAMES: Record<SeparateItem, [string, string]> = {
  fossil: ['fossil emissions and removals', '化石排放和清除'],
  'biogenic-emissions': ['biogenic emissions', '生物源排放'],
  'biogenic-removals': ['biogenic removals', '生物源清除'],
  dluc: ['direct land-use change', '直接土地利用变化'],
  'land-management': ['land management', '土地管理'],
  aircraft: ['aircraft emissions', '航空排放'],
  packaging: ['packaging', '包装'],
  'fossil-carbon-content': ['fossil carbon content', '化石碳含量'],
  'biogenic-carbon-content': ['biogenic carbon content', '生物碳含量'],
};

/** Where each item is in the study, and its value (undefined when the study does not give it). */
function itemEvidence(item: SeparateItem, study: Study): Evidence[] {
  const { split, pact } = study.result;
  const content = study.document.carbonContent;
  switch (item) {
    case 'fossil':
      return [
        { path: '/result/split/fossilEmissions', value: split.fossilEmissions },
        { path: '/result/split/fossilRemovals', value: split.fossilRemovals },
      ];
    case 'biogenic-emissions':
      return [{ path: '/result/split/biogenicEmissions', value: split.biogenicEmissions }];
    case 'biogenic-removals':
      return [{ path: '/result/split/biogenicRemovals', value: split.biogenicRemovals }];
    case 'dluc':
      return [{ path: '/result/split/dLuc', value: split.dLuc }];
    case 'land-management':
      return [{ path: '/result/split/landManagement', value: split.landManagement }];
    case 'aircraft':
      return [{ path: '/result/split/aircraft', value: split.aircraft }];
    case 'packaging':
      return [
        { path: '/result/pact/packagingEmissionsIncluded', value: pact.packagingEmissionsIncluded },
        ...(pact.packagingEmissionsIncluded
          ? [{ path: '/result/split/packaging', value: split.packaging }]
          : []),
      ];
    case 'fossil-carbon-content':
      return content?.fossil === undefined
        ? []
        : [{ path: '/document/carbonContent/fossil', value: content.fossil }];
    case 'biogenic-carbon-content':
      return content?.biogenic === undefined
        ? []
        : [{ path: '/document/carbonContent/biogenic', value: content.biogenic }];
  }
}

/**
 * Each part the rule set wants reported on its own, found in the result's split (always there in an OpenCFP
 * result) or the document (the carbon contents, which the modeller states).
 *
 * @example checkSeparateReporting({ check: 'separate-reporting', items: ['fossil', 'aircraft'] }, study).evidence
 */
export function checkSeparateReporting(condition: SeparateCondition, study: Study): ConditionOutcome {
  const evidence: Evidence[] = [];
  const missing: SeparateItem[] = [];
  for (const item of condition.items) {
    const found = itemEvidence(item, study);
    if (found.length === 0 || found.some((e) => typeof e.value === 'number' && !Number.isFinite(e.value)))
      missing.push(item);
    evidence.push(...found);
  }
  if (missing.length > 0)
    return outcome(
      'not-met',
      evidence,
      `not in the study: ${missing.map((m) => NAMES[m][0]).join(', ')}`,
      `研究中缺少：${missing.map((m) => NAMES[m][1]).join('、')}`,
    );
  return outcome(
    'met',
    evidence,
    `reported separately: ${condition.items.map((m) => NAMES[m][0]).join(', ')}`,
    `已分别报告：${condition.items.map((m) => NAMES[m][1]).join('、')}`,
  );
}
