import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import type { ResultData, ResultLine } from './read-result';
import { useResultNames } from './result-names';

/**
 * Every line of the model (inputs and direct emissions) with its quantity per declared unit, what it links to
 * (dataset, supplier, grid factor, transport leg), its stage and kg CO2e — largest first; then the foreground
 * processes with how often each runs and its own lines' kg CO2e. The lines add up to the total.
 */
export function ContributorsSection({ data }: { data: ResultData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const lines = [...data.lines].sort((a, b) => b.co2e - a.co2e);
  const sum = lines.reduce((s, line) => s + line.co2e, 0);
  const stageName = (id: string | null) => {
    if (id === null) return '—';
    const stage = data.stages.find((s) => s.id === id);
    return stage ? names.stage(stage) : id;
  };
  return (
    <div className="dashboard-grid results-grid">
      <section className="card card-wide" aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('results.lines.title')}</h2>
        <p className="muted small">
          {t('results.lines.intro', {
            count: lines.length,
            sum: format.co2e(sum),
            total: format.co2e(data.total),
          })}
        </p>
        <div className="table-scroll">
          <table className="lines-table">
            <caption className="visually-hidden">{t('results.lines.title')}</caption>
            <thead>
              <tr>
                <th scope="col" className="numeric">
                  {t('results.rank')}
                </th>
                <th scope="col">{t('results.lines.line')}</th>
                <th scope="col">{t('results.lines.source')}</th>
                <th scope="col" className="numeric">
                  {t('results.lines.quantity')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('results.stages.stage')}
                </th>
                <th scope="col" className="numeric">
                  {t('units.kgCo2e')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line, i) => (
                <tr key={line.path}>
                  <td className="numeric">{i + 1}</td>
                  <th scope="row">
                    {line.name}
                    <div className="muted small">
                      {names.local(line.processName, line.processNameZh)} ·{' '}
                      <span className="mono">{line.path}</span>
                    </div>
                  </th>
                  <td>
                    <span className="badge badge-first">{names.kind(line.kind)}</span>
                    <LineSource line={line} versionId={data.backgroundVersionId} />
                  </td>
                  <td className="numeric">
                    {line.quantity === null ? '—' : format.amount(line.quantity, line.unit ?? '')}
                  </td>
                  <td className="hide-narrow">{stageName(line.stage)}</td>
                  <td className="numeric">{format.number(line.co2e)}</td>
                  <td className="numeric">{line.share === null ? '—' : format.percent(line.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card card-wide" aria-labelledby="processes-heading">
        <h2 id="processes-heading">{t('results.processes.title')}</h2>
        <p className="muted small">{t('results.processes.intro')}</p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{t('results.processes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('results.processes.process')}</th>
                <th scope="col" className="numeric">
                  {t('results.processes.scaling')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.processes.output')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.processes.direct')}
                </th>
                <th scope="col" className="numeric">
                  {t('results.share')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.processes.map((process) => (
                <tr key={process.processId}>
                  <th scope="row">
                    {names.local(process.name, process.nameZh)}
                    <div className="muted small mono">{process.processId}</div>
                  </th>
                  <td className="numeric">{format.number(process.scaling, 6)}</td>
                  <td className="numeric">
                    {process.output === null ? '—' : format.amount(process.output, process.unit ?? '')}
                  </td>
                  <td className="numeric">{format.number(process.direct)}</td>
                  <td className="numeric">{process.share === null ? '—' : format.percent(process.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** What a line takes its kg CO2e from: a dataset (linked to its page), a supplier, grid factors, a transport leg. */
function LineSource({ line, versionId }: { line: ResultLine; versionId: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  const parts: ReactNode[] = [];
  if (line.dataset)
    parts.push(
      versionId ? (
        <Link
          key="dataset"
          to={`/databases/${encodeURIComponent(versionId)}/processes/${encodeURIComponent(line.dataset.processId)}?product=${encodeURIComponent(line.dataset.productId)}`}
        >
          {line.dataset.name}
        </Link>
      ) : (
        <span key="dataset">{line.dataset.name}</span>
      ),
    );
  if (line.supplier)
    parts.push(
      <span key="supplier">
        {[line.supplier.supplier, line.supplier.year === null ? null : String(line.supplier.year)]
          .filter(Boolean)
          .join(', ')}
      </span>,
    );
  if (line.electricity)
    parts.push(
      <span key="electricity">
        {t('results.lines.electricity', {
          region: line.electricity.region,
          year: line.electricity.year ?? '',
          accounting: t(`results.accounting.${line.electricity.accounting}`, {
            defaultValue: line.electricity.accounting,
          }),
          factor:
            line.electricity.averageFactor === null
              ? '—'
              : `${format.number(line.electricity.averageFactor)} ${line.electricity.emissionsUnit ?? ''}/kWh`,
        })}
      </span>,
    );
  if (line.transport)
    parts.push(
      <span key="transport">
        {t('results.lines.transport', {
          mode: t(`results.modes.${line.transport.mode}`, { defaultValue: line.transport.mode }),
          distance: format.amount(line.transport.distanceKm, 'km'),
          tkm: format.amount(line.transport.tonneKilometres, 't·km'),
        })}
        {line.transport.factorSource && ` · ${line.transport.factorSource}`}
      </span>,
    );
  if (parts.length === 0) return null;
  return <div className="small line-source">{parts}</div>;
}
