// The platform's own part of a study report: the study's state and verification as the platform records them, its
// history from the audit log (who did what, when), and which analyses of its result the report shows — in English
// or Chinese. The study package's sections say what the study states; this one says what happened to it.
import type { StudyEvent, StudyState } from '@opencfp/store';
import type { ReportBlock, ReportLanguage, ReportSection } from '@opencfp/study';
import type { StudyReportSources } from './study-report-input.js';

type Words = { en: string; zh: string };

const STATES: Record<StudyState, Words> = {
  draft: { en: 'draft', zh: '草稿' },
  submitted: { en: 'submitted', zh: '已提交' },
  'in-verification': { en: 'in verification', zh: '核查中' },
  'findings-raised': { en: 'findings raised', zh: '已提出发现项' },
  'findings-answered': { en: 'findings answered', zh: '发现项已答复' },
  verified: { en: 'verified', zh: '已核查' },
  rejected: { en: 'rejected', zh: '已退回' },
  certified: { en: 'certified', zh: '已认证' },
  published: { en: 'published', zh: '已发布' },
  superseded: { en: 'superseded', zh: '已被取代' },
  withdrawn: { en: 'withdrawn', zh: '已撤回' },
};

const ACTIONS: Record<string, Words> = {
  create: { en: 'created', zh: '创建' },
  update: { en: 'changed', zh: '修改' },
  'invite-verifier': { en: 'verifier invited', zh: '邀请核查机构' },
  submit: { en: 'submitted', zh: '提交' },
  'start-verification': { en: 'verification started', zh: '开始核查' },
  'raise-finding': { en: 'finding raised', zh: '提出发现项' },
  'answer-finding': { en: 'finding answered', zh: '答复发现项' },
  'close-finding': { en: 'finding closed', zh: '关闭发现项' },
  'answer-findings': { en: 'all findings answered', zh: '发现项均已答复' },
  verify: { en: 'verified', zh: '核查通过' },
  reject: { en: 'rejected', zh: '退回' },
  certify: { en: 'certified', zh: '认证' },
  publish: { en: 'published as a signed statement', zh: '以签名声明发布' },
  withdraw: { en: 'withdrawn', zh: '撤回' },
  supersede: { en: 'superseded', zh: '被取代' },
  'start-successor': { en: 'successor started', zh: '开始后续研究' },
};

const TEXT = {
  heading: { en: 'Study record on the platform', zh: '平台上的研究记录' },
  status: { en: 'State and verification', zh: '状态与核查' },
  history: { en: 'History', zh: '历史记录' },
  historyCaption: {
    en: 'Every action on the study, from the audit log: who, when, from which state to which',
    zh: '研究的每一项操作（取自审计日志）：操作者、时间及状态变化',
  },
  analyses: { en: 'Analyses of the result shown in this report', zh: '本报告所示的结果分析' },
  study: { en: 'Study', zh: '研究' },
  state: { en: 'State', zh: '状态' },
  practitioner: { en: 'Practitioner', zh: '研究实施方' },
  verifier: { en: 'Verifier', zh: '核查机构' },
  certificationBody: { en: 'Certification body', zh: '认证机构' },
  submitted: { en: 'Submitted', zh: '提交时间' },
  verified: { en: 'Verified', zh: '核查时间' },
  certified: { en: 'Certified', zh: '认证时间' },
  published: { en: 'Published', zh: '发布时间' },
  withdrawn: { en: 'Withdrawn', zh: '撤回时间' },
  supersedes: { en: 'Supersedes study', zh: '取代的研究' },
  supersededBy: { en: 'Superseded by study', zh: '被以下研究取代' },
  result: { en: 'Calculation result', zh: '计算结果' },
  inputsHash: { en: 'Inputs hash of the result', zh: '结果的输入哈希值' },
  frozen: { en: 'Frozen inputs hash (the verified version)', zh: '固定的输入哈希值（经核查版本）' },
  frozenSelfDeclared: {
    en: 'Frozen inputs hash (at publication; self-declared, not verified by a third party)',
    zh: '固定的输入哈希值（发布时；自我声明，未经第三方核查）',
  },
  statement: { en: 'Signed statement', zh: '签名声明' },
  findings: { en: 'Findings', zh: '发现项' },
  findingCounts: {
    en: '{open} open, {answered} answered, {closed} closed',
    zh: '未决 {open} 项，已答复 {answered} 项，已关闭 {closed} 项',
  },
  colWhen: { en: 'When (UTC)', zh: '时间（UTC）' },
  colAction: { en: 'Action', zh: '操作' },
  colStates: { en: 'State', zh: '状态' },
  colWho: { en: 'Who', zh: '操作者' },
  colDetails: { en: 'Details', zh: '说明' },
  monteCarlo: { en: 'Monte Carlo run', zh: '蒙特卡洛模拟' },
  sensitivity: { en: 'Sensitivity run (one at a time)', zh: '敏感性分析（逐一改变）' },
  methodChoices: { en: 'Method choices', zh: '方法选择' },
  job: { en: 'job {id}, finished {at}', zh: '作业 {id}，完成于 {at}' },
  none: { en: 'none run for this result', zh: '未对该结果运行' },
  notYet: { en: 'not yet', zh: '尚未' },
  withdrawnNotice: {
    en: 'This study was withdrawn by its organisation on {at}{reason}: its statement no longer stands.',
    zh: '本研究已于 {at} 被其组织撤回{reason}：其声明不再有效。',
  },
  supersededNotice: {
    en: 'This study is superseded by study {id}: a newer study replaces it.',
    zh: '本研究已被研究 {id} 取代：以较新的研究为准。',
  },
} satisfies Record<string, Words>;

/** A time as the record prints it: to the minute, in UTC. */
const at = (d: Date | null | undefined) =>
  d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : undefined;

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** What an event's details say, in a few words (reason, note, finding, hash, statement). */
function detailsOf(event: StudyEvent): string {
  const d = event.details;
  const parts: string[] = [];
  for (const key of [
    'reason',
    'note',
    'findingId',
    'itemPath',
    'resultId',
    'frozenInputsHash',
    'statementId',
  ])
    if (typeof d[key] === 'string' && d[key] !== '') parts.push(`${key}: ${d[key]}`);
  if (Array.isArray(d.fields)) parts.push(`fields: ${d.fields.join(', ')}`);
  return parts.join('; ') || '—';
}

/**
 * The report's section on the study's record (state, verification, history, analyses), numbered `number`, and a
 * notice for the cover when the study was withdrawn or superseded.
 *
 * @example const { section, notice } = studyRecordSection(sources, 'en', String(report.sections.length + 1));
 */
export function studyRecordSection(
  sources: StudyReportSources,
  language: ReportLanguage,
  number: string,
): { section: ReportSection; notice?: string } {
  const lang = language === 'zh-CN' ? 'zh' : 'en';
  const t = (key: keyof typeof TEXT, values: Record<string, string | number> = {}) =>
    fill(TEXT[key][lang], values);
  const { study, result } = sources.submission;
  const party = (p: typeof study.verifier) =>
    p ? `${p.organisationName}${p.userName ? ` (${p.userName})` : ''}` : undefined;
  const facts: [string, string | undefined][] = [
    [t('study'), `${study.title} (${study.id})`],
    [t('state'), STATES[study.state][lang]],
    [t('practitioner'), study.organisationName],
    [t('verifier'), party(study.verifier)],
    [t('certificationBody'), party(study.certificationBody)],
    [t('submitted'), at(study.submittedAt) ?? t('notYet')],
    [t('verified'), study.selfDeclared ? undefined : (at(study.verifiedAt) ?? t('notYet'))],
    [t('certified'), at(study.certifiedAt)],
    [t('published'), at(study.publishedAt)],
    [t('withdrawn'), at(study.withdrawnAt)],
    [t('supersedes'), study.supersedes ?? undefined],
    [t('supersededBy'), study.supersededBy ?? undefined],
    [t('result'), `${result.id} (${at(result.createdAt)})`],
    [t('inputsHash'), result.inputsHash],
    [t(study.selfDeclared ? 'frozenSelfDeclared' : 'frozen'), study.frozenInputsHash ?? t('notYet')],
    [t('statement'), study.statementId ? `/v1/public/statements/${study.statementId}` : undefined],
    [t('findings'), t('findingCounts', study.findings)],
  ];
  const status: ReportBlock = {
    kind: 'facts',
    facts: facts
      .filter((f): f is [string, string] => f[1] !== undefined)
      .map(([label, value]) => ({ label, value })),
  };
  const history: ReportBlock = {
    kind: 'table',
    id: 'study-history',
    caption: t('historyCaption'),
    columns: [
      { label: t('colWhen'), align: 'left' },
      { label: t('colAction'), align: 'left' },
      { label: t('colStates'), align: 'left' },
      { label: t('colWho'), align: 'left' },
      { label: t('colDetails'), align: 'left' },
    ],
    rows: sources.history.map((e) => [
      at(e.at) as string,
      ACTIONS[e.action]?.[lang] ?? e.action,
      `${e.from ? STATES[e.from][lang] : '—'} → ${e.to ? STATES[e.to][lang] : '—'}`,
      e.actorName ?? e.actorId ?? '—',
      detailsOf(e),
    ]),
  };
  const job = (j: { id: string; finishedAt: Date | null } | undefined) =>
    j ? t('job', { id: j.id, at: at(j.finishedAt) ?? '' }) : t('none');
  const analyses: ReportBlock = {
    kind: 'facts',
    facts: [
      { label: t('monteCarlo'), value: job(sources.analyses.monteCarlo) },
      { label: t('sensitivity'), value: job(sources.analyses.sensitivity) },
      { label: t('methodChoices'), value: job(sources.analyses.methodChoices) },
    ],
  };
  const sub = (id: string, heading: string, blocks: ReportBlock[], n: number): ReportSection => ({
    id,
    number: `${number}.${n}`,
    heading,
    blocks,
    subsections: [],
  });
  const section: ReportSection = {
    id: 'study-record',
    number,
    heading: t('heading'),
    blocks: [],
    subsections: [
      sub('study-status', t('status'), [status], 1),
      sub('study-history', t('history'), [history], 2),
      sub('study-analyses', t('analyses'), [analyses], 3),
    ],
  };
  let notice: string | undefined;
  if (study.state === 'withdrawn') {
    const reason = sources.history.filter((e) => e.action === 'withdraw').at(-1)?.details.reason;
    notice = t('withdrawnNotice', {
      at: at(study.withdrawnAt) ?? '',
      reason: typeof reason === 'string' ? (lang === 'zh' ? `（${reason}）` : ` (${reason})`) : '',
    });
  } else if (study.state === 'superseded' && study.supersededBy)
    notice = t('supersededNotice', { id: study.supersededBy });
  return { section, notice };
}
