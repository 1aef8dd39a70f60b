import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { DatasetExchange } from './exchange-groups';
import { PEDIGREE_INDICATORS, PEDIGREE_SCORES } from './pedigree';

/**
 * What the data-quality entries of a dataset's inputs and outputs mean: how many carry one (and an uncertainty
 * distribution), how an entry such as (1;2;1;1;3) is read, and the whole pedigree matrix behind a disclosure.
 *
 * @example <DataQualitySection exchanges={detail.exchanges} />
 */
export function DataQualitySection({ exchanges }: { exchanges: readonly DatasetExchange[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const withEntry = exchanges.filter((e) => e.dqEntry !== null).length;
  const withUncertainty = exchanges.filter((e) => e.uncertainty !== null).length;
  return (
    <section className="card" aria-labelledby="data-quality-heading">
      <h2 id="data-quality-heading">{t('process.dq.title')}</h2>
      <p>
        {withEntry === 0
          ? t('process.dq.none')
          : t('process.dq.count', {
              number: format.integer(withEntry),
              total: format.integer(exchanges.length),
            })}{' '}
        {withUncertainty > 0 && t('process.dq.uncertaintyCount', { number: format.integer(withUncertainty) })}
      </p>
      <p className="small">{t('process.dq.intro')}</p>
      <p className="muted small">{t('process.dq.system')}</p>
      <details className="disclosure">
        <summary>{t('process.dq.matrix')}</summary>
        {/* the wide matrix scrolls sideways and holds nothing focusable: the keyboard scrolls it from here */}
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('process.dq.matrixCaption')}>
          <table className="pedigree-matrix">
            <caption className="visually-hidden">{t('process.dq.matrixCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('process.dq.indicator')}</th>
                {PEDIGREE_SCORES.map((score) => (
                  <th scope="col" key={score}>
                    {score}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {PEDIGREE_INDICATORS.map((indicator) => (
                <tr key={indicator}>
                  <th scope="row">{t(`process.pedigree.${indicator}.name`)}</th>
                  {PEDIGREE_SCORES.map((score) => (
                    <td key={score} className="small">
                      {t(`process.pedigree.${indicator}.${score}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
