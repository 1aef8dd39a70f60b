import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { ChartCard } from './chart-card';
import { fileName } from './download';
import { useRenderTiming } from './render-timing';
import { useResultNames } from './result-names';
import { sankeyKey, useSankey } from './results-queries';
import { sankeyNodeLabel, sankeyOption } from './sankey-option';

/** The largest threshold the slider offers, in % of the total (the number field takes up to 100). */
const SLIDER_MAX_PERCENT = 20;
/** How long the threshold must rest before the server is asked (a slider sends many values while dragged). */
const SETTLE_MS = 250;
/** Node limits offered (the server allows up to 2000). */
const NODE_LIMITS = [25, 50, 100, 200, 500, 1000] as const;

/** What the Sankey view asks the server for: the threshold in % of the total and the most nodes. */
export interface SankeySettings {
  percent: number;
  maxNodes: number;
}

/** The view's first settings: 1 % of the total, at most 100 nodes. */
export const DEFAULT_SANKEY: SankeySettings = { percent: 1, maxNodes: 100 };

/**
 * The supply chain of a result as a Sankey diagram: processes as nodes, the kg CO2e each delivers with its product
 * as bands, pruned on the server to the nodes whose upstream total reaches the threshold (what a kept node takes in
 * from pruned ones comes from the node 'other'). Moving the threshold asks the server again. The diagram's nodes and
 * links are also listed in tables.
 */
export function SankeySection({
  orgId,
  resultId,
  title,
  settings,
  onSettings,
}: {
  orgId: string;
  resultId: string;
  title: string;
  /** The settings asked for (kept by the caller, so that they survive switching views). */
  settings: SankeySettings;
  onSettings(settings: SankeySettings): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const sliderId = useId();
  const numberId = useId();
  const limitId = useId();
  // the value being chosen; `settings.percent` is the one asked for once it rests
  const [percent, setPercent] = useState(settings.percent);
  // the number field's own text, so that it can be emptied while a new value is typed
  const [percentText, setPercentText] = useState(String(settings.percent));
  const applied = settings.percent;
  const maxNodes = settings.maxNodes;
  const threshold = applied / 100;
  const sankey = useSankey(orgId, resultId, threshold, maxNodes);

  useEffect(() => {
    if (percent === applied) return;
    const timer = setTimeout(() => onSettings({ percent, maxNodes }), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [percent, applied, maxNodes, onSettings]);

  const diagram = sankey.data;
  const labels = useMemo(
    () => ({
      other: t('results.sankey.other'),
      ofTotal: t('results.sankey.ofTotal'),
      direct: t('results.tree.direct'),
      local: names.local,
    }),
    [t, names],
  );
  const drawing = useMemo(
    () => (diagram ? sankeyOption(diagram, labels, format) : null),
    [diagram, labels, format],
  );
  useRenderTiming(
    'sankey',
    diagram && drawing ? sankeyKey(diagram.resultId, diagram.threshold, diagram.maxNodes) : null,
  );

  const onPercent = (value: string, from: 'slider' | 'field') => {
    if (from === 'field') setPercentText(value);
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x)) return;
    const clamped = Math.min(100, Math.max(0, x));
    setPercent(clamped);
    if (from === 'slider') setPercentText(String(clamped));
  };

  const controls = (
    <div className="toolbar sankey-controls">
      <div className="field field-grow">
        <label htmlFor={sliderId}>{t('results.sankey.threshold')}</label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={SLIDER_MAX_PERCENT}
          step={0.1}
          value={Math.min(percent, SLIDER_MAX_PERCENT)}
          aria-valuetext={`${format.number(percent, 3)} %`}
          onChange={(event) => onPercent(event.target.value, 'slider')}
        />
      </div>
      <div className="field">
        <label htmlFor={numberId}>{t('results.sankey.thresholdPercent')}</label>
        <input
          id={numberId}
          type="number"
          min={0}
          max={100}
          step={0.1}
          inputMode="decimal"
          className="input-narrow"
          value={percentText}
          onChange={(event) => onPercent(event.target.value, 'field')}
        />
      </div>
      <div className="field">
        <label htmlFor={limitId}>{t('results.sankey.maxNodes')}</label>
        <select
          id={limitId}
          value={maxNodes}
          onChange={(event) => onSettings({ percent: applied, maxNodes: Number(event.target.value) })}
        >
          {NODE_LIMITS.map((n) => (
            <option key={n} value={n}>
              {format.integer(n)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );

  if (sankey.isPending)
    return (
      <section className="card">
        <h2>{t('results.sankey.title')}</h2>
        {controls}
        <Loading />
      </section>
    );
  if (sankey.error && !diagram)
    return (
      <section className="card">
        <h2>{t('results.sankey.title')}</h2>
        {controls}
        <ErrorMessage error={sankey.error} />
      </section>
    );
  if (!diagram || !drawing) return null;

  const byId = new Map(diagram.nodes.map((node) => [node.id, node]));
  const nodeName = (id: string) => {
    const node = byId.get(id);
    return node ? sankeyNodeLabel(node, labels) : id;
  };
  return (
    <div className="dashboard-grid results-grid" aria-busy={sankey.isFetching}>
      <ChartCard
        title={t('results.sankey.title')}
        option={drawing.option}
        height={drawing.height}
        minWidth={drawing.minWidth}
        file={fileName(title, t('results.sankey.title'), `${format.number(diagram.threshold * 100, 3)}pct`)}
        wide
        intro={
          <>
            <p className="muted small">{t('results.sankey.intro')}</p>
            {controls}
            <p className="results-count" role="status" aria-live="polite">
              {t('results.sankey.shown', {
                nodes: format.integer(diagram.nodes.length),
                candidates: format.integer(diagram.candidates),
                threshold: format.percent(diagram.threshold),
              })}
            </p>
            {(drawing.loops > 0 || drawing.negative > 0) && (
              <p className="muted small">
                {t('results.sankey.notDrawn', { loops: drawing.loops, negative: drawing.negative })}
              </p>
            )}
            {sankey.error && <ErrorMessage error={sankey.error} />}
          </>
        }
      >
        <details className="disclosure">
          <summary>{t('results.sankey.asTable')}</summary>
          <div className="table-scroll">
            <table>
              <caption>{t('results.sankey.nodes')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.tree.node')}</th>
                  <th scope="col">{t('results.sankey.kind')}</th>
                  <th scope="col" className="numeric">
                    {t('results.sankey.requirement')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.tree.direct')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.tree.total')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.sankey.otherUpstream')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.share')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {diagram.nodes.map((node) => (
                  <tr key={node.id}>
                    <th scope="row">{sankeyNodeLabel(node, labels)}</th>
                    <td>{names.kind(node.kind)}</td>
                    <td className="numeric">
                      {node.amount === null ? '—' : format.amount(node.amount, node.unit ?? '')}
                    </td>
                    <td className="numeric">{format.number(node.direct)}</td>
                    <td className="numeric">{format.number(node.total)}</td>
                    <td className="numeric">{format.number(node.otherUpstream)}</td>
                    <td className="numeric">{format.percent(node.share)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="table-scroll">
            <table>
              <caption>{t('results.sankey.links')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.sankey.from')}</th>
                  <th scope="col">{t('results.sankey.to')}</th>
                  <th scope="col" className="numeric">
                    {t('units.kgCo2e')}
                  </th>
                  <th scope="col">{t('results.sankey.loop')}</th>
                </tr>
              </thead>
              <tbody>
                {diagram.links.map((link) => (
                  <tr key={`${link.source}>${link.target}`}>
                    <td>{nodeName(link.source)}</td>
                    <td>{nodeName(link.target)}</td>
                    <td className="numeric">{format.number(link.value)}</td>
                    <td>{link.loop ? t('results.yes') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </ChartCard>
    </div>
  );
}
