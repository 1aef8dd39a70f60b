import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { datasetPath } from '../dataset/dataset-path';
import { Pager } from './pager';

/** Rows per page of the lists. */
export const PAGE_SIZE = 50;

export interface ListProps {
  orgId: string;
  versionId: string;
  /** The search words in the URL. */
  search: string;
  /** The page in the URL, from 1. */
  page: number;
}

/**
 * The datasets (process-products) of a database version matching a search, a page at a time (the server searches
 * and pages: fast on 20,000 processes); the previous page stays, dimmed, while the next one loads, and the count is
 * announced politely.
 *
 * @example <ProcessList orgId={orgId} versionId={versionId} search="electricity" page={1} />
 */
export function ProcessList({ orgId, versionId, search, page }: ListProps) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const processes = useQuery({
    queryKey: ['processes', orgId, versionId, search, page],
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
          params: {
            path: { orgId, versionId },
            query: { search: search || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
          },
        })
      ).data,
  });
  if (processes.error) return <ErrorMessage error={processes.error} />;
  if (processes.isPending) return <Loading />;
  const total = processes.data.total;
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <>
      <p className="results-count" role="status" aria-live="polite">
        {total === 0
          ? t('databases.noMatch')
          : t('databases.showing', {
              first: format.integer(first),
              last: format.integer(last),
              total: format.integer(total),
            })}
      </p>
      {processes.data.processes.length > 0 && (
        <div className="table-scroll" aria-busy={processes.isPlaceholderData}>
          <table>
            <caption className="visually-hidden">{t('databases.tableCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('process.name')}</th>
                <th scope="col">{t('process.product')}</th>
                <th scope="col">{t('process.location')}</th>
                <th scope="col">{t('process.unit')}</th>
                <th scope="col" className="hide-narrow">
                  {t('process.category')}
                </th>
              </tr>
            </thead>
            <tbody>
              {processes.data.processes.map((p) => (
                <tr key={`${p.processId}/${p.productId}`}>
                  <td>
                    <Link to={datasetPath(versionId, p.processId, p.productId)}>{p.processName}</Link>
                  </td>
                  <td>
                    {p.productName}
                    {p.isWaste && <span className="badge">{t('process.waste')}</span>}
                  </td>
                  <td>{p.location ?? '—'}</td>
                  <td>{p.unit}</td>
                  <td className="hide-narrow small">{p.category ?? '—'}</td>
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
