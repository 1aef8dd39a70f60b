import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { languageOf } from '../../i18n/i18n';
import { ContributorsSection } from './contributors-section';
import type { ProductUnit } from './declared-unit';
import { downloadFile, fileName } from './download';
import { OverviewSection } from './overview-section';
import { QualitySection } from './quality-section';
import type { ResultData } from './read-result';
import { useRenderTiming } from './render-timing';
import { useResultNames } from './result-names';
import { contributorsCsv, gasesCsv, stagesCsv, type CsvHeadings } from './result-csv';
import { ResultTabs } from './result-tabs';
import { DEFAULT_SANKEY, SankeySection, type SankeySettings } from './sankey-section';
import { UncertaintySection } from './uncertainty-section';
import { UpstreamTree } from './upstream-tree';

const VIEWS = ['overview', 'contributors', 'tree', 'sankey', 'quality'] as const;
export type ResultViewId = (typeof VIEWS)[number];

const isView = (x: string | null): x is ResultViewId => VIEWS.includes(x as ResultViewId);

/**
 * One stored result: export buttons and five views in tabs (the chosen one is in the URL, `?view=`) — overview
 * (total, ISO 14067 split, stages, gases, Pareto), every line, the upstream tree, the Sankey diagram, and data
 * quality with uncertainty. Measures its first paint after the result arrived (performance mark
 * `opencfp:result-render`, read by the benchmarks).
 *
 * Give it `key={data.id}`: what is expanded in its tree belongs to one result.
 *
 * @example <ResultView key={result.id} data={result} orgId={orgId} title={model.name} />
 */
export function ResultView({
  data,
  orgId,
  title,
  productName,
  product,
}: {
  data: ResultData;
  orgId: string;
  /** Names the exported files (the model's name). */
  title: string;
  /** The product's name in the reader's language. */
  productName?: string;
  /** The product's declared unit, to say when the result's own unit differs from it. */
  product?: ProductUnit | null;
}) {
  const { t, i18n } = useTranslation();
  const names = useResultNames();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(['root']));
  const [sankey, setSankey] = useState<SankeySettings>(DEFAULT_SANKEY);
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: ResultViewId = isView(requested) ? requested : 'overview';
  useRenderTiming('result', data.id);

  const select = (id: ResultViewId) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id === 'overview') next.delete('view');
        else next.set('view', id);
        return next;
      },
      { replace: true },
    );

  const stem = fileName(title, names.scenario(data.scenario), data.createdAt.slice(0, 10));
  const headings: CsvHeadings = {
    contributors: {
      rank: t('results.rank'),
      line: t('results.lines.line'),
      process: t('results.lines.process'),
      kind: t('results.lines.kind'),
      stage: t('results.stages.stage'),
      quantity: t('results.lines.quantity'),
      unit: t('results.lines.unit'),
      dataset: t('results.lines.source'),
      datasetId: t('results.lines.datasetId'),
      co2e: t('units.kgCo2e'),
      share: t('results.share'),
      path: t('results.lines.path'),
    },
    stages: {
      stage: t('results.lines.code'),
      name: t('results.stages.stage'),
      co2e: t('units.kgCo2e'),
      share: t('results.share'),
    },
    gases: {
      gas: t('results.gases.gas'),
      origin: t('results.gases.origin'),
      mass: t('results.gases.mass'),
      factor: t('results.gases.factor'),
      co2e: t('units.kgCo2e'),
      counted: t('results.gases.counted'),
    },
  };
  const csv = (name: string, text: string) =>
    downloadFile(`${fileName(stem, name)}.csv`, new Blob([text], { type: 'text/csv;charset=utf-8' }));

  return (
    <div className="result-view">
      <div className="export-bar" role="group" aria-label={t('results.export.label')}>
        <span className="muted small">{t('results.export.label')}</span>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => csv(t('results.export.contributorsFile'), contributorsCsv(data, headings))}
        >
          {t('results.export.contributors')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => csv(t('results.export.stagesFile'), stagesCsv(data, headings, languageOf(i18n)))}
        >
          {t('results.export.stages')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() => csv(t('results.export.gasesFile'), gasesCsv(data, headings))}
        >
          {t('results.export.gases')}
        </button>
        <button
          type="button"
          className="button-secondary button-small"
          onClick={() =>
            downloadFile(
              `${stem}.json`,
              new Blob([JSON.stringify(data.stored, null, 2)], { type: 'application/json' }),
            )
          }
        >
          {t('results.export.json')}
        </button>
      </div>
      <ResultTabs
        label={t('results.views.label')}
        selected={view}
        onSelect={select}
        tabs={VIEWS.map((id) => ({ id, label: t(`results.views.${id}`) }))}
      >
        {view === 'overview' && (
          <OverviewSection data={data} title={title} productName={productName} product={product} />
        )}
        {view === 'contributors' && <ContributorsSection data={data} />}
        {view === 'tree' && (
          <UpstreamTree orgId={orgId} resultId={data.id} expanded={expanded} onExpandedChange={setExpanded} />
        )}
        {view === 'sankey' && (
          <SankeySection
            orgId={orgId}
            resultId={data.id}
            title={title}
            settings={sankey}
            onSettings={setSankey}
          />
        )}
        {view === 'quality' && (
          <>
            <QualitySection data={data} />
            <div className="dashboard-grid results-grid section-gap">
              <UncertaintySection data={data} orgId={orgId} title={title} />
            </div>
          </>
        )}
      </ResultTabs>
    </div>
  );
}
