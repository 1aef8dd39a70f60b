import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { ResultDataQuality } from './read-data-quality';

/**
 * The data quality the model states, as the engine rated it: the PEF DQR of the most relevant lines with its level,
 * the PACT data quality ratings and primary data share, and every rated line with its scores and share.
 */
export function DataQualityIndicators({ quality }: { quality: ResultDataQuality }) {
  const { t } = useTranslation();
  const format = useFormat();
  const score = (value: number | null) => (value === null ? '—' : format.number(value, 1));
  const share = (value: number | null) => (value === null ? '—' : format.percent(value));
  const names = new Map(quality.lines.map((line) => [line.path, line.name]));
  const named = (paths: string[]) => paths.map((path) => names.get(path) ?? path).join('; ');
  const { pef, pact } = quality;
  return (
    <>
      <dl className="facts small">
        <dt>{t('results.quality.pefDqr')}</dt>
        <dd>
          {pef.dqr === null
            ? t('results.quality.notRated')
            : t('results.quality.dqrWithLevel', {
                dqr: score(pef.dqr),
                level: pef.level ? t(`results.quality.levels.${pef.level}`) : '—',
              })}
        </dd>
        <dt>{t('results.quality.pefCriteria')}</dt>
        <dd>
          {(['TeR', 'GR', 'TiR', 'P'] as const)
            .map((key) => `${key} ${score(pef.criteria[key])}`)
            .join(' · ')}
        </dd>
        <dt>{t('results.quality.ratedShare')}</dt>
        <dd>{share(pef.ratedShare)}</dd>
        {pact.dqrs.map(([key, value]) => (
          <Fragment key={key}>
            <dt>{t(`results.quality.pact.${key}`, { version: pact.version ?? '' })}</dt>
            <dd>{score(value)}</dd>
          </Fragment>
        ))}
        {pact.coverage !== null && (
          <>
            <dt>{t('results.quality.pactCoverage')}</dt>
            <dd>{share(pact.coverage)}</dd>
          </>
        )}
        <dt>{t('results.quality.primaryDataShare')}</dt>
        <dd>{share(pact.primaryDataShare)}</dd>
      </dl>
      {pef.missing.length > 0 && (
        <p className="muted small">{t('results.quality.pefMissing', { names: named(pef.missing) })}</p>
      )}
      {pact.missing.length > 0 && (
        <p className="muted small">{t('results.quality.pactMissing', { names: named(pact.missing) })}</p>
      )}
      {pact.unflagged.length > 0 && (
        <p className="muted small">{t('results.quality.unflagged', { names: named(pact.unflagged) })}</p>
      )}
      <div className="table-scroll">
        <table className="compact-table">
          <caption>{t('results.quality.linesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('results.quality.line')}</th>
              <th scope="col" className="numeric">
                {t('results.quality.share')}
              </th>
              <th scope="col" className="numeric">
                {t('results.quality.lineDqr')}
              </th>
              <th scope="col" className="hide-narrow">
                {t('results.quality.pedigree')}
              </th>
              <th scope="col">{t('results.quality.primary')}</th>
            </tr>
          </thead>
          <tbody>
            {quality.lines.map((line) => (
              <tr key={line.path}>
                <th scope="row">
                  {line.name}
                  {line.source && <div className="muted small">{line.source}</div>}
                </th>
                <td className="numeric">{format.percent(line.share)}</td>
                <td className="numeric">
                  {line.pefDqr === null
                    ? '—'
                    : `${score(line.pefDqr)}${line.pefLevel ? ` (${t(`results.quality.levels.${line.pefLevel}`)})` : ''}`}
                </td>
                <td className="hide-narrow mono">
                  {line.pedigree
                    ? `(${line.pedigree.map((s) => (s === null ? t('results.quality.notApplicable') : String(s))).join(';')})`
                    : '—'}
                  {line.pedigreeFrom === 'dataset' && (
                    <span className="muted small"> {t('results.quality.fromDataset')}</span>
                  )}
                </td>
                <td>
                  {line.primary === null
                    ? t('results.quality.primaryUnknown')
                    : line.primary
                      ? t('results.quality.primaryData')
                      : t('results.quality.secondaryData')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {quality.notes.length > 0 && (
        <ul className="plain-list small">
          {quality.notes.map((note) => (
            <li key={note} lang="en">
              {note}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
