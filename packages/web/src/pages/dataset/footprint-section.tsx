import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { EChart } from '../../components/echart';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { splitRows } from '../results/split-rows';

export interface FootprintSectionProps {
  orgId: string;
  versionId: string;
  processId: string;
  /** The product whose footprint is shown, per one of its reference unit. */
  product: { productId: string; productName: string; unit: string };
}

/**
 * The carbon footprint of one unit of a dataset's product (POST …/footprint, the GWP set's default AR6 GWP100):
 * the total, the ISO 14067 split, a bar chart and a table by gas, the life-cycle stages, and the calculation's
 * notes and diagnostics behind a disclosure (they are the engine's words, in English).
 *
 * @example <FootprintSection orgId={orgId} versionId={versionId} processId={processId} product={chosen} />
 */
export function FootprintSection({ orgId, versionId, processId, product }: FootprintSectionProps) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const footprint = useQuery({
    queryKey: ['footprint', orgId, versionId, processId, product.productId],
    queryFn: async () =>
      (
        await api.POST('/v1/orgs/{orgId}/databases/{versionId}/footprint', {
          params: { path: { orgId, versionId } },
          body: { processId, productId: product.productId },
        })
      ).data,
    // a version never changes once imported: its footprints neither
    staleTime: Infinity,
  });
  const fp = footprint.data;
  const chart = useMemo(
    () =>
      fp && {
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: {
          trigger: 'axis',
          axisPointer: { type: 'shadow' },
          valueFormatter: (value: number) => format.co2e(value),
        },
        xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.number(value, 3) } },
        yAxis: { type: 'category', data: fp.byGas.map((gas) => gasLabel(gas, t)), inverse: true },
        series: [
          {
            type: 'bar',
            name: t('process.co2e'),
            data: fp.byGas.map((gas) => gas.co2e),
            itemStyle: { color: '#1f6f4a' },
          },
        ],
      },
    [fp, format, t],
  );

  let body;
  if (footprint.isPending) body = <Loading />;
  else if (footprint.error) body = <ErrorMessage error={footprint.error} />;
  else {
    const data = footprint.data;
    const zh = languageOf(i18n) === 'zh-CN';
    const errors = data.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = data.diagnostics.filter((d) => d.severity === 'warning').length;
    body = (
      <>
        <p className="big-figure">{format.co2e(data.split.total ?? 0)}</p>
        <p className="muted small">
          {t('process.perUnit', { unit: format.amount(data.declaredUnit.amount, data.declaredUnit.unit) })} ·{' '}
          {t('process.footprintOf', { product: product.productName })} · {data.gwpSet.name}
        </p>
        <h3>{t('results.split.title')}</h3>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.split.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.split.part')}</th>
                <th scope="col" className="numeric">
                  {t('process.co2e')}
                </th>
              </tr>
            </thead>
            <tbody>
              {splitRows(Object.entries(data.split)).map((row) => (
                <tr key={row.key} className={`split-${row.level}`}>
                  <th scope="row">
                    {row.level === 'of-which' && `${t('results.split.ofWhich')} `}
                    {t(`results.split.${row.key}`, { defaultValue: row.key })}
                  </th>
                  <td className="numeric">{format.number(row.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('process.byGas')}</h3>
        {chart && data.byGas.length > 0 && (
          <EChart
            option={chart}
            label={t('process.byGasChart', { unit: data.declaredUnit.unit })}
            height={Math.max(120, data.byGas.length * 36 + 40)}
          />
        )}
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('process.byGas')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('process.gas')}</th>
                <th scope="col" className="numeric">
                  {t('process.co2e')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byGas.map((gas, i) => (
                <tr key={`${gas.species}|${String(gas.kind ?? i)}`}>
                  <th scope="row">{gasLabel(gas, t)}</th>
                  <td className="numeric">{format.number(gas.co2e)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('process.byStage')}</h3>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('process.byStage')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('process.stage')}</th>
                <th scope="col" className="numeric">
                  {t('process.co2e')}
                </th>
                <th scope="col" className="numeric">
                  {t('process.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.byStage.map((stage) => (
                <tr key={stage.id}>
                  <th scope="row">{String((zh ? stage.nameZh : stage.name) ?? stage.id)}</th>
                  <td className="numeric">{format.number(stage.amount)}</td>
                  <td className="numeric">{format.percent(stage.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {(data.notes.length > 0 || data.diagnostics.length > 0) && (
          <details className="disclosure">
            <summary>
              {t('process.diagnostics', {
                number: format.integer(data.notes.length + data.diagnostics.length),
                errors: format.integer(errors),
                warnings: format.integer(warnings),
              })}
            </summary>
            <p className="muted small">{t('process.diagnosticsNote')}</p>
            <ul className="note-list small">
              {data.notes.map((note, i) => (
                <li key={`note-${i}`}>
                  <strong>{t(`results.codes.${note.code}`, { defaultValue: note.code })}</strong>
                  <p lang="en">{note.message}</p>
                </li>
              ))}
              {data.diagnostics.map((d, i) => (
                <li key={`diagnostic-${i}`}>
                  <strong>
                    {t(`results.severities.${d.severity}`, { defaultValue: d.severity })} ·{' '}
                    {t(`results.codes.${d.code}`, { defaultValue: d.code })}
                  </strong>
                  <p lang="en">{d.message}</p>
                </li>
              ))}
            </ul>
          </details>
        )}
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="footprint-heading">
      <h2 id="footprint-heading">{t('process.footprint')}</h2>
      {body}
    </section>
  );
}

/** A gas with its origin in the reader's language, e.g. 'CO2 (fossil)' / 'CO2 (化石源)'. */
function gasLabel(gas: { species: string; kind?: unknown }, t: TFunction): string {
  return typeof gas.kind === 'string'
    ? `${gas.species} (${t(`results.origins.${gas.kind}`, { defaultValue: gas.kind })})`
    : gas.species;
}
