import type { Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { outcome, type ConditionOutcome } from './condition-outcome.js';

type UncertaintyCondition = Extract<Condition, { check: 'uncertainty' }>;

/**
 * An uncertainty or sensitivity analysis attached to the study: 'quantitative' needs an analysis (e.g. Monte
 * Carlo), 'qualitative' an analysis or a written statement, 'sensitivity' a sensitivity analysis with entries.
 *
 * @example checkUncertainty({ check: 'uncertainty', kind: 'sensitivity' }, study).status
 */
export function checkUncertainty(condition: UncertaintyCondition, study: Study): ConditionOutcome {
  if (condition.kind === 'sensitivity') {
    const s = study.sensitivity;
    const evidence: Evidence[] = [
      { path: '/study/sensitivity/method', value: s?.method ?? null },
      { path: '/study/sensitivity/entries', value: s?.entries.length ?? 0 },
    ];
    return s && s.entries.length > 0
      ? outcome(
          'met',
          evidence,
          `sensitivity analysis (${s.method}) of ${s.entries.length} input${s.entries.length === 1 ? '' : 's'}`,
          `已对 ${s.entries.length} 项输入进行敏感性分析（${s.method}）`,
        )
      : outcome('not-met', evidence, 'the study has no sensitivity analysis', '本研究没有敏感性分析');
  }
  const u = study.uncertainty;
  const statement = study.choices?.uncertaintyStatement?.trim();
  const evidence: Evidence[] = [
    { path: '/study/uncertainty/method', value: u?.method ?? null },
    { path: '/study/choices/uncertaintyStatement', value: statement ?? null },
  ];
  if (u)
    return outcome(
      'met',
      evidence,
      `uncertainty analysed (${u.method}${u.iterations ? `, ${u.iterations} iterations` : ''})`,
      `已分析不确定性（${u.method}${u.iterations ? `，${u.iterations} 次迭代` : ''}）`,
    );
  if (condition.kind === 'qualitative' && statement)
    return outcome('met', evidence, 'a statement on uncertainty is given', '已给出不确定性说明');
  return outcome(
    'not-met',
    evidence,
    condition.kind === 'quantitative'
      ? 'the study has no quantitative uncertainty analysis'
      : 'the study has neither an uncertainty analysis nor a statement on uncertainty',
    condition.kind === 'quantitative'
      ? '本研究没有定量不确定性分析'
      : '本研究既无不确定性分析，也无不确定性说明',
  );
}
