import type { Condition, ReportItem } from '@opencfp/refdata';
import type { Evidence, Study } from '../study.js';
import { electricityLines, outcome, type ConditionOutcome } from './condition-outcome.js';

type ReportCondition = Extract<Condition, { check: 'report' }>;

const NAMES: Record<ReportItem, [string, string]> = {
  'functional-or-declared-unit': ['functional or declared unit', '功能单位或声明单位'],
  'system-boundary': ['system boundary', '系统边界'],
  'gwp-set': ['GWP set', 'GWP 值集'],
  'separate-values': ['separate GHG values', '温室气体分项值'],
  'results-by-stage': ['results by stage', '分阶段结果'],
  'cut-off-criteria': ['cut-off criteria', '取舍准则'],
  allocation: ['allocation method', '分配方法'],
  'data-quality': ['data-quality assessment', '数据质量评估'],
  'reference-period': ['reference period', '参考期'],
  electricity: ['electricity accounting', '电力核算方式'],
  'biogenic-approach': ['biogenic carbon approach', '生物碳处理方法'],
  uncertainty: ['uncertainty', '不确定性'],
  'end-of-life': ['end-of-life approach', '寿命末期处理方法'],
  'use-profile': ['use profile', '使用情景'],
  'background-data-sources': ['background data sources', '背景数据来源'],
  'product-mass-per-declared-unit': ['product mass per declared unit', '每声明单位产品质量'],
  manufacturer: ['manufacturer', '制造商'],
  'product-identification': ['product identification', '产品标识'],
  'plant-location': ['plant location', '工厂所在地'],
  'public-study-link': ['link to the public study', '公开研究网址'],
  limitations: ['limitations', '局限性'],
};

const text = (s: string | undefined) => (s !== undefined && s.trim().length > 0 ? s : undefined);

/** Where the study holds an item, and its value; `undefined` value: missing. */
function locate(item: ReportItem, study: Study): Evidence & { present: boolean } {
  const { choices, report, result } = study;
  const at = (
    path: string,
    value: string | number | boolean | null | undefined,
    present = value != null,
  ) => ({
    path,
    value: value ?? null,
    present,
  });
  switch (item) {
    case 'functional-or-declared-unit':
      return text(study.functionalUnit)
        ? at('/study/functionalUnit', study.functionalUnit)
        : at('/study/declaredUnit', text(study.declaredUnit));
    case 'system-boundary':
      return at('/study/boundary', study.boundary);
    case 'gwp-set':
      return at('/result/gwpSet/id', result.gwpSet.id);
    case 'separate-values':
      return at('/result/split/total', result.split.total);
    case 'results-by-stage':
      return at('/result/byStage', result.byStage.length, result.byStage.length > 0);
    case 'cut-off-criteria':
      return at('/study/choices/cutOff/criteria', text(choices?.cutOff?.criteria));
    case 'allocation':
      return at('/study/choices/allocation/method', choices?.allocation?.method);
    case 'data-quality':
      return at('/study/dataQuality/method', study.dataQuality?.method);
    case 'reference-period':
      return at('/study/referencePeriod/end', study.referencePeriod?.end);
    case 'electricity': {
      const { inputs, datasets } = electricityLines(study);
      if (choices?.electricity)
        return at('/study/choices/electricity/accounting', choices.electricity.accounting);
      if (inputs.length > 0) return at(inputs[0].path, inputs[0].accounting);
      // Electricity only in background datasets: say how it is accounted. No electricity at all: nothing to say.
      return at('/study/choices/electricity/accounting', null, datasets.length === 0);
    }
    case 'biogenic-approach':
      return at('/result/biogenicApproach', result.biogenicApproach);
    case 'uncertainty':
      return study.uncertainty
        ? at('/study/uncertainty/method', study.uncertainty.method)
        : at('/study/choices/uncertaintyStatement', text(choices?.uncertaintyStatement));
    case 'end-of-life':
      return at(
        '/study/choices/endOfLife/approach',
        choices?.endOfLife?.approach,
        study.boundary !== 'cradle-to-grave' || choices?.endOfLife !== undefined,
      );
    case 'use-profile':
      return at(
        '/study/choices/useProfile',
        text(choices?.useProfile),
        study.boundary !== 'cradle-to-grave' || text(choices?.useProfile) !== undefined,
      );
    case 'background-data-sources': {
      const background = result.contributions.some((c) => c.dataset !== undefined);
      return at(
        '/result/backgroundVersionId',
        result.backgroundVersionId,
        !background || result.backgroundVersionId !== null,
      );
    }
    case 'product-mass-per-declared-unit': {
      const mass = report?.productMassPerDeclaredUnit;
      return at('/study/report/productMassPerDeclaredUnit', mass, mass !== undefined && mass > 0);
    }
    case 'manufacturer':
      return at('/study/report/manufacturer', text(report?.manufacturer));
    case 'product-identification':
      return at('/study/report/productIdentification', text(report?.productIdentification));
    case 'plant-location':
      return at('/study/report/plantLocation', text(report?.plantLocation));
    case 'public-study-link':
      return at('/study/report/publicStudyUrl', text(report?.publicStudyUrl));
    case 'limitations':
      return at('/study/report/limitations', text(report?.limitations));
  }
}

/**
 * The items a report or declaration must contain, each found in the study (the model, its result, the stated
 * choices and report information), or listed as missing.
 *
 * @example checkReport({ check: 'report', items: ['manufacturer', 'plant-location'] }, study).message.en
 */
export function checkReport(condition: ReportCondition, study: Study): ConditionOutcome {
  const evidence: Evidence[] = [];
  const missing: ReportItem[] = [];
  for (const item of condition.items) {
    const { present, ...found } = locate(item, study);
    evidence.push(found);
    if (!present) missing.push(item);
  }
  if (missing.length > 0)
    return outcome(
      'not-met',
      evidence,
      `missing for the report: ${missing.map((m) => NAMES[m][0]).join(', ')}`,
      `报告缺少：${missing.map((m) => NAMES[m][1]).join('、')}`,
    );
  return outcome(
    'met',
    evidence,
    `the study holds every item of the report (${condition.items.length})`,
    `研究包含报告所需的全部项目（${condition.items.length} 项）`,
  );
}
