import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context';
import { useOrganisation } from '../api/organisation';
import { ErrorMessage, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';

/** Rows per page of the process list. */
export const PAGE_SIZE = 50;
/** How long typing pauses before the search is sent, in ms. */
const SEARCH_DELAY_MS = 250;

/**
 * The database browser: the background database versions the organisation can use and a searchable, paged list of
 * one version's datasets (the server searches and pages; fast on 20,000 processes). The version, the search and the
 * page are in the URL (?version=…&q=…&page=…), so reload, back and a shared link keep them.
 */
export default function DatabasesPage() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const [params, setParams] = useSearchParams();
  const versionSelectId = useId();
  const searchId = useId();

  const versions = useQuery({
    queryKey: ['databases', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/databases', { params: { path: { orgId } } })).data.versions,
  });
  const versionId = params.get('version') ?? versions.data?.[0]?.id;
  const version = versions.data?.find((v) => v.id === versionId);
  const search = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  // the text box follows the URL (back/forward) and sends its text to the URL once typing pauses
  const [text, setText] = useState(search);
  const [followed, setFollowed] = useState(search);
  if (followed !== search) {
    // the URL changed (back/forward, a link): show its search (React's "adjust state on a prop change")
    setFollowed(search);
    setText(search);
  }
  useEffect(() => {
    if (text === search) return;
    const timer = setTimeout(
      () =>
        setParams(
          (previous) => {
            const next = new URLSearchParams(previous);
            if (text) next.set('q', text);
            else next.delete('q');
            next.delete('page');
            return next;
          },
          { replace: true },
        ),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [text, search, setParams]);

  const processes = useQuery({
    queryKey: ['processes', orgId, versionId, search, page],
    enabled: versionId !== undefined,
    placeholderData: keepPreviousData,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
          params: {
            path: { orgId, versionId: versionId as string },
            query: { search: search || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
          },
        })
      ).data,
  });

  const goTo = (next: { version?: string; page?: number }) =>
    setParams((previous) => {
      const url = new URLSearchParams(previous);
      if (next.version !== undefined) {
        url.set('version', next.version);
        url.delete('page');
      }
      if (next.page !== undefined) {
        if (next.page > 1) url.set('page', String(next.page));
        else url.delete('page');
      }
      return url;
    });

  const total = processes.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);

  return (
    <div className="page">
      <h1>{t('databases.title')}</h1>
      {versions.isPending ? (
        <Loading />
      ) : versions.error ? (
        <ErrorMessage error={versions.error} />
      ) : versions.data.length === 0 ? (
        <p className="muted">{t('databases.none')}</p>
      ) : (
        <>
          <div className="toolbar">
            <div className="field">
              <label htmlFor={versionSelectId}>{t('databases.version')}</label>
              <select
                id={versionSelectId}
                value={versionId}
                onChange={(event) => goTo({ version: event.target.value })}
              >
                {versions.data.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('databases.versionOption', { name: v.name, version: v.version })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field-grow" role="search">
              <label htmlFor={searchId}>{t('databases.search')}</label>
              <input
                id={searchId}
                type="search"
                value={text}
                placeholder={t('databases.searchPlaceholder')}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
          </div>
          {version && (
            <p className="muted small">
              {t('databases.versionFacts', {
                format: version.format,
                processes: format.integer(version.stats.processes ?? 0),
                flows: format.integer(version.stats.flows ?? 0),
                date: format.dateTime(version.createdAt),
              })}
            </p>
          )}
          {processes.error ? (
            <ErrorMessage error={processes.error} />
          ) : processes.isPending ? (
            <Loading />
          ) : (
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
              {total > 0 && (
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
                            <Link
                              to={`/databases/${encodeURIComponent(versionId as string)}/processes/${encodeURIComponent(p.processId)}?product=${encodeURIComponent(p.productId)}`}
                            >
                              {p.processName}
                            </Link>
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
              {pages > 1 && (
                <nav className="pager" aria-label={t('databases.pages')}>
                  <button type="button" disabled={page <= 1} onClick={() => goTo({ page: page - 1 })}>
                    {t('databases.previous')}
                  </button>
                  <span>
                    {t('databases.page', { page: format.integer(page), pages: format.integer(pages) })}
                  </span>
                  <button type="button" disabled={page >= pages} onClick={() => goTo({ page: page + 1 })}>
                    {t('databases.next')}
                  </button>
                </nav>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}
