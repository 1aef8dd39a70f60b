import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { DataQualityIndicators } from './data-quality-indicators';
import { readDataQuality } from './read-data-quality';
import type { ResultData, ResultLine } from './read-result';
import { useResultNames } from './result-names';

/** The codes of notes and diagnostics the catalogues name (results.codes.<code>); others show their code. */
const NAMED_CODES = new Set([
  'SUPPLIER_DATA',
  'PREAGGREGATED_CO2E',
  'STARTER_DATA',
  'CARBON_CONTENT_MISSING',
  'CH4_ORIGIN_NOT_DISTINGUISHED',
  'GHG_UNMAPPED',
  'GHG_NOT_IN_SET',
  'GHG_COMPARTMENT_ASSUMED',
  'STAGE_OUTSIDE_SCHEME',
  'ELECTRICITY_OPERATIONAL_CO2',
  'ELECTRICITY_LIFE_CYCLE',
  'ELECTRICITY_MIXED_BASIS',
  'ELECTRICITY_RESIDUAL_MIX',
  'ELECTRICITY_NATIONAL_MIX',
  'ELECTRICITY_INSTRUMENT_REJECTED',
  'ELECTRICITY_INSTRUMENTS_NOT_USED',
  'TRANSPORT_FACTOR',
  'TRANSPORT_AIRCRAFT',
  'CUT_OFF',
  'CUT_OFF_FLOWS',
  'MULTIPLE_PROVIDERS',
  'UNALLOCATED_COPRODUCTS',
  'NEGATIVE_SCALING',
  'RESIDUAL_HIGH',
  'SINGULAR_DATABASE',
]);

/** A background dataset the result uses, with the lines that link it. */
interface UsedDataset {
  processId: string;
  productId: string;
  name: string;
  referenceUnit: string;
  referenceAmount: number;
  co2e: number;
  lines: ResultLine[];
}

function usedDatasets(lines: readonly ResultLine[]): UsedDataset[] {
  const byKey = new Map<string, UsedDataset>();
  for (const line of lines) {
    if (!line.dataset) continue;
    const key = `${line.dataset.processId}|${line.dataset.productId}`;
    const used = byKey.get(key) ?? { ...line.dataset, referenceAmount: 0, co2e: 0, lines: [] };
    used.referenceAmount += line.dataset.referenceAmount;
    used.co2e += line.co2e;
    used.lines.push(line);
    byKey.set(key, used);
  }
  return [...byKey.values()].sort((a, b) => b.co2e - a.co2e);
}

/**
 * What the result says of its data: the engine's notes and the background calculations' warnings (their code named
 * in the reader's language, the engine's own text as it wrote it), the datasets, supplier footprints, grid factors
 * and transport legs every kilogram comes from, and the numerical check of the foreground solve.
 */
export function QualitySection({ data }: { data: ResultData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const codeName = (code: string) => (NAMED_CODES.has(code) ? t(`results.codes.${code}`) : code);
  const datasets = usedDatasets(data.lines);
  const suppliers = data.lines.filter((line) => line.supplier);
  const electricity = data.lines.filter((line) => line.electricity);
  const transport = data.lines.filter((line) => line.transport);
  const quality = readDataQuality(data.stored);
  const sum = data.lines.reduce((s, line) => s + line.co2e, 0);

  return (
    <div className="dashboard-grid results-grid">
      <section className="card" aria-labelledby="notes-heading">
        <h2 id="notes-heading">{t('results.quality.notes')}</h2>
        {data.notes.length === 0 ? (
          <p className="muted">{t('results.quality.noNotes')}</p>
        ) : (
          <ul className="note-list">
            {data.notes.map((note, i) => (
              <li key={`${note.code}-${i}`}>
                <strong>{codeName(note.code)}</strong> <span className="badge mono">{note.code}</span>
                <p className="small" lang="en">
                  {note.message}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="diagnostics-heading">
        <h2 id="diagnostics-heading">{t('results.quality.diagnostics')}</h2>
        {data.diagnostics.length === 0 ? (
          <p className="muted">{t('results.quality.noDiagnostics')}</p>
        ) : (
          <ul className="note-list">
            {data.diagnostics.map((d, i) => (
              <li key={`${d.code}-${i}`}>
                <strong>{codeName(d.code)}</strong> <span className="badge mono">{d.code}</span>{' '}
                <span className={`status status-${d.severity === 'error' ? 'failed' : 'queued'}`}>
                  {t(`results.severities.${d.severity}`, { defaultValue: d.severity })}
                </span>
                <p className="small" lang="en">
                  {d.message}
                </p>
                {d.datasets.length > 0 && (
                  <p className="muted small">
                    {t('results.quality.datasets', { names: d.datasets.join('; ') })}
                  </p>
                )}
                {d.path && <p className="muted small mono">{d.path}</p>}
              </li>
            ))}
          </ul>
        )}
        <h3>{t('results.quality.indicators')}</h3>
        {quality ? (
          <DataQualityIndicators quality={quality} />
        ) : (
          <p className="muted small">{t('results.quality.noIndicators')}</p>
        )}
        <h3>{t('results.quality.check')}</h3>
        <p className="small">
          {t('results.quality.checkText', {
            residual: format.number(data.residual, 3),
            sum: format.co2e(sum),
            total: format.co2e(data.total),
          })}
        </p>
      </section>
      <section className="card card-wide" aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('results.quality.sources')}</h2>
        {datasets.length > 0 && (
          <>
            <h3>{t('results.quality.backgroundDatasets', { count: datasets.length })}</h3>
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">
                  {t('results.quality.backgroundDatasets', { count: datasets.length })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.quality.dataset')}</th>
                    <th scope="col" className="numeric">
                      {t('results.quality.referenceAmount')}
                    </th>
                    <th scope="col" className="hide-narrow">
                      {t('results.quality.usedBy')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('units.kgCo2e')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {datasets.map((d) => (
                    <tr key={`${d.processId}|${d.productId}`}>
                      <th scope="row">
                        {data.backgroundVersionId ? (
                          <Link
                            to={`/databases/${encodeURIComponent(data.backgroundVersionId)}/processes/${encodeURIComponent(d.processId)}?product=${encodeURIComponent(d.productId)}`}
                          >
                            {d.name}
                          </Link>
                        ) : (
                          d.name
                        )}
                      </th>
                      <td className="numeric">{format.amount(d.referenceAmount, d.referenceUnit)}</td>
                      <td className="hide-narrow">{d.lines.map((line) => line.name).join('; ')}</td>
                      <td className="numeric">{format.number(d.co2e)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {suppliers.length > 0 && (
          <>
            <h3>{t('results.quality.suppliers')}</h3>
            <ul className="plain-list small">
              {suppliers.map((line) => (
                <li key={line.path}>
                  <strong>{line.name}</strong>: {line.supplier?.supplier ?? '—'}
                  {line.supplier?.year !== null &&
                    line.supplier?.year !== undefined &&
                    ` (${line.supplier.year})`}
                  {line.supplier?.footprintId && <span className="mono"> {line.supplier.footprintId}</span>} —{' '}
                  {format.co2e(line.co2e)}
                </li>
              ))}
            </ul>
          </>
        )}
        {electricity.map((line) => {
          const e = line.electricity;
          if (!e) return null;
          return (
            <div key={line.path}>
              <h3>
                {t('results.quality.electricity')}: {line.name}
              </h3>
              <p className="small">
                {t('results.lines.electricity', {
                  region: e.region,
                  year: e.year ?? '',
                  accounting: t(`results.accounting.${e.accounting}`, { defaultValue: e.accounting }),
                  factor:
                    e.averageFactor === null
                      ? '—'
                      : `${format.number(e.averageFactor)} ${e.emissionsUnit ?? ''}/kWh`,
                })}
                {e.kWh !== null && ` · ${format.amount(e.kWh, 'kWh')}`}
              </p>
              <div className="table-scroll">
                <table className="compact-table">
                  <caption className="visually-hidden">{line.name}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('results.quality.basis')}</th>
                      <th scope="col" className="numeric">
                        kWh
                      </th>
                      <th scope="col" className="numeric">
                        {t('results.quality.factor')}
                      </th>
                      <th scope="col">{t('results.quality.factorSource')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.lines.map((l) => (
                      <tr key={`${l.basis}|${l.id}`}>
                        <th scope="row">{t(`results.bases.${l.basis}`, { defaultValue: l.basis })}</th>
                        <td className="numeric">{format.number(l.kWh)}</td>
                        <td className="numeric">{`${format.number(l.factor)} ${l.unit}`}</td>
                        <td className="small">{l.factorSource}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
        {transport.length > 0 && (
          <>
            <h3>{t('results.quality.transport')}</h3>
            <ul className="plain-list small">
              {transport.map((line) => (
                <li key={line.path}>
                  <strong>{line.name}</strong>:{' '}
                  {line.transport &&
                    t('results.lines.transport', {
                      mode: t(`results.modes.${line.transport.mode}`, { defaultValue: line.transport.mode }),
                      distance: format.amount(line.transport.distanceKm, 'km'),
                      tkm: format.amount(line.transport.tonneKilometres, 't·km'),
                    })}
                  {line.dataset
                    ? ` · ${line.dataset.name}`
                    : line.transport?.factorSource
                      ? ` · ${line.transport.factorSource}`
                      : ''}{' '}
                  — {format.co2e(line.co2e)}
                </li>
              ))}
            </ul>
          </>
        )}
        {data.lines.some((line) => line.kind === 'emission') && (
          <>
            <h3>{t('results.quality.emissions')}</h3>
            <ul className="plain-list small">
              {data.lines
                .filter((line) => line.kind === 'emission')
                .map((line) => (
                  <li key={line.path}>
                    <strong>{line.name}</strong> ({names.local(line.processName, line.processNameZh)}):{' '}
                    {line.quantity !== null && format.amount(line.quantity, line.unit ?? '')} —{' '}
                    {format.co2e(line.co2e)} <span className="muted">{names.kind(line.kind)}</span>
                  </li>
                ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
