import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { DataQualityEntry } from './data-quality-entry';
import { datasetPath } from './dataset-path';
import { takesProvider, type DatasetExchange, type ExchangeGroup } from './exchange-groups';
import { uncertaintyText } from './uncertainty-text';

export interface ExchangeTableProps {
  /** The table's heading: inputs or outputs. */
  title: string;
  /** Its flow groups, as groupExchanges gives them. */
  groups: readonly ExchangeGroup[];
  /** Shown when no group has a row. */
  empty: string;
  versionId: string;
  /** Whether the table has a provider column: some of its exchanges take a provider. */
  withProvider: boolean;
  /** Whether any exchange of the dataset has a data-quality entry, or an uncertainty (else no such column). */
  withDataQuality: boolean;
  withUncertainty: boolean;
}

/**
 * The inputs or the outputs of a dataset: one row per exchange, in groups (products and wastes, elementary flows,
 * flows the database lacks) headed by a row that names them; the amount in its unit in the reader's number format;
 * the flow's category under its name; the provider as a link to its own dataset page; the data-quality entry and
 * the uncertainty where the database gives them.
 *
 * @example <ExchangeTable title={t('process.inputs')} groups={grouped.inputs} empty={t('process.noInputs')} … />
 */
export function ExchangeTable(props: ExchangeTableProps) {
  const { title, groups, empty, versionId, withProvider, withDataQuality, withUncertainty } = props;
  const { t } = useTranslation();
  const format = useFormat();
  const columns = 2 + Number(withProvider) + Number(withDataQuality) + Number(withUncertainty);
  return (
    <>
      <h3>{title}</h3>
      {groups.length === 0 ? (
        <p className="muted small">{empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="exchange-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('process.flow')}</th>
                <th scope="col" className="numeric">
                  {t('process.amount')}
                </th>
                {withProvider && <th scope="col">{t('process.provider')}</th>}
                {withDataQuality && <th scope="col">{t('process.dataQuality')}</th>}
                {withUncertainty && <th scope="col">{t('process.uncertainty')}</th>}
              </tr>
            </thead>
            {groups.map((group) => (
              <tbody key={group.group}>
                <tr className="exchange-group">
                  <th scope="colgroup" colSpan={columns}>
                    {t(`process.groups.${group.group}`)}{' '}
                    <span className="muted">({format.integer(group.exchanges.length)})</span>
                  </th>
                </tr>
                {group.exchanges.map((exchange) => (
                  <tr
                    key={exchange.internalId}
                    className={exchange.isReference ? 'reference-row' : undefined}
                  >
                    <td>
                      <FlowCell exchange={exchange} />
                    </td>
                    <td className="numeric nowrap">{format.amount(exchange.amount, exchange.unit)}</td>
                    {withProvider && (
                      <td>
                        <ProviderCell exchange={exchange} versionId={versionId} />
                      </td>
                    )}
                    {withDataQuality && (
                      <td>{exchange.dqEntry !== null && <DataQualityEntry entry={exchange.dqEntry} />}</td>
                    )}
                    {withUncertainty && (
                      <td className="small">
                        {exchange.uncertainty !== null && uncertaintyText(exchange.uncertainty, t, format)}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            ))}
          </table>
        </div>
      )}
    </>
  );
}

/** The flow's name (its id when the database lacks the flow), marks, category, formula and the exchange's note. */
function FlowCell({ exchange }: { exchange: DatasetExchange }) {
  const { t } = useTranslation();
  return (
    <>
      {exchange.flowName ?? <span className="mono">{exchange.flowId}</span>}
      {exchange.isReference && <span className="badge badge-reference">{t('process.reference')}</span>}
      {exchange.isAvoided && <span className="badge">{t('process.avoided')}</span>}
      {exchange.category !== null && <span className="cell-note">{exchange.category}</span>}
      {exchange.formula !== null && (
        <span className="cell-note mono">{t('process.formula', { formula: exchange.formula })}</span>
      )}
      {exchange.description !== null && (
        <span className="cell-note cell-description">{exchange.description}</span>
      )}
    </>
  );
}

/**
 * The process-product the calculation links an exchange to, as a link to its dataset; for an exchange that takes a
 * provider but has none, that the database has none (the calculation cuts it off); nothing for the others.
 */
function ProviderCell({ exchange, versionId }: { exchange: DatasetExchange; versionId: string }) {
  const { t } = useTranslation();
  const { provider } = exchange;
  if (provider)
    return (
      <>
        <Link to={datasetPath(versionId, provider.processId, provider.productId)}>
          {provider.processName}
        </Link>
        {provider.productName !== provider.processName && (
          <span className="cell-note">{provider.productName}</span>
        )}
      </>
    );
  if (!takesProvider(exchange)) return null;
  return <span className="muted small">{t('process.noProvider')}</span>;
}
