import { checkCompliance } from '../check-compliance.js';
import {
  REPORT_SCHEMA_ID,
  type KeyFigure,
  type ReportLanguage,
  type ReportSection,
  type StudyReportDocument,
  type VerificationLabelKind,
} from './report-document.js';
import {
  boundaryName,
  facts,
  makeContext,
  num,
  orNot,
  pick,
  ruleSetShortName,
  type ReportContext,
} from './report-context.js';
import { dataSection, electricitySection, gwpSection, scenariosSection } from './report-data-sections.js';
import type { StudyReportInput } from './report-input.js';
import {
  limitationsSection,
  localText,
  resultsSection,
  ruleSetSection,
  uncertaintySection,
  verificationSection,
} from './report-result-sections.js';
import { allocation, boundaryAndProcesses, cutOff, goalAndScope } from './report-scope-sections.js';

export interface StudyReportOptions {
  language: ReportLanguage;
}

/**
 * The ISO 14067 / GB/T 24067 study report of a calculated study, as a structured document in English or Chinese:
 * goal and scope, units and reference flow, system boundary and process list, cut-off, allocation, data sources and
 * data quality, electricity, use and end-of-life scenarios, GWP set, results by stage and the separately reported
 * items, sensitivity and uncertainty, limitations, rule set with the compliance findings, and the verification
 * statement. Every number in it comes from the input (the result, the declaration, the analyses given); nothing
 * is read or written (renderReportHtml and renderReportPdf lay it out).
 *
 * @example
 * const report = studyReport({ study, declaration }, { language: 'zh-CN' });
 * report.sections.map((s) => `${s.number} ${s.heading}`); // ['1 目的与范围', '2 系统边界与过程清单', …]
 */
export function studyReport(input: StudyReportInput, options: StudyReportOptions): StudyReportDocument {
  const compliance =
    input.compliance ?? checkCompliance(input.study, undefined, { asOf: input.study.reportDate });
  const c = makeContext(input, compliance, options.language);
  const sections = numbered([
    goalAndScope(c),
    boundaryAndProcesses(c),
    cutOff(c),
    allocation(c),
    dataSection(c),
    electricitySection(c),
    scenariosSection(c),
    gwpSection(c),
    resultsSection(c),
    uncertaintySection(c),
    limitationsSection(c),
    ruleSetSection(c),
    verificationSection(c),
  ]);
  const label = verificationLabel(c);
  return {
    schema: REPORT_SCHEMA_ID,
    language: options.language,
    title: c.t(c.partial ? 'reportTitlePartial' : 'reportTitle'),
    studyTitle: pick(input.declaration.title, c.language) as string,
    product: c.product,
    label,
    keyFigures: keyFigures(c),
    cover: cover(c),
    coverNotice: compliance.blocksPublication
      ? c.t('coverBlocking', {
          count: compliance.blocking.length,
          ruleSet: localText(c, c.ruleSet.name),
          ids: compliance.blocking.join(', '),
        })
      : undefined,
    sections,
    footer: `${c.product} | ${ruleSetShortName(c)} | ${label.text}`,
    pageLabel: c.t('pageLabel', { page: '{page}', pages: '{pages}' }),
    generator: c.t('generator'),
  };
}

/** Numbers sections 1, 2 … and their subsections 2.1, 2.2 … in order. */
function numbered(sections: ReportSection[], prefix = ''): ReportSection[] {
  return sections.map((s, i) => {
    const number = `${prefix}${i + 1}`;
    return { ...s, number, subsections: numbered(s.subsections, `${number}.`) };
  });
}

function verificationLabel(c: ReportContext): { kind: VerificationLabelKind; text: string } {
  const v = c.input.declaration.verification;
  switch (v.kind) {
    case 'self-declared':
      return { kind: v.kind, text: c.t('labelSelfDeclared') };
    case 'third-party-verified':
      return { kind: v.kind, text: c.t('labelThirdParty', { verifier: v.verifier, date: v.date }) };
    case 'critical-review':
      return { kind: v.kind, text: c.t('labelCriticalReview', { verifier: v.verifier, date: v.date }) };
    case 'not-verified':
      return { kind: v.kind, text: c.t('labelNotVerified') };
  }
}

function keyFigures(c: ReportContext): KeyFigure[] {
  const { split } = c.result;
  const figures: KeyFigure[] = [
    {
      label: c.t(c.partial ? 'keyFootprintPartial' : 'keyFootprint', { unit: c.unit }),
      value: num(split.total),
      unit: 'kg CO2e',
      number: split.total,
    },
    {
      label: c.t('keyFossil'),
      value: num(split.fossilEmissions),
      unit: 'kg CO2e',
      number: split.fossilEmissions,
    },
  ];
  const biogenic = split.biogenicEmissions + split.biogenicRemovals;
  if (split.biogenicEmissions !== 0 || split.biogenicRemovals !== 0)
    figures.push({ label: c.t('keyBiogenicNet'), value: num(biogenic), unit: 'kg CO2e', number: biogenic });
  return figures;
}

function cover(c: ReportContext): StudyReportDocument['cover'] {
  const { t, study, input, result } = c;
  const period = study.referencePeriod
    ? t('periodValue', { start: study.referencePeriod.start, end: study.referencePeriod.end })
    : undefined;
  const block = facts([
    [t('coverRuleSet'), `${localText(c, c.ruleSet.name)}`],
    [t('coverCommissioner'), input.declaration.commissioner],
    [t('coverPractitioner'), input.declaration.practitioner],
    [t('coverReportDate'), orNot(c, study.reportDate)],
    [t('coverPeriod'), orNot(c, period)],
    [t('coverBoundary'), boundaryName(c)],
    [t('coverGwp'), result.gwpSet.name],
  ]);
  return block.kind === 'facts' ? block.facts : [];
}
