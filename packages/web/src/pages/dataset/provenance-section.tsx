import type { Schema } from '@opencfp/client';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';

type Provenance = Schema<'DatasetProvenance'>;

/** Source lists longer than this open on demand (a database may tie dozens of sources to one dataset). */
const SOURCES_SHOWN_OPEN = 5;

/**
 * Where a dataset comes from: the database version it was imported with (name, format, file, content hash), the
 * dataset's own version and last change, the sources its description names, its licence and data year. What the
 * database does not give says so; nothing is filled in.
 *
 * @example <ProvenanceSection provenance={detail.provenance} />
 */
export function ProvenanceSection({ provenance }: { provenance: Provenance }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notGiven = <span className="muted">{t('process.notGiven')}</span>;
  const orNotGiven = (value: ReactNode | null) => (value === null || value === '' ? notGiven : value);
  const { database, sources } = provenance;
  // an ISO instant reads as a date in the reader's format; anything else as the database wrote it
  const lastChange =
    provenance.lastChange !== null && !Number.isNaN(Date.parse(provenance.lastChange))
      ? format.dateTime(provenance.lastChange)
      : provenance.lastChange;
  const sourceList = sources && sources.length > 0 && (
    <ul className="plain-list source-list">
      {sources.map((source) => (
        <li key={source.id}>
          {source.year === null
            ? source.name
            : t('process.sourceWithYear', { name: source.name.trim(), year: String(source.year) })}
          {source.citation !== null && source.citation !== source.name && (
            <span className="cell-note">{source.citation}</span>
          )}
          {source.url !== null && (
            <span className="cell-note">
              <a href={source.url} rel="noreferrer noopener" target="_blank">
                {source.url}
              </a>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="card" aria-labelledby="provenance-heading">
      <h2 id="provenance-heading">{t('process.provenance')}</h2>
      <dl className="facts">
        <dt>{t('process.database')}</dt>
        <dd>
          {t('process.databaseValue', { name: database.name, version: format.integer(database.version) })}
        </dd>
        <dt>{t('process.format')}</dt>
        <dd>{database.format}</dd>
        <dt>{t('process.sourceFile')}</dt>
        <dd>{database.sourceName}</dd>
        <dt>{t('process.contentHash')}</dt>
        <dd className="mono">{database.contentHash}</dd>
        <dt>{t('process.processVersion')}</dt>
        <dd>{orNotGiven(provenance.processVersion)}</dd>
        <dt>{t('process.lastChange')}</dt>
        <dd>{orNotGiven(lastChange)}</dd>
        <dt>{t('process.licence')}</dt>
        <dd>{orNotGiven(provenance.licence)}</dd>
        <dt>{t('process.dataYear')}</dt>
        <dd>{provenance.dataYear === null ? notGiven : String(provenance.dataYear)}</dd>
      </dl>
      <h3>{t('process.sources')}</h3>
      {sources === null ? (
        <p className="muted small">{t('process.sourcesNone')}</p>
      ) : sources.length === 0 ? (
        <p className="muted small">{t('process.sourcesNotNamed')}</p>
      ) : sources.length <= SOURCES_SHOWN_OPEN ? (
        sourceList
      ) : (
        <details className="disclosure">
          <summary>{t('process.sourcesCount', { number: format.integer(sources.length) })}</summary>
          {sourceList}
        </details>
      )}
    </section>
  );
}
