// What every section builder of the study report shares: the input, the language's messages and number formats,
// and names in the report's language (processes, stages, gases, choices).
import type { ModelContribution, ProductModelDocument, ProductModelFootprint } from '@opencfp/model';
import { LIFE_CYCLE_STAGES, ruleSet as ruleSetById, type RuleSet } from '@opencfp/refdata';
import type { ComplianceReport, Study } from '../study.js';
import { formatNumber, formatShare } from './report-format.js';
import type { ReportBlock, ReportLanguage, ReportSection, ReportTable } from './report-document.js';
import type { DeclaredText, StudyReportInput } from './report-input.js';
import { reportMessages, type MessageKey, type Translate } from './report-messages.js';

export interface ReportContext {
  input: StudyReportInput;
  study: Study;
  document: ProductModelDocument;
  result: ProductModelFootprint;
  compliance: ComplianceReport;
  ruleSet: RuleSet;
  language: ReportLanguage;
  t: Translate;
  /** The declared unit as the report names it ("1 aluminium bracket"), for "per …". */
  unit: string;
  /** True unless the study is cradle to grave: a partial CFP (ISO 14067 3.1.1.2). */
  partial: boolean;
  /** The product's name in the report's language. */
  product: string;
}

/** A declared text in the report's language (the other language when only that one is given). */
export function pick(text: DeclaredText | undefined, language: ReportLanguage): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === 'string') return text;
  return language === 'zh-CN' ? (text.zh ?? text.en) : (text.en ?? text.zh);
}

export function makeContext(
  input: StudyReportInput,
  compliance: ComplianceReport,
  language: ReportLanguage,
): ReportContext {
  const { study } = input;
  const { result, document } = study;
  const t = reportMessages(language);
  const declared = result.declaredUnit;
  const unit =
    pick(input.declaration.declaredUnit, language) ??
    study.declaredUnit ??
    `${formatNumber(declared.amount)} ${declared.unit}`;
  const product = pick(input.declaration.product, language) ?? declared.productName;
  return {
    input,
    study,
    document,
    result,
    compliance,
    ruleSet: ruleSetById(study.ruleSetId),
    language,
    t,
    unit,
    partial: study.boundary !== 'cradle-to-grave',
    product,
  };
}

/** kg CO2e and other amounts, as printed. */
export const num = (x: number): string => formatNumber(x);

export function share(c: ReportContext, x: number): string {
  return formatShare(x, c.language);
}

/** A value or "not stated". */
export function orNot(c: ReportContext, value: string | undefined): string {
  return value === undefined || value === '' ? c.t('notStated') : value;
}

/** A process of the model by id, in the report's language. */
export function processName(c: ReportContext, processId: string): string {
  const p = c.document.processes.find((x) => x.id === processId);
  if (!p) return processId;
  return c.language === 'zh-CN' ? (p.nameZh ?? p.name) : p.name;
}

/** A contribution's process name in the report's language. */
export function contributionProcess(c: ReportContext, line: ModelContribution): string {
  return c.language === 'zh-CN' ? (line.processNameZh ?? processName(c, line.processId)) : line.processName;
}

/** A life-cycle stage by id, in the report's language (its id when no scheme has it). */
export function stageName(c: ReportContext, id: string): string {
  const fromResult = c.result.byStage.find((s) => s.id === id);
  const defined =
    fromResult ??
    Object.values(LIFE_CYCLE_STAGES)
      .flat()
      .find((s) => s.id === id);
  if (!defined) return id;
  return c.language === 'zh-CN' ? defined.nameZh : defined.name;
}

const BOUNDARY: Record<Study['boundary'], MessageKey> = {
  'cradle-to-gate': 'boundaryCradleToGate',
  'cradle-to-grave': 'boundaryCradleToGrave',
  'gate-to-gate': 'boundaryGateToGate',
};

export function boundaryName(c: ReportContext): string {
  return c.t(BOUNDARY[c.study.boundary]);
}

const ACCOUNTING: Record<string, MessageKey> = {
  'location-based': 'accountingLocation',
  'market-based': 'accountingMarket',
  'residual-mix': 'accountingResidual',
  'eu-battery': 'accountingBattery',
};

export function accountingName(c: ReportContext, accounting: string): string {
  const key = ACCOUNTING[accounting];
  return key ? c.t(key) : accounting;
}

const MODES: Record<string, MessageKey> = {
  road: 'modeRoad',
  rail: 'modeRail',
  sea: 'modeSea',
  'inland-waterway': 'modeInlandWaterway',
  air: 'modeAir',
};

export function modeName(c: ReportContext, mode: string): string {
  const key = MODES[mode];
  return key ? c.t(key) : mode;
}

const ORIGINS: Record<string, MessageKey> = {
  fossil: 'originFossil',
  biogenic: 'originBiogenic',
  'land-transformation': 'originLandTransformation',
  uptake: 'originUptake',
  unspecified: 'originUnspecified',
};

export function originName(c: ReportContext, origin: string): string {
  const key = ORIGINS[origin];
  return key ? c.t(key) : origin;
}

/**
 * The short name of a rule set for running footers: the standard's designation ("GB/T 24067-2024") when its name
 * starts with one, else the name.
 */
export function ruleSetShortName(c: ReportContext): string {
  const name = c.language === 'zh-CN' ? c.ruleSet.name.zh : c.ruleSet.name.en;
  const designation = /^(?:ISO|GB\/T|GB|PAS|EN|ISO\/TS)\s[\d.:-]+(?:-\d+)?/.exec(name);
  return designation ? designation[0] : name;
}

/** Items joined as the language lists them. */
export function list(c: ReportContext, items: string[]): string {
  return items.join(c.t('listSeparator'));
}

/** A section without its number (numbers are given when the report is assembled). */
export function section(
  id: string,
  heading: string,
  blocks: ReportBlock[],
  subsections: ReportSection[] = [],
): ReportSection {
  return { id, number: '', heading, blocks, subsections };
}

/** A table whose column labels are message keys. */
export function table(
  c: ReportContext,
  id: string,
  caption: string,
  columns: [MessageKey, 'left' | 'right'][],
  rows: string[][],
  extra: Pick<ReportTable, 'total' | 'notes'> = {},
): ReportTable {
  return {
    kind: 'table',
    id,
    caption,
    columns: columns.map(([key, align]) => ({ label: c.t(key), align })),
    rows,
    ...extra,
  };
}

/** Facts without the ones whose value is unknown. */
export function facts(entries: [string, string | undefined][]): ReportBlock {
  return {
    kind: 'facts',
    facts: entries
      .filter((e): e is [string, string] => e[1] !== undefined)
      .map(([label, value]) => ({ label, value })),
  };
}
