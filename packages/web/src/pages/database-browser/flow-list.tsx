import type { Schema } from '@opencfp/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { Pager } from './pager';
import { PAGE_SIZE, type ListProps } from './process-list';

export type FlowType = Schema<'DatabaseFlow'>['type'];

/** The flow types in the order the type filter offers them. */
export const FLOW_TYPES: readonly FlowType[] = ['elementary', 'product', 'waste'];

/**
 * The flows of a database version matching a search and a type, a page at a time (GET …/flows: the server keeps a
 * flow index per version, so each search is an in-memory scan): name, type, category, reference unit, CAS number,
 * how many processes use it, and for a product or waste a link to the datasets that make or treat it (the process
 * search finds them by the flow's id). Elementary flows get no such link: the process search does not look into
 * a process's inputs and outputs.
 *
 * @example <FlowList orgId={orgId} versionId={versionId} search="carbon dioxide" type="elementary" page={1} />
 */
export function FlowList({
  orgId,
  versionId,
  search,
  page,
  type,
}: ListProps & { type: FlowType | undefined }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const flows = useQuery({
    queryKey: ['flows', orgId, versionId, search, type, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/flows', {
          params: {
            path: { orgId, versionId },
            query: { search: search || undefined, type, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
          },
        })
      ).data,
  });
  if (flows.error) return <ErrorMessage error={flows.error} />;
  if (flows.isPending) return <Loading />;
  const total = flows.data.total;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  const providersLink = (flowId: string) =>
    `/databases?${new URLSearchParams({ version: versionId, q: flowId }).toString()}`;
  return (
    <>
      <p className="results-count" role="status" aria-live="polite">
        {total === 0
          ? t('databases.noFlowMatch')
          : t('databases.showingFlows', {
              first: format.integer(first),
              last: format.integer(last),
              total: format.integer(total),
            })}
      </p>
      {flows.data.flows.length > 0 && (
        <div className="table-scroll" aria-busy={flows.isPlaceholderData}>
          <table>
            <caption className="visually-hidden">{t('databases.flowsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('databases.flow')}</th>
                <th scope="col" className="nowrap">
                  {t('databases.type')}
                </th>
                <th scope="col" className="nowrap">
                  {t('process.unit')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('databases.cas')}
                </th>
                <th scope="col" className="numeric">
                  {t('databases.usedBy')}
                </th>
                <th scope="col" className="nowrap">
                  {t('databases.datasets')}
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.data.flows.map((flow) => (
                <tr key={flow.flowId}>
                  <td>
                    {flow.name}
                    {flow.category !== null && <span className="cell-note">{flow.category}</span>}
                  </td>
                  <td>
                    <span className={`flow-type flow-type-${flow.type}`}>
                      {t(`databases.flowTypes.${flow.type}`)}
                    </span>
                  </td>
                  <td>{flow.unit ?? '—'}</td>
                  <td className="hide-narrow nowrap">{flow.cas ?? '—'}</td>
                  <td className="numeric">{format.integer(flow.usedBy)}</td>
                  <td>
                    {flow.type !== 'elementary' && (
                      <Link
                        to={providersLink(flow.flowId)}
                        aria-label={t(
                          flow.type === 'waste' ? 'databases.treatmentsOf' : 'databases.providersOf',
                          {
                            name: flow.name,
                          },
                        )}
                      >
                        {t(flow.type === 'waste' ? 'databases.treatments' : 'databases.providers')}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} pages={Math.max(1, Math.ceil(total / PAGE_SIZE))} />
    </>
  );
}
