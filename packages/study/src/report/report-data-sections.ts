// Sections 5–8 of the study report: data sources and data quality, electricity, the use and end-of-life
// scenarios, and the characterisation (GWP set).
import type { ModelContribution, ProductModelDataQuality } from '@opencfp/model';
import { gwpSet, type DqrIndicator, type EndOfLifeApproach } from '@opencfp/refdata';
import type { ReportBlock, ReportSection } from './report-document.js';
import {
  accountingName,
  boundaryName,
  originName,
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

/** The data quality a line of the document states, from its JSON pointer. */
function lineDataQuality(c: ReportContext, path: string): { source?: string; primary?: boolean } | undefined {
  const m = /^\/processes\/(\d+)\/(inputs|emissions)\/(\d+)$/.exec(path);
  if (!m) return undefined;
  const p = c.document.processes[Number(m[1])];
  const line = m[2] === 'inputs' ? p?.inputs[Number(m[3])] : p?.emissions[Number(m[3])];
  return line?.dataQuality;
}

function primaryWord(c: ReportContext, primary: boolean | null | undefined): string {
  if (primary === true) return c.t('primaryData');
  if (primary === false) return c.t('secondaryData');
  return c.t('primaryUnknown');
}

const LEVELS: Record<string, MessageKey> = {
  excellent: 'levelExcellent',
  'very good': 'levelVeryGood',
  good: 'levelGood',
  fair: 'levelFair',
  poor: 'levelPoor',
};

const INDICATORS: Record<DqrIndicator, MessageKey> = {
  technological: 'indicatorTechnological',
  geographical: 'indicatorGeographical',
  temporal: 'indicatorTemporal',
  completeness: 'indicatorCompleteness',
  reliability: 'indicatorReliability',
  precision: 'indicatorPrecision',
};

/** Where the data of a line come from: what the line says, else what it links to. */
function sourceOf(c: ReportContext, line: ModelContribution): string {
  const stated = lineDataQuality(c, line.path)?.source;
  if (stated) return stated;
  if (line.electricity) {
    const published = line.electricity.lines.find((l) => l.publishedFactor)?.publishedFactor;
    if (published) return `${published.source.issuer}: ${published.source.document}`;
    return line.electricity.lines.map((l) => l.factorSource).join('; ');
  }
  if (line.transport?.factor) return line.transport.factor.source;
  if (line.dataset)
    return `${line.dataset.name} (${c.input.background?.name ?? c.result.backgroundVersionId ?? '—'})`;
  if (line.supplier?.supplier) return line.supplier.supplier;
  return '—';
}

export function dataSection(c: ReportContext): ReportSection {
  const { t, result } = c;
  const rows = result.contributions.map((x) => [
    x.name,
    contributionProcess(c, x),
    kindName(c, x.kind),
    sourceOf(c, x),
    primaryWord(c, lineDataQuality(c, x.path)?.primary),
  ]);
  const sourceBlocks: ReportBlock[] = [
    { kind: 'paragraph', text: t('dataSourcesIntro') },
    table(
      c,
      'data-sources',
      t('subDataSources'),
      [
        ['colLine', 'left'],
        ['colProcess', 'left'],
        ['colKind', 'left'],
        ['colSource', 'left'],
        ['colPrimary', 'left'],
      ],
      rows,
    ),
  ];
  const suppliers = result.contributions.filter((x) => x.kind === 'supplier');
  if (suppliers.length > 0)
    sourceBlocks.push(
      { kind: 'paragraph', text: t('supplierIntro') },
      table(
        c,
        'supplier-footprints',
        t('kindSupplier'),
        [
          ['colLine', 'left'],
          ['colSupplier', 'left'],
          ['colFootprintId', 'left'],
          ['colYear', 'right'],
          ['colQuantity', 'right'],
          ['colCo2e', 'right'],
        ],
        suppliers.map((x) => [
          x.name,
          x.supplier?.supplier ?? '—',
          x.supplier?.footprintId ?? '—',
          x.supplier?.year === undefined ? '—' : String(x.supplier.year),
          `${num(x.quantity)} ${x.unit}`,
          num(x.co2e),
        ]),
      ),
    );
  return section(
    'data',
    t('secData'),
    [],
    [
      section('data-sources', t('subDataSources'), sourceBlocks),
      section('data-quality', t('subDataQuality'), dataQualityBlocks(c)),
    ],
  );
}

function dataQualityBlocks(c: ReportContext): ReportBlock[] {
  const { t, study } = c;
  const blocks: ReportBlock[] = [];
  const summary = study.dataQuality;
  if (summary)
    blocks.push(
      facts([
        [t('dqMethod'), summary.method],
        [
          t('dqPrimaryShare'),
          summary.primaryDataShare === undefined ? undefined : share(c, summary.primaryDataShare),
        ],
        [t('dqCoverage'), summary.coverage === undefined ? undefined : share(c, summary.coverage)],
        ...Object.entries(summary.ratings ?? {}).map(([indicator, rating]): [string, string] => [
          t('dqRating', { indicator: t(INDICATORS[indicator as DqrIndicator]) }),
          num(rating as number),
        ]),
      ]),
    );
  const model: ProductModelDataQuality | undefined = c.input.dataQuality ?? c.result.dataQuality;
  if (model) blocks.push(...modelDataQuality(c, model));
  if (blocks.length === 0) blocks.push({ kind: 'notice', tone: 'warning', text: t('dataQualityNone') });
  return blocks;
}

function modelDataQuality(c: ReportContext, dq: ProductModelDataQuality): ReportBlock[] {
  const { t } = c;
  const pef = dq.pef;
  const dqi = dq.pact.dqi;
  const pactValues: [string, number | null | undefined][] = [
    [t('indicatorTechnological'), dqi.technologicalDQR],
    [t('indicatorTemporal'), dqi.temporalDQR],
    [t('indicatorGeographical'), dqi.geographicalDQR],
    [t('indicatorCompleteness'), dqi.completenessDQR],
    [t('indicatorReliability'), dqi.reliabilityDQR],
  ];
  const blocks: ReportBlock[] = [
    facts([
      [
        t('dqPef'),
        pef.dqr === null
          ? t('notStated')
          : t('dqPefLevel', {
              dqr: num(pef.dqr),
              level: pef.level ? t(LEVELS[pef.level] ?? 'notStated') : '—',
            }),
      ],
      [
        t('dqPefCriteria'),
        pef.dqr === null
          ? undefined
          : [pef.TeR, pef.GR, pef.TiR, pef.P].map((x) => (x === null ? '—' : num(x))).join(' / '),
      ],
      [t('dqPefRatedShare'), share(c, pef.ratedShare)],
      [
        t('dqPefMissing'),
        pef.missing.length > 0 ? pef.missing.map((p) => lineName(c, p)).join('; ') : undefined,
      ],
      [
        t('dqPact', { version: dq.pact.version }),
        pactValues.some(([, v]) => v !== undefined && v !== null)
          ? pactValues
              .filter(([, v]) => v !== undefined && v !== null)
              .map(([label, v]) => `${label} ${num(v as number)}`)
              .join(t('listSeparator'))
          : undefined,
      ],
      [
        t('dqPactCoverage'),
        dqi.coveragePercent === undefined ? undefined : share(c, dqi.coveragePercent / 100),
      ],
      [
        t('dqPactPrimary'),
        dq.pact.primaryDataShare === null ? undefined : share(c, dq.pact.primaryDataShare / 100),
      ],
    ]),
  ];
  const rated = dq.lines.filter((l) => l.pedigree || l.pef || l.pact || l.primary !== null);
  if (rated.length > 0)
    blocks.push(
      table(
        c,
        'data-quality-lines',
        t('subDataQuality'),
        [
          ['colLine', 'left'],
          ['colCo2e', 'right'],
          ['colPedigree', 'left'],
          ['colGsd', 'right'],
          ['colDqr', 'right'],
          ['colPrimary', 'left'],
        ],
        rated.map((l) => {
          const scores = l.pedigree
            ? l.pedigree.scores.map((s) => (s === null ? 'n.a.' : String(s))).join(';')
            : '—';
          return [
            l.name,
            num(l.co2e),
            l.pedigree?.from === 'dataset' ? t('pedigreeFromDataset', { scores }) : scores,
            l.pedigree?.uncertainty ? num(l.pedigree.uncertainty.geometricSd) : '—',
            l.pef ? num(l.pef.dqr) : '—',
            primaryWord(c, l.primary),
          ];
        }),
        { notes: [pef.source, dq.pact.source, ...dq.notes] },
      ),
    );
  return blocks;
}

/** A line of the model by its JSON pointer, by name. */
function lineName(c: ReportContext, path: string): string {
  return c.result.contributions.find((x) => x.path === path)?.name ?? path;
}

export function electricitySection(c: ReportContext): ReportSection {
  const { t, study, result } = c;
  const blocks: ReportBlock[] = [];
  const declared = study.choices?.electricity;
  if (declared)
    blocks.push(
      facts([
        [t('electricityChoice'), accountingName(c, declared.accounting)],
        [t('electricityStatement'), declared.statement],
      ]),
    );
  const inputs = result.contributions.filter((x) => x.electricity);
  if (inputs.length === 0) {
    blocks.push({ kind: 'paragraph', text: t('electricityNone') });
    return section('electricity', t('secElectricity'), blocks);
  }
  blocks.push({ kind: 'paragraph', text: t('electricityIntro', { unit: c.unit }) });
  const rows: string[][] = [];
  const sources = new Set<string>();
  for (const x of inputs) {
    const e = x.electricity!;
    const region = c.language === 'zh-CN' ? e.region : e.regionEnglish;
    for (const l of e.lines) {
      const basis =
        l.basis === 'grid'
          ? t('basisGrid')
          : l.basis === 'residual-mix'
            ? t('basisResidual')
            : t('basisInstrument', { id: l.id });
      rows.push([
        x.name,
        `${region} ${e.year}`,
        accountingName(c, e.accounting),
        basis,
        num(l.kWh),
        `${num(l.factor)} ${l.unit}`,
        num(l.emissions),
      ]);
      const published = l.publishedFactor;
      sources.add(
        published
          ? `${published.id}: ${c.language === 'zh-CN' ? published.nameChinese : published.name}, ${num(published.value)} ${published.unit} — ${published.source.issuer}, ${published.source.document}, ${published.source.publicationDate}${published.source.url ? `, ${published.source.url}` : ''}`
          : `${l.id}: ${l.factorSource}`,
      );
    }
  }
  blocks.push(
    table(
      c,
      'electricity',
      t('secElectricity'),
      [
        ['colInput', 'left'],
        ['colRegion', 'left'],
        ['colAccounting', 'left'],
        ['colBasis', 'left'],
        ['colKwh', 'right'],
        ['colFactor', 'right'],
        ['colEmissions', 'right'],
      ],
      rows,
      {
        notes: inputs.map(
          (x) =>
            `${x.name}: ${t(x.electricity!.factorBasis === 'life-cycle-co2e' ? 'factorLifeCycle' : 'factorOperational')}`,
        ),
      },
    ),
    { kind: 'paragraph', text: t('electricityFactorSources') },
    { kind: 'list', items: [...sources] },
  );
  for (const x of inputs)
    for (const r of x.electricity!.rejected)
      blocks.push({
        kind: 'notice',
        tone: 'warning',
        text: t('electricityRejected', { id: r.id, reasons: r.reasons.join('; ') }),
      });
  return section('electricity', t('secElectricity'), blocks);
}

const END_OF_LIFE: Record<EndOfLifeApproach, MessageKey> = {
  'cut-off': 'eolCutOff',
  'avoided-burden': 'eolAvoidedBurden',
  'circular-footprint-formula': 'eolCff',
  other: 'eolOther',
};

export function scenariosSection(c: ReportContext): ReportSection {
  const { t, study, input, result, language } = c;
  const d = input.declaration;
  const eol = study.choices?.endOfLife;
  const blocks: ReportBlock[] = [
    facts([
      [t('useScenario'), pick(d.useScenario, language)],
      [t('useProfile'), study.choices?.useProfile],
      [t('endOfLifeScenario'), pick(d.endOfLifeScenario, language)],
      [
        t('endOfLifeApproach'),
        eol ? t(END_OF_LIFE[eol.approach]) + (eol.statement ? ` — ${eol.statement}` : '') : undefined,
      ],
    ]),
  ];
  if (study.boundary !== 'cradle-to-grave')
    blocks.push({ kind: 'paragraph', text: t('scenarioNotInBoundary', { boundary: boundaryName(c) }) });
  else
    for (const stage of result.byStage.filter(
      (s) => s.id === 'use' || s.id === 'end-of-life' || s.id === 'end-of-life-and-recycling',
    ))
      blocks.push({
        kind: 'paragraph',
        text: t('scenarioStageResult', {
          stage: stageName(c, stage.id),
          amount: num(stage.amount),
          unit: c.unit,
          share: share(c, stage.share),
        }),
      });
  const scenarios = c.document.scenarios;
  if (scenarios.length > 0) {
    const kinds: Record<string, MessageKey> = {
      use: 'scenarioKindUse',
      'end-of-life': 'scenarioKindEndOfLife',
    };
    blocks.push(
      table(
        c,
        'model-scenarios',
        t('modelScenarios'),
        [
          ['colScenario', 'left'],
          ['colScenarioKind', 'left'],
          ['colOption', 'left'],
        ],
        scenarios.map((s) => [
          language === 'zh-CN' && s.nameZh ? s.nameZh : s.name,
          t(kinds[s.kind ?? 'other'] ?? 'scenarioKindOther'),
          [
            ...Object.entries(s.parameters).map(([name, value]) => `${name} = ${num(value)}`),
            ...(s.electricity?.accounting ? [accountingName(c, s.electricity.accounting)] : []),
          ].join('; ') || '—',
        ]),
      ),
    );
  }
  return section('scenarios', t('secScenarios'), blocks);
}

export function gwpSection(c: ReportContext): ReportSection {
  const { t, result } = c;
  const set = gwpSet(result.gwpSet.id);
  const rows = result.byGas.map((g) => [
    g.species === 'CO2e'
      ? t('gasPreaggregated')
      : g.kind
        ? `${g.species}${c.language === 'zh-CN' ? `（${originName(c, g.kind)}）` : ` (${originName(c, g.kind)})`}`
        : g.species,
    num(g.mass),
    num(g.factor),
    num(g.co2e),
  ]);
  return section('gwp', t('secGwp'), [
    facts([
      [t('gwpSet'), `${set.name} (${set.id})`],
      [t('gwpSource'), set.source],
      [t('gwpReport'), `${set.version}, ${set.year}`],
      [t('gwpHorizon'), t('gwpHorizonYears', { years: set.horizon })],
      [t('biogenicApproach'), t(result.biogenicApproach === '0/0' ? 'biogenicZero' : 'biogenicMinusPlus')],
    ]),
    table(
      c,
      'gwp-by-gas',
      t('gwpFactors'),
      [
        ['colGas', 'left'],
        ['colGasMass', 'right'],
        ['colGwp', 'right'],
        ['colCo2e', 'right'],
      ],
      rows,
      {
        total: [
          t('total'),
          '',
          '',
          num(result.byGas.filter((g) => g.countedInTotal).reduce((s, g) => s + g.co2e, 0)),
        ],
      },
    ),
  ]);
}
