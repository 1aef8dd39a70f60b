// Sections 1–4 of the study report: goal and scope (with the units and the reference flow), the system boundary
// and the process list (foreground processes, their inputs, the background datasets, transport), the cut-off
// criteria and the allocation.
import type { ModelContribution } from '@opencfp/model';
import type { AllocationMethod } from '@opencfp/refdata';
import { cutOffCoverage } from '../cut-off-coverage.js';
import type { ReportBlock, ReportSection } from './report-document.js';
import {
  boundaryName,
  contributionProcess,
  facts,
  list,
  modeName,
  num,
  orNot,
  originName,
  pick,
  processName,
  section,
  share,
  stageName,
  table,
  type ReportContext,
} from './report-context.js';
import type { MessageKey } from './report-messages.js';

export function goalAndScope(c: ReportContext): ReportSection {
  const { t, study, result, input } = c;
  const d = input.declaration;
  const lang = c.language;
  const period = study.referencePeriod
    ? t('periodValue', { start: study.referencePeriod.start, end: study.referencePeriod.end })
    : undefined;
  const modelScenario = c.document.scenarios.find((s) => s.id === result.scenario?.id);
  const scenarioName =
    lang === 'zh-CN' && modelScenario?.nameZh
      ? modelScenario.nameZh
      : (modelScenario?.name ?? result.scenario?.name);
  const main = facts([
    [t('goal'), pick(d.goal, lang)],
    [t('intendedApplication'), pick(d.intendedApplication, lang)],
    [t('reasons'), pick(d.reasons, lang)],
    [t('audience'), pick(d.audience, lang)],
    [
      t('comparisons'),
      d.comparisonsIntended === undefined ? undefined : t(d.comparisonsIntended ? 'yes' : 'no'),
    ],
    [t('product'), c.product],
    [t('productIdentification'), study.report?.productIdentification],
    [t('manufacturer'), study.report?.manufacturer],
    [t('plantLocation'), study.report?.plantLocation],
    [t('productType'), t(study.productType === 'final' ? 'productTypeFinal' : 'productTypeIntermediate')],
    [t('cfpKind'), t(c.partial ? 'cfpPartial' : 'cfpFull')],
    [t('referencePeriod'), orNot(c, period)],
    [t('reportDate'), orNot(c, study.reportDate)],
    [t('scenario'), scenarioName ?? t('scenarioBase')],
  ]);
  const declared = result.declaredUnit;
  const functionalUnit =
    pick(d.functionalUnit, lang) ??
    study.functionalUnit ??
    pick(c.document.functionalUnit as { en?: string; zh?: string } | undefined, lang);
  const referenceFlow =
    pick(d.referenceFlow, lang) ??
    t('referenceFlowModel', {
      amount: num(declared.amount),
      unit: declared.unit,
      product: declared.productName,
      process: processName(c, declared.processId),
    });
  const mass = study.report?.productMassPerDeclaredUnit;
  const units = facts([
    [t('functionalUnit'), functionalUnit ?? (study.productType === 'final' ? t('notStated') : undefined)],
    [t('declaredUnit'), pick(d.declaredUnit, lang) ?? study.declaredUnit],
    [t('referenceFlow'), referenceFlow],
    [t('modelDeclaredUnit'), `${num(declared.amount)} ${declared.unit}`],
    [t('productMass'), mass === undefined ? undefined : `${num(mass)} kg`],
  ]);
  return section('goal-and-scope', t('secGoalScope'), [main], [section('units', t('subUnits'), [units])]);
}

const KIND: Record<ModelContribution['kind'] | 'foreground', MessageKey> = {
  background: 'kindBackground',
  supplier: 'kindSupplier',
  emission: 'kindEmission',
  electricity: 'kindElectricity',
  transport: 'kindTransport',
  foreground: 'kindForeground',
};

/** What a contribution links to, in words. */
export function linkedTo(c: ReportContext, line: ModelContribution): string {
  const { t } = c;
  if (line.electricity)
    return t('linkElectricity', {
      region: c.language === 'zh-CN' ? line.electricity.region : line.electricity.regionEnglish,
      year: line.electricity.year,
    });
  if (line.dataset) return line.dataset.name;
  if (line.transport?.factor)
    return t('linkTransportFactor', {
      mode: modeName(c, line.transport.mode),
      factor: num(line.transport.factor.kgCo2ePerTkm),
      source: line.transport.factor.source,
    });
  if (line.kind === 'supplier')
    return line.supplier?.supplier
      ? t('linkSupplier', { supplier: line.supplier.supplier })
      : t('linkSupplierUnknown');
  if (line.kind === 'emission') {
    const emission = emissionAt(c, line.path);
    return emission
      ? t('linkEmission', { gas: emission.gas, origin: originName(c, emission.origin) })
      : line.name;
  }
  return line.name;
}

function emissionAt(c: ReportContext, path: string): { gas: string; origin: string } | undefined {
  const m = /^\/processes\/(\d+)\/emissions\/(\d+)$/.exec(path);
  if (!m) return undefined;
  return c.document.processes[Number(m[1])]?.emissions[Number(m[2])];
}

export function kindName(c: ReportContext, kind: ModelContribution['kind'] | 'foreground'): string {
  return c.t(KIND[kind]);
}

export function boundaryAndProcesses(c: ReportContext): ReportSection {
  const { t, result, document } = c;
  const scheme = result.stageScheme === 'eu-battery' ? t('stageSchemeBattery') : t('stageSchemeIso');
  const stages = result.byStage.map((s) => stageName(c, s.id));
  const head = facts([
    [t('boundary'), boundaryName(c)],
    [t('stageScheme'), scheme],
    [t('stagesIncluded'), list(c, stages)],
  ]);

  const processRows = result.byProcess.map((p) => {
    const doc = document.processes.find((x) => x.id === p.processId);
    return [
      processName(c, p.processId),
      p.processId,
      doc?.location ?? '—',
      doc?.stage ? stageName(c, doc.stage) : '—',
      `${num(p.output)} ${p.unit}`,
      num(p.direct),
      share(c, p.share),
    ];
  });
  const foreground = section('foreground-processes', t('subForeground'), [
    { kind: 'paragraph', text: t('foregroundIntro', { count: result.byProcess.length, unit: c.unit }) },
    table(
      c,
      'foreground-processes',
      t('subForeground'),
      [
        ['colProcess', 'left'],
        ['colProcessId', 'left'],
        ['colLocation', 'left'],
        ['colStage', 'left'],
        ['colOutput', 'right'],
        ['colDirect', 'right'],
        ['colShare', 'right'],
      ],
      processRows,
    ),
  ]);

  // Every line of the document, in document order, with its contribution when it has one.
  const byPath = new Map(result.contributions.map((x) => [x.path, x]));
  const scaling = new Map(result.byProcess.map((p) => [p.processId, p.scaling]));
  const lineRows: string[][] = [];
  document.processes.forEach((p, i) => {
    const own = processName(c, p.id);
    p.inputs.forEach((input, k) => {
      const line = byPath.get(`/processes/${i}/inputs/${k}`);
      if (line) {
        lineRows.push([
          own,
          line.name,
          kindName(c, line.kind),
          `${num(line.quantity)} ${line.unit}`,
          linkedTo(c, line),
          stageName(c, line.stage),
          num(line.co2e),
        ]);
        return;
      }
      if (input.source.kind !== 'foreground') return;
      // A link to another foreground process carries no footprint of its own; its quantity per declared unit is
      // the amount times its process's runs, when the amount is a number (a formula is shown as written).
      const runs = scaling.get(p.id);
      const quantity =
        typeof input.amount === 'number' && runs !== undefined
          ? `${num(input.amount * runs)} ${input.unit}`
          : `${String(input.amount)} ${input.unit}`;
      lineRows.push([
        own,
        input.name,
        kindName(c, 'foreground'),
        quantity,
        t('linkForeground', { process: processName(c, input.source.processId) }),
        '—',
        '0',
      ]);
    });
    p.emissions.forEach((_, k) => {
      const line = byPath.get(`/processes/${i}/emissions/${k}`);
      if (line)
        lineRows.push([
          own,
          line.name,
          kindName(c, line.kind),
          `${num(line.quantity)} ${line.unit}`,
          linkedTo(c, line),
          stageName(c, line.stage),
          num(line.co2e),
        ]);
    });
  });
  const inputs = section('inputs', t('subInputs'), [
    { kind: 'paragraph', text: t('inputsIntro', { unit: c.unit }) },
    table(
      c,
      'inputs',
      t('subInputs'),
      [
        ['colProcess', 'left'],
        ['colLine', 'left'],
        ['colKind', 'left'],
        ['colQuantity', 'right'],
        ['colLinkedTo', 'left'],
        ['colStage', 'left'],
        ['colCo2e', 'right'],
      ],
      lineRows,
      { total: [t('total'), '', '', '', '', '', num(result.split.total)] },
    ),
  ]);

  return section(
    'system-boundary',
    t('secBoundary'),
    [head],
    [foreground, inputs, background(c), ...transport(c)],
  );
}

function background(c: ReportContext): ReportSection {
  const { t, result, input } = c;
  const datasets = new Map<
    string,
    { name: string; processId: string; unit: string; amount: number; co2e: number }
  >();
  for (const line of result.contributions) {
    if (!line.dataset) continue;
    const key = `${line.dataset.processId}\0${line.dataset.productId}`;
    const entry = datasets.get(key) ?? {
      name: line.dataset.name,
      processId: line.dataset.processId,
      unit: line.dataset.referenceUnit,
      amount: 0,
      co2e: 0,
    };
    entry.amount += line.dataset.referenceAmount;
    entry.co2e += line.co2e;
    datasets.set(key, entry);
  }
  if (datasets.size === 0)
    return section('background-data', t('subBackground'), [{ kind: 'paragraph', text: t('backgroundNone') }]);
  const described = new Map((input.background?.datasets ?? []).map((d) => [d.processId, d]));
  const database = input.background?.name ?? result.backgroundVersionId ?? t('notStated');
  const version = input.background?.version;
  const rows = [...datasets.values()].map((d) => {
    const about = described.get(d.processId);
    return [
      d.name,
      d.processId,
      about?.location ?? '—',
      d.unit,
      num(d.amount),
      num(d.co2e),
      about?.version ?? '—',
    ];
  });
  const sources = [...datasets.values()].flatMap((d) => {
    const cited = described.get(d.processId)?.sources ?? [];
    return cited.length > 0 ? [`${d.name}: ${cited.join('; ')}`] : [];
  });
  return section('background-data', t('subBackground'), [
    {
      kind: 'paragraph',
      text: t('backgroundIntro', { database, version: version ? t('backgroundVersion', { version }) : '' }),
    },
    table(
      c,
      'background-datasets',
      t('subBackground'),
      [
        ['colDataset', 'left'],
        ['colDatasetId', 'left'],
        ['colLocation', 'left'],
        ['colReferenceUnit', 'left'],
        ['colUsedPerUnit', 'right'],
        ['colCo2e', 'right'],
        ['colDatasetVersion', 'left'],
      ],
      rows,
      sources.length > 0 ? { notes: sources } : {},
    ),
  ]);
}

function transport(c: ReportContext): ReportSection[] {
  const legs = c.result.contributions.filter((x) => x.transport);
  if (legs.length === 0) return [];
  const rows = legs.map((x) => {
    const leg = x.transport!;
    return [
      x.name,
      contributionProcess(c, x),
      modeName(c, leg.mode),
      num(leg.distanceKm),
      num(leg.massKg),
      num(leg.tonneKilometres),
      num(x.co2e),
    ];
  });
  return [
    section('transport', c.t('subTransport'), [
      table(
        c,
        'transport',
        c.t('subTransport'),
        [
          ['colLine', 'left'],
          ['colProcess', 'left'],
          ['colMode', 'left'],
          ['colDistance', 'right'],
          ['colMass', 'right'],
          ['colTkm', 'right'],
          ['colCo2e', 'right'],
        ],
        rows,
      ),
    ]),
  ];
}

export function cutOff(c: ReportContext): ReportSection {
  const { t, study, result } = c;
  const statement = study.choices?.cutOff;
  const blocks: ReportBlock[] = [];
  if (!statement) blocks.push({ kind: 'notice', tone: 'warning', text: t('cutOffNone') });
  else {
    blocks.push(facts([[t('cutOffCriteria'), statement.criteria]]));
    if (statement.exclusions.length === 0) blocks.push({ kind: 'paragraph', text: t('cutOffNoExclusions') });
    else {
      const coverage = cutOffCoverage(result.split.total, statement.exclusions);
      blocks.push(
        table(
          c,
          'cut-off-exclusions',
          t('secCutOff'),
          [
            ['colExcluded', 'left'],
            ['colEstimate', 'right'],
            ['colShareAnticipated', 'right'],
            ['colReason', 'left'],
          ],
          statement.exclusions.map((x, i) => [
            x.name,
            x.co2e === undefined ? '—' : num(x.co2e),
            coverage.shares[i] === undefined ? '—' : share(c, coverage.shares[i] as number),
            x.reason,
          ]),
        ),
      );
      if (coverage.anticipatedTotal !== undefined && coverage.coveredShare !== undefined)
        blocks.push({
          kind: 'paragraph',
          text: t('cutOffCoverage', {
            anticipated: num(coverage.anticipatedTotal),
            covered: share(c, coverage.coveredShare),
          }),
        });
    }
  }
  const cutOffFlows = result.notes.filter((n) => n.code === 'CUT_OFF_FLOWS');
  const flagged = result.diagnostics.filter((d) => d.code === 'CUT_OFF_FLOWS' || d.code === 'CUT_OFF');
  if (cutOffFlows.length > 0 || flagged.length > 0)
    blocks.push({
      kind: 'notice',
      tone: 'info',
      text: t('cutOffBackgroundFlows', {
        datasets: [...cutOffFlows.map((n) => n.message), ...flagged.flatMap((d) => d.datasets)].join('; '),
      }),
    });
  return section('cut-off', t('secCutOff'), blocks);
}

const ALLOCATION: Record<AllocationMethod, MessageKey> = {
  subdivision: 'allocSubdivision',
  'system-expansion': 'allocSystemExpansion',
  physical: 'allocPhysical',
  economic: 'allocEconomic',
  other: 'allocOther',
};

export function allocation(c: ReportContext): ReportSection {
  const { t } = c;
  const declared = c.study.choices?.allocation;
  if (!declared || declared.method === 'none')
    return section('allocation', t('secAllocation'), [{ kind: 'paragraph', text: t('allocationNone') }]);
  return section('allocation', t('secAllocation'), [
    facts([
      [t('allocationMethod'), t(ALLOCATION[declared.method])],
      [t('allocationJustification'), declared.justification],
    ]),
  ]);
}
