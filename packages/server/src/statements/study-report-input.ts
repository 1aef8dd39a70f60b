// What the ISO 14067 study report of a stored study is made from (packages/study's StudyReportInput): the study
// as stored — its declarations, the model document and footprint of the result it reports, its verification — and
// the analyses of that result when they were run (the newest Monte Carlo, sensitivity and method-choices jobs of
// its inputs). No I/O: the report route reads the study, its history, the jobs and the background.
import type { Database } from '@opencfp/core';
import {
  productModelDataQuality,
  type ProductModelDocument,
  type ProductModelFootprint,
} from '@opencfp/model';
import type { Job, StudyEvent, StudySubmission } from '@opencfp/store';
import {
  describeBackground,
  type ComplianceReport,
  type DeclaredText,
  type MethodChoiceEntry,
  type ReportMonteCarlo,
  type ReportSensitivity,
  type StudyDeclaration,
  type StudyReportInput,
  type VerificationStatement,
} from '@opencfp/study';
import type { MethodChoicesOutput, SensitivityOutput } from '../jobs/model-analysis-jobs.js';
import type { MonteCarloOutput } from '../jobs/model-jobs.js';
import { checkStudyCompliance, complianceStudy } from './study-compliance.js';

/** Everything the report of a stored study is made from. */
export interface StudyReportSources {
  submission: StudySubmission;
  history: StudyEvent[];
  /** The newest succeeded analysis jobs of the study's result, when there are any. */
  analyses: { monteCarlo?: Job; sensitivity?: Job; methodChoices?: Job };
  /** The background database version the result was calculated on, loaded (absent: the model has none). */
  background?: { database: Database; name: string; version: number };
}

/** What the study states about its goal and scope in words (StudyDeclarations' goalAndScope). */
interface GoalAndScope {
  goal?: DeclaredText;
  intendedApplication?: DeclaredText;
  reasons?: DeclaredText;
  audience?: DeclaredText;
  comparisonsIntended?: boolean;
  commissioner?: string;
  practitioner?: string;
  referenceFlow?: DeclaredText;
  useScenario?: DeclaredText;
  endOfLifeScenario?: DeclaredText;
  limitations?: DeclaredText[];
}

/** What ISO 14067 asks a report to state but the study does not: shown as such, not left out. */
const NOT_STATED: DeclaredText = { en: 'not stated', zh: '未说明' };

const day = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : undefined);

/**
 * The report input of a stored study (studyReport of @opencfp/study lays it out): the compliance check is the one
 * the study was published with, or the check now before publication; the verification statement is the platform's
 * record of who verified (and certified) it, when, and the hash that froze the verified version.
 *
 * @example const report = studyReport(studyReportInput(sources), { language: 'zh-CN' });
 */
export function studyReportInput(sources: StudyReportSources): StudyReportInput {
  const { study, result, product, publishedCompliance } = sources.submission;
  const stored = result.result as { footprint: ProductModelFootprint };
  const checked = complianceStudy(study, result);
  const compliance =
    (publishedCompliance as ComplianceReport | null) ?? checkStudyCompliance({ study, result }).report;
  const said = (study.declarations.goalAndScope ?? {}) as GoalAndScope;
  const declaration: StudyDeclaration = {
    title: study.title,
    commissioner: said.commissioner,
    practitioner: said.practitioner ?? study.organisationName,
    product: { en: product.nameEn, zh: product.nameZh ?? product.nameEn },
    goal: said.goal ?? NOT_STATED,
    intendedApplication: said.intendedApplication ?? NOT_STATED,
    reasons: said.reasons,
    audience: said.audience ?? NOT_STATED,
    comparisonsIntended: said.comparisonsIntended,
    referenceFlow: said.referenceFlow,
    useScenario: said.useScenario,
    endOfLifeScenario: said.endOfLifeScenario,
    limitations: said.limitations,
    verification: verificationStatement(sources),
  };
  const background = sources.background;
  return {
    study: checked,
    declaration,
    compliance,
    dataQuality:
      background && stored.footprint.dataQuality
        ? productModelDataQuality(checked.document, stored.footprint, background.database)
        : undefined,
    monteCarlo: monteCarloOf(sources.analyses.monteCarlo),
    sensitivity: sensitivityOf(sources.analyses, checked.document),
    background: background
      ? describeBackground(background.database, stored.footprint.contributions, {
          name: background.name,
          version: String(background.version),
        })
      : undefined,
  };
}

/** The details of the newest history event of `action` (e.g. the verifier's note on 'verify'). */
function lastDetails(history: StudyEvent[], action: string): Record<string, unknown> | undefined {
  return history.filter((e) => e.action === action).at(-1)?.details;
}

const noteOf = (details: Record<string, unknown> | undefined) =>
  typeof details?.note === 'string' ? details.note : undefined;

/** The platform's verification record as the report's verification statement. */
function verificationStatement(sources: StudyReportSources): VerificationStatement {
  const { study } = sources.submission;
  if (study.selfDeclared)
    return {
      kind: 'self-declared',
      statement: {
        en: `${study.organisationName} declares this study itself: no third party verified it. The result it reports is ${study.resultId}${study.frozenInputsHash ? `, frozen at publication by the hash of its inputs ${study.frozenInputsHash}` : ''}.`,
        zh: `本研究由${study.organisationName}自我声明，未经第三方核查。所报告的计算结果为 ${study.resultId}${study.frozenInputsHash ? `，发布时以其全部输入的哈希值 ${study.frozenInputsHash} 固定` : ''}。`,
      },
      by: study.organisationName,
      date: day(study.publishedAt ?? study.submittedAt),
    };
  const verifier = study.verifier;
  if (study.verifiedAt === null || verifier === null) return { kind: 'not-verified' };
  const who = `${verifier.organisationName}${verifier.userName ? ` (${verifier.userName})` : ''}`;
  const note = noteOf(lastDetails(sources.history, 'verify'));
  const body = study.certificationBody;
  const certified =
    study.certifiedAt && body
      ? {
          who: `${body.organisationName}${body.userName ? ` (${body.userName})` : ''}`,
          date: day(study.certifiedAt) as string,
          note: noteOf(lastDetails(sources.history, 'certify')),
        }
      : undefined;
  return {
    kind: 'third-party-verified',
    verifier: who,
    date: day(study.verifiedAt) as string,
    statement: {
      en:
        `${who} verified the study on the OpenCFP platform: the model as submitted, its result ${study.resultId} and the declarations, read-only, with ${study.findings.closed} finding(s) raised and closed. The verified version is frozen by the hash of all its inputs: ${study.frozenInputsHash}.` +
        (note ? ` The verifier’s note: ${note}` : '') +
        (certified
          ? ` Certified by ${certified.who} on ${certified.date}.${certified.note ? ` Note: ${certified.note}` : ''}`
          : ''),
      zh:
        `${who} 在 OpenCFP 平台上核查了本研究：以只读方式审阅所提交的模型、其计算结果 ${study.resultId} 及各项声明，提出并关闭了 ${study.findings.closed} 项发现。经核查的版本以其全部输入的哈希值固定：${study.frozenInputsHash}。` +
        (note ? ` 核查人员意见：${note}` : '') +
        (certified
          ? ` 已由 ${certified.who} 于 ${certified.date} 认证。${certified.note ? `意见：${certified.note}` : ''}`
          : ''),
    },
    reference: study.statementId ? `statement ${study.statementId}` : `study ${study.id}`,
  };
}

/** A Monte Carlo job's distribution as the report shows it. */
function monteCarloOf(job: Job | undefined): ReportMonteCarlo | undefined {
  if (!job) return undefined;
  const output = job.output as unknown as MonteCarloOutput;
  const drawn = output.backgroundDrawn ?? output.background !== undefined;
  return {
    iterations: output.iterations,
    seed: output.seed,
    deterministic: output.deterministic,
    mean: output.mean,
    sd: output.sd,
    min: output.min,
    max: output.max,
    percentiles: output.percentiles,
    sampled: output.sampled,
    notes: [
      drawn
        ? `the background database's exchanges were drawn too (${output.sampled.backgroundExchanges ?? 0} of them)`
        : "the background datasets' footprints stayed at their stated values",
      ...output.notes,
      `job ${job.id}, ${job.finishedAt?.toISOString() ?? ''}`,
    ],
    contributions: output.contributions && {
      method: output.contributions.method,
      inputs: output.contributions.inputs.map((x) => ({
        name: x.name,
        correlation: x.correlation ?? undefined,
        share: x.share ?? 0,
      })),
    },
  };
}

/** Names of the method-choice aspects in the report's languages. */
const ASPECT_NAMES: Record<MethodChoicesOutput['rows'][number]['aspect'], { en: string; zh: string }> = {
  allocation: { en: 'Allocation of background co-products', zh: '背景数据联产品的分配' },
  'electricity-accounting': { en: 'Electricity accounting', zh: '电力核算' },
  'end-of-life': { en: 'End-of-life approach', zh: '生命末期处理方法' },
  'biogenic-carbon': { en: 'Biogenic carbon', zh: '生物源碳' },
};

/** Chinese names of the choices the model names in English (scenarios keep the model's names). */
const CHOICE_NAMES_ZH: Record<string, string> = {
  'as-defined': '按各数据集自身定义的分配',
  physical: '物理分配',
  economic: '经济分配',
  causal: '因果分配',
  none: '不分配',
  'location-based': '基于位置的核算',
  'market-based': '基于市场的核算',
  'residual-mix': '剩余组合',
  'eu-battery': '欧盟电池法规则',
  'as-modelled': '按模型所建',
  'cut-off': '截断法（不计回收抵扣）',
  'pef-cff': 'PEF 循环足迹公式',
  '-1/+1': '−1/+1（计入生物源 CO2 吸收与排放）',
  '0/0': '0/0（不计生物源 CO2 吸收与排放）',
};

/** The tornado and method-choice rows of the result's sensitivity and method-choices jobs. */
function sensitivityOf(
  analyses: StudyReportSources['analyses'],
  document: ProductModelDocument,
): ReportSensitivity | undefined {
  const sensitivity = analyses.sensitivity?.output as unknown as SensitivityOutput | undefined;
  const choices = analyses.methodChoices?.output as unknown as MethodChoicesOutput | undefined;
  if (!sensitivity && !choices) return undefined;
  const report: ReportSensitivity = {};
  if (sensitivity) {
    const percent = `${Number((sensitivity.relativeChange * 100).toPrecision(4))} %`;
    report.method = {
      en: `each input parameter moved alone, the others kept: to the 5th and 95th percentiles of its uncertainty, or by −/+${percent} of its value when it has none (job ${analyses.sensitivity?.id})`,
      zh: `每次只改变一个输入参数、其余保持不变：有不确定性的参数取其第 5 和第 95 百分位数，没有的取其值的 −/+${percent}（作业 ${analyses.sensitivity?.id}）`,
    };
    report.tornado = sensitivity.parameters
      .filter((p) => p.totalLow !== null && p.totalHigh !== null && p.low !== p.high)
      .map((p) => ({
        name: p.parameter,
        lowSetting: setting(p.low, p.unit),
        highSetting: setting(p.high, p.unit),
        low: p.totalLow as number,
        high: p.totalHigh as number,
      }));
  }
  if (choices)
    report.choices = choices.rows
      .filter((r) => !r.base && r.total !== null)
      .map((r): MethodChoiceEntry => ({
        choice: ASPECT_NAMES[r.aspect],
        option: { en: r.label, zh: choiceNameZh(r, document) },
        total: r.total as number,
      }));
  return report;
}

const setting = (value: number, unit: string | undefined) =>
  `${Number(value.toPrecision(6))}${unit ? ` ${unit}` : ''}`;

function choiceNameZh(row: { choice: string; label: string }, document: ProductModelDocument): string {
  if (row.choice.startsWith('scenario:')) {
    const scenario = document.scenarios.find((s) => `scenario:${s.id}` === row.choice);
    return scenario ? (scenario.nameZh ?? scenario.name) : row.label;
  }
  return CHOICE_NAMES_ZH[row.choice] ?? row.label;
}
