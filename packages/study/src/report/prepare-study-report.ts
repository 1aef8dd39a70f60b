import type { Calculator, Database } from '@opencfp/core';
import {
  calculateProductModel,
  methodChoices as methodChoiceTable,
  modelBackground,
  modelBackgroundFactory,
  monteCarloProductModel,
  parameterSensitivity,
  parseProductModel,
  productModelDataQuality,
  type MethodAspect,
  type MethodChoiceRow,
  type ModelBackground,
  type ProductModelDocument,
  type ProductModelOptions,
} from '@opencfp/model';
import { gwpSet, type BiogenicApproach } from '@opencfp/refdata';
import type { Study } from '../study.js';
import { pick } from './report-context.js';
import { formatShare } from './report-format.js';
import type {
  MethodChoiceEntry,
  ReportBackground,
  ReportMonteCarlo,
  ReportSensitivity,
  StudyReportInput,
} from './report-input.js';
import type { StudyFile } from './study-file.js';

/** A background database read and factorized, to calculate a study's model on. */
export interface StudyBackground {
  database: Database;
  calculator: Calculator;
  /** The version id results record (e.g. 'starter' or a stored version's id). */
  versionId?: string;
}

/**
 * Everything a report of a study file needs, calculated: the model on the background (with the file's GWP set,
 * biogenic approach, stage scheme and scenario), the data quality with the background's dataset pedigrees, and the
 * analyses the file asks for — a seeded Monte Carlo run, one parameter at a time (tornado) and the footprint under
 * other method choices and scenarios. The Monte Carlo and sensitivity results also fill the study's summaries, so
 * the compliance check sees them. No I/O: the caller reads the file and the database.
 *
 * @example
 * const input = await prepareStudyReport(parseStudyFile(json), { database, calculator: new Calculator(database) });
 * const report = studyReport(input, { language: 'en' });
 */
export async function prepareStudyReport(
  file: StudyFile,
  background: StudyBackground,
): Promise<StudyReportInput> {
  const document = parseProductModel(file.model);
  const backgrounds = new Map<string, ModelBackground>();
  const on = (gwpSetId: string, biogenicApproach: BiogenicApproach): ModelBackground => {
    const key = `${gwpSetId} ${biogenicApproach}`;
    let found = backgrounds.get(key);
    if (!found) {
      found = modelBackground(background.database, background.calculator, {
        gwpSetId,
        biogenicApproach,
        versionId: background.versionId,
      });
      backgrounds.set(key, found);
    }
    return found;
  };
  const { gwpSetId, biogenicApproach } = file.calculation;
  const options: ProductModelOptions = {
    gwpSetId,
    biogenicApproach,
    stageScheme: file.calculation.stageScheme,
    scenarioId: file.calculation.scenarioId,
    defaultStage: file.calculation.defaultStage,
  };
  const base = on(gwpSetId, biogenicApproach);
  const result = calculateProductModel(document, base, options);

  let monteCarlo: ReportMonteCarlo | undefined;
  const mcOptions = file.analyses.monteCarlo;
  if (mcOptions) {
    const mc = await monteCarloProductModel(document, base, { ...options, ...mcOptions });
    monteCarlo = {
      iterations: mc.iterations,
      seed: mc.seed,
      deterministic: mc.deterministic,
      mean: mc.mean,
      sd: mc.sd,
      min: mc.min,
      max: mc.max,
      percentiles: mc.percentiles,
      sampled: { parameters: mc.sampled.parameters, lines: mc.sampled.lines },
      notes: mc.notes,
      contributions: mc.contributions && {
        method: mc.contributions.method,
        inputs: mc.contributions.inputs.map((x) => ({
          name: x.name,
          correlation: x.correlation,
          share: x.share,
        })),
      },
    };
  }

  const sensitivity: ReportSensitivity = {};
  const tornado = file.analyses.tornado;
  if (tornado) {
    const change = formatShare(tornado.change, 'en');
    sensitivity.method = {
      en: `one input parameter at a time, from the 5th to the 95th percentile of its uncertainty, else ±${change} of its value`,
      zh: `每次改变一个输入参数：取其不确定性的第 5 至第 95 百分位数，无不确定性时取其值的 ±${formatShare(tornado.change, 'zh-CN')}`,
    };
    sensitivity.tornado = parameterSensitivity(document, base, { ...options, relativeChange: tornado.change })
      .parameters.filter(
        (p) => p.low !== p.high && Number.isFinite(p.totalLow) && Number.isFinite(p.totalHigh),
      )
      .map((p) => {
        const unit = p.unit ? ` ${p.unit}` : '';
        return {
          name: p.parameter,
          lowSetting: `${round(p.low)}${unit}`,
          highSetting: `${round(p.high)}${unit}`,
          low: p.totalLow,
          high: p.totalHigh,
        };
      });
  }
  const choices = file.analyses.methodChoices;
  if (choices) sensitivity.choices = methodChoices(document, background, on, options, choices);

  const study: Study = {
    ruleSetId: file.ruleSetId,
    productType: file.productType,
    boundary: file.boundary,
    functionalUnit: file.functionalUnit,
    declaredUnit: file.declaredUnit,
    document,
    result,
    referencePeriod: file.referencePeriod,
    reportDate: file.reportDate,
    dataQuality: file.dataQuality,
    choices: file.choices,
    report: file.report,
    attestations: file.attestations,
  };
  if (monteCarlo)
    study.uncertainty = {
      method: 'monte-carlo',
      iterations: monteCarlo.iterations,
      mean: monteCarlo.mean,
      standardDeviation: monteCarlo.sd,
      percentiles: Object.fromEntries(
        Object.entries(monteCarlo.percentiles).filter((e): e is [string, number] => e[1] !== undefined),
      ),
    };
  const entries = [
    ...(sensitivity.tornado ?? []).map((e) => ({ name: e.name, effect: Math.abs(e.high - e.low) })),
    ...(sensitivity.choices ?? []).map((e) => ({
      name: `${pick(e.choice, 'en')}: ${pick(e.option, 'en')}`,
      effect: e.total - result.split.total,
    })),
  ];
  if (entries.length > 0)
    study.sensitivity = { method: sensitivity.tornado ? 'one-at-a-time' : 'method-choices', entries };

  return {
    study,
    declaration: file.declaration,
    dataQuality: result.dataQuality
      ? productModelDataQuality(document, result, background.database)
      : undefined,
    monteCarlo,
    sensitivity: sensitivity.tornado || sensitivity.choices ? sensitivity : undefined,
    background: describeBackground(background.database, result.contributions, {
      name: file.background.name ?? background.database.name ?? background.versionId ?? 'background database',
      version: file.background.version,
    }),
  };
}

const round = (x: number) => String(Number(x.toPrecision(6)));

const ASPECTS: Record<MethodAspect, { en: string; zh: string }> = {
  allocation: { en: 'Allocation (background)', zh: '分配（背景数据）' },
  'electricity-accounting': { en: 'Electricity accounting', zh: '电力核算方法' },
  'end-of-life': { en: 'End of life', zh: '生命末期' },
  'biogenic-carbon': { en: 'Biogenic approach', zh: '生物源碳处理方法' },
};

const CHOICES_ZH: Record<string, string> = {
  'as-defined': '各背景过程自身的默认分配方法',
  physical: '物理分配',
  economic: '经济分配',
  causal: '因果分配',
  none: '不分配（每个联产品承担全部负荷）',
  'location-based': '基于位置',
  'market-based': '基于市场',
  'residual-mix': '剩余组合',
  'eu-battery': '欧盟电池规则',
  'cut-off': '截断法（不计生命末期抵扣）',
  '0/0': '0/0：生物源 CO2 吸收与排放不计入总量',
  '-1/+1': '−1/+1：生物源 CO2 吸收计为 −1，排放计为 +1',
};

/** A method-choice row's option in both languages (model's labels are English). */
function optionOf(row: MethodChoiceRow, document: ProductModelDocument): { en: string; zh: string } {
  const scenario = row.choice.startsWith('scenario:')
    ? document.scenarios.find((s) => `scenario:${s.id}` === row.choice)
    : undefined;
  return {
    en: row.label,
    zh: scenario ? (scenario.nameZh ?? scenario.name) : (CHOICES_ZH[row.choice] ?? row.label),
  };
}

/**
 * The footprint under the method choices ISO 14067 asks about (model's methodChoices: background allocation,
 * electricity accounting, end of life, biogenic approach), other GWP sets, and the model's scenarios.
 */
function methodChoices(
  document: ProductModelDocument,
  background: StudyBackground,
  on: (gwpSetId: string, approach: BiogenicApproach) => ModelBackground,
  options: ProductModelOptions,
  asked: NonNullable<StudyFile['analyses']['methodChoices']>,
): MethodChoiceEntry[] {
  const gwpSetId = options.gwpSetId as string;
  const approach = options.biogenicApproach as BiogenicApproach;
  const table = methodChoiceTable(
    document,
    modelBackgroundFactory(background.database, { versionId: background.versionId }),
    options,
  );
  const entries: MethodChoiceEntry[] = table.rows
    .filter((r): r is MethodChoiceRow & { total: number } => !r.base && r.total !== null)
    .filter((r) => asked.biogenicApproach || r.aspect !== 'biogenic-carbon')
    .map((r) => ({ choice: ASPECTS[r.aspect], option: optionOf(r, document), total: r.total }));
  for (const id of asked.gwpSetIds.filter((x) => x !== gwpSetId))
    entries.push({
      choice: { en: 'GWP set', zh: 'GWP 数据集' },
      option: gwpSet(id).name,
      total: calculateProductModel(document, on(id, approach), { ...options, gwpSetId: id }).split.total,
    });
  if (asked.scenarios) {
    const base = on(gwpSetId, approach);
    // End-of-life scenarios are rows of the end-of-life aspect already.
    const others = document.scenarios.filter((x) => x.id !== options.scenarioId && x.kind !== 'end-of-life');
    if (options.scenarioId)
      entries.push({
        choice: { en: 'Scenario', zh: '情景' },
        option: { en: 'base case', zh: '基准情况' },
        total: calculateProductModel(document, base, { ...options, scenarioId: undefined }).split.total,
      });
    for (const s of others)
      entries.push({
        choice: { en: 'Scenario', zh: '情景' },
        option: { en: s.name, zh: s.nameZh ?? s.name },
        total: calculateProductModel(document, base, { ...options, scenarioId: s.id }).split.total,
      });
  }
  return entries;
}

/**
 * What the report says of the background: its name and version, and for each dataset the model links its version,
 * location, category and the sources the database cites for it.
 *
 * @example describeBackground(database, result.contributions, { name: 'OpenCFP starter database' })
 */
export function describeBackground(
  database: Database,
  contributions: readonly { dataset?: { processId: string } }[],
  about: { name: string; version?: string },
): ReportBackground {
  const ids = new Set(contributions.flatMap((x) => (x.dataset ? [x.dataset.processId] : [])));
  const locations = new Map(database.locations.map((l) => [l.id, l]));
  const datasets = database.processes
    .filter((p) => ids.has(p.id))
    .map((p) => {
      const location = p.locationId ? locations.get(p.locationId) : undefined;
      return {
        processId: p.id,
        version: p.version,
        location: location ? (location.code ?? location.name) : undefined,
        category: p.category,
      };
    });
  return { name: about.name, version: about.version, datasets };
}
