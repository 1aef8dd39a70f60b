import type { Condition } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { END_OF_LIFE_STAGES, outcome, stageEntries, type ConditionOutcome } from './condition-outcome.js';

type EndOfLifeCondition = Extract<Condition, { check: 'end-of-life' }>;

/**
 * The declared end-of-life approach against those the rule set accepts, when the boundary includes the end of
 * life (cradle to grave); otherwise not applicable.
 *
 * @example checkEndOfLife({ check: 'end-of-life', accepted: ['circular-footprint-formula'] }, study).status
 */
export function checkEndOfLife(condition: EndOfLifeCondition, study: Study): ConditionOutcome {
  const declared = study.choices?.endOfLife;
  const evidence: Evidence[] = [
    { path: '/study/boundary', value: study.boundary },
    { path: '/study/choices/endOfLife/approach', value: declared?.approach ?? null },
    ...stageEntries(study)
      .filter((s) => END_OF_LIFE_STAGES.has(s.id))
      .map((s) => ({ path: `${s.path}/amount`, value: s.amount })),
  ];
  if (study.boundary !== 'cradle-to-grave')
    return outcome(
      'not-applicable',
      evidence,
      `the end of life is outside a ${study.boundary} boundary`,
      `寿命末期不在${study.boundary}边界之内`,
    );
  if (!declared)
    return outcome(
      'not-met',
      evidence,
      'the study states no end-of-life approach',
      '本研究未说明寿命末期处理方法',
    );
  if (!(condition.accepted as readonly string[]).includes(declared.approach))
    return outcome(
      'not-met',
      evidence,
      `the end of life is modelled with ${declared.approach}; the rule set asks for ${condition.accepted.join(' or ')}`,
      `寿命末期采用 ${declared.approach} 建模；本规则集要求 ${condition.accepted.join('或')}`,
    );
  return outcome(
    'met',
    evidence,
    `end of life modelled with ${declared.approach}`,
    `寿命末期采用 ${declared.approach} 建模`,
  );
}
