import { useTranslation } from 'react-i18next';
import { PEDIGREE_INDICATORS, readDataQuality } from './pedigree';

/**
 * One exchange's data-quality entry as the database writes it, e.g. (1;2;1;1;3), which opens (a native disclosure:
 * keyboard and screen readers work) into its scores: per pedigree indicator the score and what it means. An entry
 * that is not five scores is shown as it is, with a word on why it is not explained.
 *
 * @example <DataQualityEntry entry="(1;2;1;1;3)" />
 */
export function DataQualityEntry({ entry }: { entry: string }) {
  const { t } = useTranslation();
  const reading = readDataQuality(entry);
  return (
    <details className="dq-entry">
      <summary className="mono">{entry}</summary>
      {reading === null ? (
        <p className="muted small">{t('process.dq.unreadable')}</p>
      ) : !reading.pedigree ? (
        <p className="muted small">{t('process.dq.otherSystem', { number: reading.scores.length })}</p>
      ) : (
        <table className="dq-table">
          <caption className="visually-hidden">{t('process.dq.scoresOf', { entry })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('process.dq.indicator')}</th>
              <th scope="col" className="numeric">
                {t('process.dq.score')}
              </th>
              <th scope="col">{t('process.dq.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {PEDIGREE_INDICATORS.map((indicator, i) => {
              const score = reading.scores[i];
              return (
                <tr key={indicator}>
                  <th scope="row">{t(`process.pedigree.${indicator}.name`)}</th>
                  <td className="numeric">{score ?? '—'}</td>
                  <td>
                    {score === null ? t('process.dq.notGiven') : t(`process.pedigree.${indicator}.${score}`)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </details>
  );
}
