// Sections 9–13 of the study report: the results (by stage, the separately reported items, the largest
// contributions, PACT fields, the calculation's notes), sensitivity and uncertainty, limitations, the rule set
// with the compliance findings, and the verification statement.
import type { LocalText, RequirementTopic } from '@opencfp/refdata';
import type { CarbonFootprintSplit } from '@opencfp/refdata';
import type { ComplianceStatus } from '../study.js';
import { formatDifference } from './report-format.js';
import type { ReportBlock, ReportSection } from './report-document.js';
import {
  contributionProcess,
  facts,
  num,
  pick,
  section,
  share,
  stageName,
  table,
  type ReportContext,
} from './report-context.js';
import type { MessageKey } from './report-messages.js';
import { kindName } from './report-scope-sections.js';

/** How many of the largest contributions the results list. */
const TOP_CONTRIBUTIONS = 10;

export function localText(c: ReportContext, text: LocalText): string {
  return c.language === 'zh-CN' ? text.zh : text.en;
}

const SPLIT: [keyof CarbonFootprintSplit, MessageKey][] = [
  ['fossilEmissions', 'itemFossilEmissions'],
  ['fossilRemovals', 'itemFossilRemovals'],
  ['biogenicCo2Emissions', 'itemBiogenicCo2Emissions'],
  ['biogenicNonCo2Emissions', 'itemBiogenicNonCo2Emissions'],
  ['biogenicRemovals', 'itemBiogenicRemovals'],
  ['dLuc', 'itemDluc'],
  ['landManagement', 'itemLandManagement'],
  ['aircraft', 'itemAircraft'],
  ['packaging', 'itemPackaging'],
];

export function resultsSection(c: ReportContext): ReportSection {
  const { t, result } = c;
  const intro: ReportBlock = {
    kind: 'paragraph',
    text: t('resultsIntro', {
      cfp: t(c.partial ? 'cfpPartial' : 'cfpFull'),
      product: c.product,
      total: num(result.split.total),
      unit: c.unit,
      gwp: result.gwpSet.name,
      approach: result.biogenicApproach,
    }),
  };
  const byStage = section('results-by-stage', t('subByStage'), [
    table(
      c,
      'results-by-stage',
      t('subByStage'),
      [
        ['colStage', 'left'],
        ['colAmount', 'right'],
        ['colShare', 'right'],
      ],
      result.byStage.map((s) => [
        s.outsideScheme ? t('outsideScheme', { stage: stageName(c, s.id) }) : stageName(c, s.id),
        num(s.amount),
        share(c, s.share),
      ]),
      { total: [t('total'), num(result.split.total), share(c, 1)] },
    ),
  ]);
  const carbon = (value: number | undefined) => (value === undefined ? c.t('itemNotGiven') : num(value));
  const separate = section('separately-reported', t('subSeparate'), [
    { kind: 'paragraph', text: t('separateIntro') },
    table(
      c,
      'separately-reported',
      t('subSeparate'),
      [
        ['colItem', 'left'],
        ['colAmount', 'right'],
      ],
      [
        ...SPLIT.map(([key, label]) => [t(label), num(result.split[key])]),
        [t('itemFossilCarbon'), carbon(result.pact.fossilCarbonContent)],
        [t('itemBiogenicCarbon'), carbon(result.pact.biogenicCarbonContent)],
      ],
      { total: [t('footprintTotal'), num(result.split.total)] },
    ),
  ]);
  const top = [...result.contributions]
    .sort((a, b) => Math.abs(b.co2e) - Math.abs(a.co2e))
    .slice(0, TOP_CONTRIBUTIONS);
  const contributions = section('contributions', t('subContributions'), [
    {
      kind: 'paragraph',
      text: t('contributionsIntro', { count: top.length, all: result.contributions.length }),
    },
    table(
      c,
      'contributions',
      t('subContributions'),
      [
        ['colLine', 'left'],
        ['colProcess', 'left'],
        ['colKind', 'left'],
        ['colStage', 'left'],
        ['colCo2e', 'right'],
        ['colShare', 'right'],
      ],
      top.map((x) => [
        x.name,
        contributionProcess(c, x),
        kindName(c, x.kind),
        stageName(c, x.stage),
        num(x.co2e),
        share(c, x.share),
      ]),
    ),
  ]);
  const pact = section('pact', t('subPact'), [
    facts([
      [t('pactExcluding'), `${num(result.pact.pCfExcludingBiogenic)} kg CO2e`],
      [t('pactIncluding'), `${num(result.pact.pCfIncludingBiogenic)} kg CO2e`],
    ]),
  ]);
  const subsections = [byStage, separate, contributions, pact];
  if (result.notes.length > 0)
    subsections.push(
      section('calculation-notes', t('subNotes'), [
        { kind: 'paragraph', text: t('notesIntro') },
        { kind: 'list', items: result.notes.map((n) => `${n.code}: ${n.message}`) },
      ]),
    );
  return section('results', t('secResults'), [intro], subsections);
}

const PERCENTILES: [string, MessageKey][] = [
  ['p2_5', 'mcP2_5'],
  ['p5', 'mcP5'],
  ['p25', 'mcP25'],
  ['p50', 'mcP50'],
  ['p75', 'mcP75'],
  ['p95', 'mcP95'],
  ['p97_5', 'mcP97_5'],
];

export function uncertaintySection(c: ReportContext): ReportSection {
  return section('sensitivity-and-uncertainty', c.t('secUncertainty'), [], [uncertainty(c), sensitivity(c)]);
}

function uncertainty(c: ReportContext): ReportSection {
  const { t, input, study } = c;
  const blocks: ReportBlock[] = [];
  const mc = input.monteCarlo;
  if (mc) {
    blocks.push({
      kind: 'paragraph',
      text: t('mcIntro', {
        iterations: mc.iterations,
        seed: mc.seed === undefined ? '' : t('mcSeed', { seed: mc.seed }),
      }),
    });
    const percentiles = mc.percentiles as Record<string, number | undefined>;
    const rows: [MessageKey, number | undefined][] = [
      ['mcDeterministic', mc.deterministic],
      ['mcMean', mc.mean],
      ['mcSd', mc.sd],
      ['mcMin', mc.min],
      ['mcMax', mc.max],
      ...PERCENTILES.map(([key, label]): [MessageKey, number | undefined] => [label, percentiles[key]]),
    ];
    const statistics = rows
      .filter(([, v]) => v !== undefined)
      .map(([label, v]) => [t(label), num(v as number)]);
    if (mc.mean !== 0) statistics.splice(3, 0, [t('mcCv'), share(c, mc.sd / Math.abs(mc.mean))]);
    blocks.push(
      table(
        c,
        'monte-carlo',
        t('subUncertainty'),
        [
          ['mcStat', 'left'],
          ['mcValue', 'right'],
        ],
        statistics,
      ),
    );
    if (mc.percentiles.p2_5 !== undefined && mc.percentiles.p97_5 !== undefined)
      blocks.push({
        kind: 'paragraph',
        text: t('mcInterval', {
          low: num(mc.percentiles.p2_5),
          high: num(mc.percentiles.p97_5),
          unit: c.unit,
        }),
      });
    if (mc.sampled)
      blocks.push({
        kind: 'paragraph',
        text: t('mcSampled', { parameters: mc.sampled.parameters.length, lines: mc.sampled.lines.length }),
      });
    if (mc.contributions && mc.contributions.inputs.length > 0)
      blocks.push(
        table(
          c,
          'variance-contributions',
          t('mcContributions'),
          [
            ['colInputName', 'left'],
            ['colCorrelation', 'right'],
            ['colVarianceShare', 'right'],
          ],
          mc.contributions.inputs.map((x) => [
            x.name,
            x.correlation === undefined ? '—' : num(x.correlation),
            share(c, x.share),
          ]),
        ),
      );
    if (mc.notes && mc.notes.length > 0) blocks.push({ kind: 'list', items: mc.notes });
  } else if (study.uncertainty) {
    const u = study.uncertainty;
    blocks.push(
      facts([
        [
          t('uncertaintySummary', { method: u.method }),
          u.iterations === undefined ? undefined : String(u.iterations),
        ],
        [t('mcMean'), u.mean === undefined ? undefined : num(u.mean)],
        [t('mcSd'), u.standardDeviation === undefined ? undefined : num(u.standardDeviation)],
        ...Object.entries(u.percentiles ?? {}).map(([k, v]): [string, string] => {
          const known = PERCENTILES.find(([key]) => key === k);
          return [known ? t(known[1]) : k, num(v)];
        }),
      ]),
    );
  } else blocks.push({ kind: 'paragraph', text: t('uncertaintyNone') });
  const statement = study.choices?.uncertaintyStatement;
  if (statement) blocks.push(facts([[t('uncertaintyStatement'), statement]]));
  return section('uncertainty', t('subUncertainty'), blocks);
}

function sensitivity(c: ReportContext): ReportSection {
  const { t, input, study, result } = c;
  const base = result.split.total;
  const blocks: ReportBlock[] = [];
  const s = input.sensitivity;
  if (s?.method) blocks.push(facts([[t('sensitivityMethod'), pick(s.method, c.language)]]));
  if (s?.tornado && s.tornado.length > 0) {
    const entries = [...s.tornado].sort((a, b) => Math.abs(b.high - b.low) - Math.abs(a.high - a.low));
    blocks.push(
      table(
        c,
        'tornado',
        t('tornadoCaption'),
        [
          ['colInputName', 'left'],
          ['colLowSetting', 'left'],
          ['colHighSetting', 'left'],
          ['colLowResult', 'right'],
          ['colHighResult', 'right'],
          ['colSwing', 'right'],
          ['colSwingShare', 'right'],
        ],
        entries.map((e) => [
          e.name,
          e.lowSetting ?? '—',
          e.highSetting ?? '—',
          num(e.low),
          num(e.high),
          num(Math.abs(e.high - e.low)),
          base === 0 ? '—' : share(c, Math.abs(e.high - e.low) / Math.abs(base)),
        ]),
      ),
    );
  }
  if (s?.choices && s.choices.length > 0)
    blocks.push(
      table(
        c,
        'method-choices',
        t('choicesCaption'),
        [
          ['colChoice', 'left'],
          ['colOption', 'left'],
          ['colTotal', 'right'],
          ['colDifference', 'right'],
          ['colShare', 'right'],
        ],
        [
          ['—', t('baseChoice'), num(base), '0', share(c, 0)],
          ...s.choices.map((x) => [
            pick(x.choice, c.language) as string,
            pick(x.option, c.language) as string,
            num(x.total),
            formatDifference(x.total - base),
            base === 0 ? '—' : share(c, (x.total - base) / Math.abs(base)),
          ]),
        ],
      ),
    );
  if (blocks.length === 0 && study.sensitivity && study.sensitivity.entries.length > 0)
    blocks.push(
      facts([[t('sensitivityMethod'), study.sensitivity.method]]),
      table(
        c,
        'sensitivity-entries',
        t('sensitivityEntries'),
        [
          ['colInputName', 'left'],
          ['colEffect', 'right'],
        ],
        study.sensitivity.entries.map((e) => [e.name, num(e.effect)]),
      ),
    );
  if (blocks.length === 0) blocks.push({ kind: 'paragraph', text: t('sensitivityNone') });
  return section('sensitivity', t('subSensitivity'), blocks);
}

export function limitationsSection(c: ReportContext): ReportSection {
  const { t, input, study, result, language } = c;
  const items = [
    ...(input.declaration.limitations ?? []).map((x) => pick(x, language) as string),
    ...(study.report?.limitations ? [study.report.limitations] : []),
  ];
  if (result.notes.some((n) => n.code === 'STARTER_DATA')) items.push(t('limitationStarterData'));
  const diagnostics = result.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning');
  if (diagnostics.length > 0)
    items.push(
      t('limitationDiagnostics', { messages: diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ') }),
    );
  const blocks: ReportBlock[] =
    items.length > 0 ? [{ kind: 'list', items }] : [{ kind: 'paragraph', text: t('limitationsNone') }];
  return section('limitations', t('secLimitations'), blocks);
}

const STATUS: Record<ComplianceStatus, MessageKey> = {
  met: 'statusMet',
  'not-met': 'statusNotMet',
  'not-applicable': 'statusNotApplicable',
  'needs-evidence': 'statusNeedsEvidence',
};

const TOPIC: Record<RequirementTopic, MessageKey> = {
  boundary: 'topicBoundary',
  unit: 'topicUnit',
  gwp: 'topicGwp',
  'separate-reporting': 'topicSeparateReporting',
  stages: 'topicStages',
  'cut-off': 'topicCutOff',
  allocation: 'topicAllocation',
  electricity: 'topicElectricity',
  'data-quality': 'topicDataQuality',
  uncertainty: 'topicUncertainty',
  'end-of-life': 'topicEndOfLife',
  'time-period': 'topicTimePeriod',
  verification: 'topicVerification',
  report: 'topicReport',
};

export function statusName(c: ReportContext, status: ComplianceStatus): string {
  return c.t(STATUS[status]);
}

export function ruleSetSection(c: ReportContext): ReportSection {
  const { t, ruleSet, compliance } = c;
  const clauses = new Map(ruleSet.requirements.map((r) => [r.id, r]));
  const blocks: ReportBlock[] = [
    facts([
      [t('ruleSetName'), `${localText(c, ruleSet.name)} (${ruleSet.id})`],
      [t('ruleSetPublisher'), `${ruleSet.publisher}, ${ruleSet.year}`],
      [t('ruleSetScope'), localText(c, ruleSet.scope)],
    ]),
    {
      kind: 'paragraph',
      text: t('complianceCounts', {
        met: compliance.counts.met,
        notMet: compliance.counts['not-met'],
        needsEvidence: compliance.counts['needs-evidence'],
        notApplicable: compliance.counts['not-applicable'],
      }),
    },
    compliance.blocksPublication
      ? {
          kind: 'notice',
          tone: 'warning',
          text: t('complianceBlocks', { ids: compliance.blocking.join(', ') }),
        }
      : { kind: 'notice', tone: 'info', text: t('complianceClear') },
    table(
      c,
      'compliance',
      t('secRuleSet'),
      [
        ['colClause', 'left'],
        ['colTopic', 'left'],
        ['colLevel', 'left'],
        ['colStatus', 'left'],
        ['colFinding', 'left'],
      ],
      compliance.findings.map((f) => [
        clauses.get(f.requirementId)?.clauseToBeConfirmed
          ? t('clauseToBeConfirmed', { clause: f.clause })
          : f.clause,
        t(TOPIC[f.topic]),
        t(f.level === 'mandatory' ? 'levelMandatory' : 'levelRecommended'),
        statusName(c, f.status),
        localText(c, f.message),
      ]),
      { notes: [t('complianceNote')] },
    ),
  ];
  return section('rule-set', t('secRuleSet'), blocks);
}

export function verificationSection(c: ReportContext): ReportSection {
  const { t, input, study, language } = c;
  const v = input.declaration.verification;
  const blocks: ReportBlock[] = [];
  switch (v.kind) {
    case 'self-declared':
      blocks.push(
        { kind: 'paragraph', text: t('verificationSelf') },
        { kind: 'paragraph', text: pick(v.statement, language) as string },
        facts([
          [t('verificationBy'), v.by],
          [t('verificationDate'), v.date],
        ]),
      );
      break;
    case 'third-party-verified':
    case 'critical-review':
      blocks.push(
        {
          kind: 'paragraph',
          text: t(v.kind === 'critical-review' ? 'verificationCritical' : 'verificationThirdParty', {
            verifier: v.verifier,
            date: v.date,
          }),
        },
        { kind: 'paragraph', text: pick(v.statement, language) as string },
        facts([
          [t('verificationStandard'), v.standard],
          [t('verificationReference'), v.reference],
        ]),
      );
      break;
    case 'not-verified':
      blocks.push({ kind: 'notice', tone: 'warning', text: t('verificationNot') });
      break;
  }
  const attestations = study.attestations ?? [];
  if (attestations.length > 0)
    blocks.push(
      table(
        c,
        'attestations',
        t('attestations'),
        [
          ['colRequirement', 'left'],
          ['colStatement', 'left'],
          ['colBy', 'left'],
        ],
        attestations.map((a) => [a.requirementId, a.statement, a.by ?? '—']),
      ),
    );
  return section('verification', t('secVerification'), blocks);
}
