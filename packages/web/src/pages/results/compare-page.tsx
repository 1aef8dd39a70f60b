import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat, type Format } from '../../i18n/format';
import { ChartCard } from './chart-card';
import { compareResults, comparisonOption, type ComparedRow } from './comparison';
import { unitMatch, type ProductUnit } from './declared-unit';
import { fileName } from './download';
import { FootprintBasis } from './footprint-basis';
import type { ResultData } from './read-result';
import { PREAGGREGATED, useResultNames } from './result-names';
import { useModel, useProduct, useResult } from './results-queries';

/**
 * Two results of a model side by side (`/models/:modelId/compare?a=…&b=…`), e.g. grid against green electricity or
 * supplier A against supplier B: their totals, ISO 14067 split, stages, gases and lines with the difference B − A
 * in kg CO2e and in % of A.
 */
export default function ComparePage() {
  const { t } = useTranslation();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { modelId = '' } = useParams();
  const [params] = useSearchParams();
  const model = useModel(orgId, modelId);
  const product = useProduct(orgId, model.data?.productId ?? null);
  const a = useResult(orgId, params.get('a'));
  const b = useResult(orgId, params.get('b'));
  const back = (
    <p className="breadcrumbs">
      <Link to="/">{t('nav.dashboard')}</Link> ›{' '}
      <Link to={`/models/${encodeURIComponent(modelId)}/results`}>
        {model.data?.name ?? t('results.history.title')}
      </Link>
    </p>
  );
  if (!params.get('a') || !params.get('b'))
    return (
      <div className="page results-page">
        {back}
        <p>{t('results.compare.missing')}</p>
      </div>
    );
  if (a.isPending || b.isPending) return <Loading />;
  if (a.error || b.error)
    return (
      <div className="page results-page">
        {back}
        <ErrorMessage error={a.error ?? b.error} />
      </div>
    );
  return (
    <div className="page results-page">
      {back}
      <h1>{t('results.compare.pageTitle', { model: model.data?.name ?? '' })}</h1>
      <ComparisonView
        a={a.data}
        b={b.data}
        title={model.data?.name ?? modelId}
        product={product.data ?? null}
      />
    </div>
  );
}

function ComparisonView({
  a,
  b,
  title,
  product,
}: {
  a: ResultData;
  b: ResultData;
  title: string;
  /** The product's declared unit: each total is per its own result's unit, with a note when they differ. */
  product: ProductUnit | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const comparison = useMemo(() => compareResults(a, b), [a, b]);
  const label = (r: ResultData) => names.scenario(r.scenario);
  const labelA = `A · ${label(a)}`;
  const labelB = `B · ${label(b)}`;
  const option = useMemo(
    () =>
      comparisonOption(
        comparison.stages.map((row) => ({ name: names.stage(row.item), a: row.a, b: row.b })),
        labelA,
        labelB,
        t('units.kgCo2e'),
      ),
    [comparison, names, labelA, labelB, t],
  );
  const differences = (['gwpSet', 'biogenicApproach', 'stageScheme'] as const).filter((key) =>
    key === 'gwpSet' ? a.gwpSet.id !== b.gwpSet.id : a[key] !== b[key],
  );
  const total = comparison.total;
  return (
    <>
      <div className="dashboard-grid compare-heads">
        {[
          ['A', a],
          ['B', b],
        ].map(([letter, r]) => {
          const result = r as ResultData;
          return (
            <section key={letter as string} className="card" aria-labelledby={`compare-${letter as string}`}>
              <h2 id={`compare-${letter as string}`}>
                {letter as string} · {label(result)}
              </h2>
              <p className="big-figure" data-total={result.total}>
                {format.co2e(result.total)}
              </p>
              <FootprintBasis
                unit={result.declaredUnit}
                product={product}
                className="muted small footprint-basis"
              />
              <p className="muted small">
                {result.gwpSet.name} · {format.dateTime(result.createdAt)}
              </p>
              <Link to={`/calculations/${encodeURIComponent(result.id)}`}>
                {t('results.compare.openResult')}
              </Link>
            </section>
          );
        })}
      </div>
      <p className="compare-headline" role="status">
        {t('results.compare.headline', {
          delta: signed(format, total.delta),
          relative: total.relative === null ? '—' : signedPercent(format, total.relative),
        })}
      </p>
      {unitMatch(a.declaredUnit, {
        declaredUnitAmount: b.declaredUnit.amount,
        declaredUnit: b.declaredUnit.unit,
      }) !== 'same' && (
        <p className="message message-error">
          {t('results.compare.differentUnits', {
            a: format.amount(a.declaredUnit.amount, a.declaredUnit.unit),
            b: format.amount(b.declaredUnit.amount, b.declaredUnit.unit),
          })}
        </p>
      )}
      {differences.length > 0 && (
        <p className="message message-error">
          {t('results.compare.differentOptions', {
            options: differences.map((key) => t(`results.compare.option.${key}`)).join(', '),
          })}
        </p>
      )}
      <div className="dashboard-grid results-grid">
        <ChartCard
          title={t('results.compare.stagesChart')}
          option={option}
          file={fileName(title, t('results.compare.stagesChart'))}
          height={Math.max(240, comparison.stages.length * 56 + 80)}
          wide
        />
        <section className="card card-wide" aria-labelledby="compare-table-heading">
          <h2 id="compare-table-heading">{t('results.compare.table')}</h2>
          <div className="table-scroll">
            <table className="compare-table">
              <caption className="visually-hidden">{t('results.compare.table')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('results.compare.item')}</th>
                  <th scope="col" className="numeric">
                    A
                  </th>
                  <th scope="col" className="numeric">
                    B
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.compare.delta')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('results.compare.relative')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <Rows rows={[total]} name={() => t('results.total.title')} format={format} strong />
                <GroupHeading>{t('results.split.title')}</GroupHeading>
                <Rows
                  rows={comparison.split}
                  name={(row) =>
                    row.item.level === 'of-which'
                      ? `${t('results.split.ofWhich')} ${names.split(row.key)}`
                      : names.split(row.key)
                  }
                  rowClass={(row) => `split-${row.item.level}`}
                  format={format}
                />
                <GroupHeading>{t('results.stages.title')}</GroupHeading>
                <Rows rows={comparison.stages} name={(row) => names.stage(row.item)} format={format} />
                <GroupHeading>{t('results.gases.title')}</GroupHeading>
                <Rows rows={comparison.gases} name={(row) => names.gas(row.item)} format={format} />
                <GroupHeading>{t('results.lines.title')}</GroupHeading>
                <Rows
                  rows={comparison.lines}
                  name={(row) =>
                    `${row.item.name} (${names.local(row.item.processName, row.item.processNameZh)})`
                  }
                  format={format}
                />
              </tbody>
            </table>
          </div>
          {comparison.gases.some((row) => row.item.species === PREAGGREGATED) && (
            <p className="muted small">{t('results.gases.preaggregatedNote')}</p>
          )}
        </section>
      </div>
    </>
  );
}

const signed = (format: Format, x: number) => (x > 0 ? `+${format.number(x)}` : format.number(x));
const signedPercent = (format: Format, x: number) => (x > 0 ? `+${format.percent(x)}` : format.percent(x));

function GroupHeading({ children }: { children: ReactNode }) {
  return (
    <tr className="group-heading">
      <th scope="colgroup" colSpan={5}>
        {children}
      </th>
    </tr>
  );
}

function Rows<Item>({
  rows,
  name,
  format,
  strong = false,
  rowClass,
}: {
  rows: readonly ComparedRow<Item>[];
  name(row: ComparedRow<Item>): string;
  format: Format;
  strong?: boolean;
  /** A row's class (the split's rows are indented as in the overview: "of which" under the total). */
  rowClass?(row: ComparedRow<Item>): string;
}) {
  return (
    <>
      {rows.map((row) => (
        <tr key={row.key} className={strong ? 'row-strong' : rowClass?.(row)}>
          <th scope="row">{name(row)}</th>
          <td className="numeric">{row.a === null ? '—' : format.number(row.a)}</td>
          <td className="numeric">{row.b === null ? '—' : format.number(row.b)}</td>
          <td className={`numeric ${row.delta < 0 ? 'delta-down' : row.delta > 0 ? 'delta-up' : ''}`}>
            {signed(format, row.delta)}
          </td>
          <td className="numeric">{row.relative === null ? '—' : signedPercent(format, row.relative)}</td>
        </tr>
      ))}
    </>
  );
}
