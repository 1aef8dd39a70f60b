import type { Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type AllocationCondition = Extract<Condition, { check: 'allocation' }>;

/** Diagnostics of the background calculations that mean allocation happened or was missing there. */
const ALLOCATION_CODES = new Set([
  'ALLOCATION_FACTOR_MISSING',
  'ALLOCATION_FACTORS_SUM',
  'UNALLOCATED_COPRODUCTS',
]);

/**
 * The declared allocation method against the rule set's hierarchy. A product model's processes make one output
 * each, so the foreground needs no allocation; with no method declared (or 'none') and no allocation diagnostic from
 * the background, the requirement does not apply.
 *
 * @example checkAllocation({ check: 'allocation', hierarchy: [['subdivision', 'system-expansion'], ['physical']], justificationBelowFirstLevel: true }, study)
 */
export function checkAllocation(condition: AllocationCondition, study: Study): ConditionOutcome {
  const declared = study.choices?.allocation;
  const evidence: Evidence[] = [
    { path: '/study/choices/allocation/method', value: declared?.method ?? null },
    {
      path: '/document/processes',
      value: study.document.processes.length,
      note: 'every foreground process makes one output: no foreground allocation',
    },
  ];
  const diagnostics = study.result.diagnostics
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => ALLOCATION_CODES.has(d.code));
  for (const { d, i } of diagnostics)
    evidence.push({
      path: `/result/diagnostics/${i}/code`,
      value: d.code,
      note: `in ${d.datasets.join(', ')}`,
    });
  if (!declared || declared.method === 'none') {
    if (diagnostics.length > 0)
      return outcome(
        'needs-evidence',
        evidence,
        `background datasets report allocation issues (${diagnostics.map(({ d }) => d.code).join(', ')}): state the allocation method and how they were resolved`,
        `背景数据集报告了分配问题（${diagnostics.map(({ d }) => d.code).join('、')}）：请说明分配方法及解决方式`,
      );
    return outcome(
      'not-applicable',
      evidence,
      'no process of the study needs allocation (one output per foreground process, no allocation issue in the background)',
      '本研究没有需要分配的过程（每个前景过程只有一个产出，背景中无分配问题）',
    );
  }
  const level = condition.hierarchy.findIndex((methods) => methods.includes(declared.method as never));
  if (level < 0)
    return outcome(
      'not-met',
      evidence,
      `${declared.method} is not in the rule set's allocation hierarchy (${condition.hierarchy.map((l) => l.join(' / ')).join(' → ')})`,
      `${declared.method} 不在本规则集的分配层级中（${condition.hierarchy.map((l) => l.join(' / ')).join(' → ')}）`,
    );
  evidence.push({ path: '/study/choices/allocation/justification', value: declared.justification ?? null });
  if (level > 0 && condition.justificationBelowFirstLevel && !declared.justification?.trim())
    return outcome(
      'not-met',
      evidence,
      `${declared.method} is step ${level + 1} of the hierarchy: say why ${condition.hierarchy[0].join(' and ')} could not be used`,
      `${declared.method} 是分配层级的第 ${level + 1} 步：须说明为何不能采用 ${condition.hierarchy[0].join('和')}`,
    );
  return outcome(
    'met',
    evidence,
    `${declared.method}, step ${level + 1} of the hierarchy${level > 0 ? ', with a justification' : ''}`,
    `${declared.method}，分配层级第 ${level + 1} 步${level > 0 ? '，并已说明理由' : ''}`,
  );
}
