import { useDeferredValue, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { groupExchanges, takesProvider, type DatasetExchange } from './exchange-groups';
import { ExchangeTable } from './exchange-table';

/**
 * A dataset's inputs and outputs as two tables, with a filter box that narrows both as one types (in the browser:
 * the dataset's exchanges are all here already) and a count of what is shown, announced politely.
 *
 * @example <ExchangesSection exchanges={detail.exchanges} versionId={versionId} />
 */
export function ExchangesSection({
  exchanges,
  versionId,
}: {
  exchanges: readonly DatasetExchange[];
  versionId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const filterId = useId();
  const [filter, setFilter] = useState('');
  // typing stays responsive on datasets with hundreds of exchanges: the tables follow a step behind
  const deferred = useDeferredValue(filter);
  const grouped = useMemo(() => groupExchanges(exchanges, deferred), [exchanges, deferred]);
  const withDataQuality = exchanges.some((e) => e.dqEntry !== null);
  const withUncertainty = exchanges.some((e) => e.uncertainty !== null);
  const tableProps = { versionId, withDataQuality, withUncertainty };
  // a provider column where some exchange takes a provider, decided on all of them (the filter leaves it in place)
  const withProvider = (isInput: boolean) =>
    exchanges.some((e) => e.isInput === isInput && (e.provider !== null || takesProvider(e)));
  return (
    <section className="card card-wide" aria-labelledby="exchanges-heading">
      <h2 id="exchanges-heading">{t('process.exchanges')}</h2>
      <div className="toolbar">
        <div className="field field-grow" role="search">
          <label htmlFor={filterId}>{t('process.filter')}</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            placeholder={t('process.filterPlaceholder')}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      </div>
      <p className="results-count" role="status" aria-live="polite">
        {grouped.shown === 0 && grouped.total > 0
          ? t('process.noExchangeMatch')
          : t('process.exchangesShown', {
              shown: format.integer(grouped.shown),
              total: format.integer(grouped.total),
            })}
      </p>
      <ExchangeTable
        title={t('process.inputs')}
        groups={grouped.inputs}
        empty={deferred ? t('process.noExchangeMatch') : t('process.noInputs')}
        withProvider={withProvider(true)}
        {...tableProps}
      />
      <ExchangeTable
        title={t('process.outputs')}
        groups={grouped.outputs}
        empty={deferred ? t('process.noExchangeMatch') : t('process.noOutputs')}
        withProvider={withProvider(false)}
        {...tableProps}
      />
    </section>
  );
}
