import type { Condition } from '@opencfp/refdata';
import type { Study } from '../study.js';
import {
  AFTER_GATE_STAGES,
  END_OF_LIFE_STAGES,
  outcome,
  stageEntries,
  UPSTREAM_STAGES,
  type ConditionOutcome,
} from './condition-outcome.js';

type BoundaryCondition = Extract<Condition, { check: 'boundary' }>;

const BOUNDARY_ZH: Record<string, string> = {
  'cradle-to-gate': '摇篮到大门',
  'cradle-to-grave': '摇篮到坟墓',
  'gate-to-gate': '大门到大门',
};
const TYPE_ZH = { intermediate: '中间', final: '最终' };
const A_TYPE = { intermediate: 'an intermediate', final: 'a final' };

/**
 * The declared boundary against those the rule set allows for the product type, and against the model: stages
 * after the gate must be empty for a cradle-to-gate study, the end of life must be modelled for cradle-to-grave,
 * and a gate-to-gate study has no upstream stage.
 *
 * @example checkBoundary({ check: 'boundary', allowed: { final: ['cradle-to-grave'], intermediate: ['cradle-to-gate'] } }, study).status
 */
export function checkBoundary(condition: BoundaryCondition, study: Study): ConditionOutcome {
  const { productType, boundary } = study;
  const allowed = condition.allowed[productType];
  const evidence = [
    { path: '/study/productType', value: productType },
    { path: '/study/boundary', value: boundary },
  ];
  if (!allowed.includes(boundary))
    return outcome(
      'not-met',
      evidence,
      `${A_TYPE[productType]} product is studied ${allowed.join(' or ')} under this rule set; the study declares ${boundary}`,
      `按本规则集，${TYPE_ZH[productType]}产品须按${allowed.map((b) => BOUNDARY_ZH[b]).join('或')}研究；本研究声明为${BOUNDARY_ZH[boundary]}`,
    );
  const stages = stageEntries(study);
  const nonZero = (ids: ReadonlySet<string>) => stages.filter((s) => ids.has(s.id) && s.amount !== 0);
  const stageEvidence = (list: typeof stages) =>
    list.map((s) => ({ path: `${s.path}/amount`, value: s.amount }));
  if (boundary !== 'cradle-to-grave') {
    const after = nonZero(AFTER_GATE_STAGES);
    if (after.length > 0)
      return outcome(
        'not-met',
        [...evidence, ...stageEvidence(after)],
        `the study declares ${boundary} but the model has emissions after the gate (${after.map((s) => s.id).join(', ')})`,
        `本研究声明为${BOUNDARY_ZH[boundary]}，但模型在大门之后仍有排放（${after.map((s) => s.id).join('、')}）`,
      );
  }
  if (boundary === 'gate-to-gate') {
    const upstream = nonZero(UPSTREAM_STAGES);
    if (upstream.length > 0)
      return outcome(
        'not-met',
        [...evidence, ...stageEvidence(upstream)],
        `the study declares gate-to-gate but the model has upstream emissions (${upstream.map((s) => s.id).join(', ')})`,
        `本研究声明为大门到大门，但模型有上游排放（${upstream.map((s) => s.id).join('、')}）`,
      );
  }
  if (boundary === 'cradle-to-grave') {
    const endOfLife = nonZero(END_OF_LIFE_STAGES);
    if (endOfLife.length === 0)
      return outcome(
        'needs-evidence',
        [...evidence, ...stageEvidence(stages.filter((s) => END_OF_LIFE_STAGES.has(s.id)))],
        'the study declares cradle-to-grave but the model has no emissions in its end-of-life stage: model the end of life, or show why it is zero',
        '本研究声明为摇篮到坟墓，但模型的寿命末期阶段没有排放：请建模寿命末期，或说明其为零的原因',
      );
    return outcome(
      'met',
      [...evidence, ...stageEvidence(endOfLife)],
      `cradle-to-grave, as the rule set allows for ${A_TYPE[productType]} product; the end of life is modelled`,
      `摇篮到坟墓，符合本规则集对${TYPE_ZH[productType]}产品的要求；已建模寿命末期`,
    );
  }
  return outcome(
    'met',
    evidence,
    `${boundary}, as the rule set allows for ${A_TYPE[productType]} product, and nothing after the gate in the model`,
    `${BOUNDARY_ZH[boundary]}，符合本规则集对${TYPE_ZH[productType]}产品的要求，模型中无大门之后的排放`,
  );
}
