import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { breakdownOption } from './breakdown-option';
import { ChartCard } from './chart-card';
import type { ProductUnit } from './declared-unit';
import { fileName } from './download';
import { FootprintBasis } from './footprint-basis';
import { paretoOption, paretoRows } from './pareto';
import type { ResultData } from './read-result';
import { PREAGGREGATED, useResultNames } from './result-names';
import { splitRows } from './split-rows';

/** Lines drawn as bars of the Pareto chart (the rest are summed into one). */
export const PARETO_LINES = 10;

/**
 * The result at a glance: the total per the result's own unit (its reference output) with how it was calculated,
 * the ISO 14067 split and PACT fields as the result carries them, life-cycle stages, gases and the top contributors
 * (Pareto).
 */
export function OverviewSection({
  data,
  title,
  productName,
  product,
}: {
  data: ResultData;
  title: string;
  /** The product's name in the reader's language (else the result's name of the model's output). */
  productName?: string;
  /** The product's declared unit (the total is per the result's own unit; a note says when they differ). */
  product?: ProductUnit | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const unit = t('units.kgCo2e');
  const stem = fileName(title, names.scenario(data.scenario));

  const stageBars = useMemo(
    () => data.stages.map((stage) => ({ name: names.stage(stage), value: stage.amount })),
    [data.stages, names],
  );
  const gasBars = useMemo(
    () => data.gases.filter((gas) => gas.counted).map((gas) => ({ name: names.gas(gas), value: gas.co2e })),
    [data.gases, names],
  );
  const pareto = useMemo(() => paretoRows(data.lines, data.total, PARETO_LINES), [data.lines, data.total]);
  const stageOption = useMemo(() => breakdownOption(stageBars, unit, format), [stageBars, unit, format]);
  const gasOption = useMemo(() => breakdownOption(gasBars, unit, format), [gasBars, unit, format]);
  const paretoChart = useMemo(
    () =>
      paretoOption(
        pareto,
        {
          co2e: unit,
          cumulative: t('results.pareto.cumulative'),
          others: (count) => t('results.pareto.others', { count }),
        },
        format,
      ),
    [pareto, unit, t, format],
  );

  return (
    <div className="dashboard-grid results-grid">
      <TotalCard
        data={data}
        productName={productName ?? data.declaredUnit.productName}
        product={product ?? null}
      />
      <SplitCard data={data} />
      <ChartCard
        title={t('results.stages.title')}
        option={stageOption}
        file={fileName(stem, t('results.stages.title'))}
        height={Math.max(200, stageBars.length * 40 + 60)}
      >
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.stages.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.stages.stage')}</th>
                <th scope="col" className="numeric">
                  {unit}
                </th>
                <th scope="col" className="numeric">
                  {t('results.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.stages.map((stage) => (
                <tr key={stage.id}>
                  <th scope="row">
                    {names.stage(stage)}
                    {stage.outsideScheme && (
                      <span className="badge">{t('results.stages.outsideScheme')}</span>
                    )}
                  </th>
                  <td className="numeric">{format.number(stage.amount)}</td>
                  <td className="numeric">{format.percent(stage.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
      <ChartCard
        title={t('results.gases.title')}
        option={gasOption}
        file={fileName(stem, t('results.gases.title'))}
        height={Math.max(200, gasBars.length * 40 + 60)}
      >
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.gases.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.gases.gas')}</th>
                <th scope="col" className="numeric">
                  {t('results.gases.mass')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.gases.factor')}
                </th>
                <th scope="col" className="numeric">
                  {unit}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.gases.map((gas) => (
                <tr key={`${gas.species}|${gas.kind ?? ''}`}>
                  <th scope="row">
                    {names.gas(gas)}
                    {!gas.counted && <span className="badge">{t('results.gases.notCounted')}</span>}
                  </th>
                  <td className="numeric">{gas.mass === null ? '—' : format.number(gas.mass)}</td>
                  <td className="numeric">{gas.factor === null ? '—' : format.number(gas.factor)}</td>
                  <td className="numeric">{format.number(gas.co2e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {data.gases.some((gas) => gas.species === PREAGGREGATED) && (
          <p className="muted small">{t('results.gases.preaggregatedNote')}</p>
        )}
      </ChartCard>
      <ChartCard
        title={t('results.pareto.title')}
        option={paretoChart}
        file={fileName(stem, t('results.pareto.title'))}
        height={380}
        wide
        intro={<p className="muted small">{t('results.pareto.intro', { count: PARETO_LINES })}</p>}
      >
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.pareto.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('results.rank')}
                </th>
                <th scope="col">{t('results.lines.line')}</th>
                <th scope="col" className="hide-narrow">
                  {t('results.lines.process')}
                </th>
                <th scope="col" className="numeric">
                  {unit}
                </th>
                <th scope="col" className="numeric">
                  {t('results.share')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.pareto.cumulative')}
                </th>
              </tr>
            </thead>
            <tbody>
              {pareto.map((row, i) => (
                <tr key={row.path ?? 'rest'}>
                  <td className="numeric">{row.count === undefined ? i + 1 : ''}</td>
                  <th scope="row">
                    {row.count === undefined ? row.name : t('results.pareto.others', { count: row.count })}
                  </th>
                  <td className="hide-narrow">
                    {row.processName === null ? '' : names.local(row.processName, row.processNameZh)}
                  </td>
                  <td className="numeric">{format.number(row.co2e)}</td>
                  <td className="numeric">{format.percent(row.share)}</td>
                  <td className="numeric">{format.percent(row.cumulative)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ChartCard>
    </div>
  );
}

/**
 * The footprint per the result's own unit (its reference output), big, with everything that defines it; a note when
 * the product declares another unit.
 */
function TotalCard({
  data,
  productName,
  product,
}: {
  data: ResultData;
  productName: string | null;
  product: ProductUnit | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  return (
    <section className="card" aria-labelledby="result-total-heading">
      <h2 id="result-total-heading">{t('results.total.title')}</h2>
      <p className="big-figure result-total" data-total={data.total}>
        {format.co2e(data.total)}
      </p>
      <FootprintBasis
        unit={data.declaredUnit}
        product={product}
        productName={productName}
        className="muted footprint-basis"
      />
      <dl className="facts">
        <dt>{t('results.total.scenario')}</dt>
        <dd>{names.scenario(data.scenario)}</dd>
        <dt>{t('results.total.gwpSet')}</dt>
        <dd>{data.gwpSet.name}</dd>
        <dt>{t('results.total.biogenicApproach')}</dt>
        <dd>{t(`results.approaches.${data.biogenicApproach}`, { defaultValue: data.biogenicApproach })}</dd>
        <dt>{t('results.total.stageScheme')}</dt>
        <dd>{t(`results.schemes.${data.stageScheme}`, { defaultValue: data.stageScheme })}</dd>
        <dt>{t('results.total.calculatedAt')}</dt>
        <dd>{format.dateTime(data.createdAt)}</dd>
        <dt>{t('results.total.modelVersion')}</dt>
        <dd>{format.integer(data.modelVersion)}</dd>
        {data.parameters.length > 0 && (
          <>
            <dt>{t('results.total.parameters')}</dt>
            <dd>
              {data.parameters.map(([name, value]) => (
                <span key={name} className="parameter">
                  <span className="mono">{name}</span> = {format.number(value, 6)}
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>{t('results.total.resultId')}</dt>
        <dd className="mono">{data.id}</dd>
      </dl>
    </section>
  );
}

/** The ISO 14067 split and the PACT fields, every entry the result carries and no other. */
function SplitCard({ data }: { data: ResultData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const rows = splitRows(data.split);
  return (
    <section className="card" aria-labelledby="result-split-heading">
      <h2 id="result-split-heading">{t('results.split.title')}</h2>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t('results.split.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.split.part')}</th>
              <th scope="col" className="numeric">
                {t('units.kgCo2e')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={`split-${row.level}`}>
                <th scope="row">
                  {row.level === 'of-which' && <span className="muted">{t('results.split.ofWhich')} </span>}
                  {names.split(row.key)}
                </th>
                <td className="numeric">{format.number(row.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <details className="disclosure">
        <summary>{t('results.pact.title')}</summary>
        <p className="muted small">{t('results.pact.intro')}</p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.pact.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.pact.field')}</th>
                <th scope="col" className="numeric">
                  {t('results.pact.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.pact.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className="mono">
                    {key}
                  </th>
                  <td className="numeric">
                    {value === null
                      ? t('results.pact.notGiven')
                      : typeof value === 'boolean'
                        ? t(value ? 'results.yes' : 'results.no')
                        : format.number(value)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
