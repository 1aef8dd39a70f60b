import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context';
import { useOrganisation } from '../api/organisation';
import { ErrorMessage, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { FLOW_TYPES, FlowList, type FlowType } from './database-browser/flow-list';
import { ProcessList } from './database-browser/process-list';
import { useSearchText } from './database-browser/use-search-text';

/** What the browser lists: the datasets (process-products) or the flows of a version. */
type View = 'processes' | 'flows';

/**
 * The database browser: the background database versions the organisation can use, and a searchable, paged list of
 * one version's datasets or flows (the server searches and pages; fast on 20,000 processes). Everything is in the
 * URL (?version=…&view=flows&q=…&type=…&page=…), so reload, back and a shared link keep it. Typing waits for a
 * pause before it searches; the previous page stays on screen while the next one loads.
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
  const typeId = useId();
  const [text, setText, search] = useSearchText();

  const versions = useQuery({
    queryKey: ['databases', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/databases', { params: { path: { orgId } } })).data.versions,
  });
  const versionId = params.get('version') ?? versions.data?.[0]?.id;
  const version = versions.data?.find((v) => v.id === versionId);
  const view: View = params.get('view') === 'flows' ? 'flows' : 'processes';
  const type = FLOW_TYPES.find((f) => f === params.get('type'));
  const page = Math.max(1, Math.floor(Number(params.get('page'))) || 1);

  /** Changes some of the URL's state; a new version, view or type starts on the first page. */
  const change = (next: { version?: string; view?: View; type?: FlowType | '' }) =>
    setParams((previous) => {
      const url = new URLSearchParams(previous);
      if (next.version !== undefined) url.set('version', next.version);
      if (next.view !== undefined) {
        if (next.view === 'flows') url.set('view', 'flows');
        else url.delete('view');
        url.delete('type');
      }
      if (next.type !== undefined) {
        if (next.type) url.set('type', next.type);
        else url.delete('type');
      }
      url.delete('page');
      return url;
    });
  /** The link of a view: the same version and search, the first page. */
  const viewLink = (target: View) => {
    const url = new URLSearchParams(params);
    if (target === 'flows') url.set('view', 'flows');
    else url.delete('view');
    url.delete('type');
    url.delete('page');
    const query = url.toString();
    return query ? `/databases?${query}` : '/databases';
  };

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
                onChange={(event) => change({ version: event.target.value })}
              >
                {versions.data.map((v) => (
                  <option key={v.id} value={v.id}>
                    {t('databases.versionOption', { name: v.name, version: v.version })}
                  </option>
                ))}
              </select>
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
          <nav className="view-switch" aria-label={t('databases.views')}>
            {(['processes', 'flows'] as const).map((target) => (
              <Link key={target} to={viewLink(target)} aria-current={view === target ? 'page' : undefined}>
                {target === 'flows' ? t('databases.viewFlows') : t('databases.viewProcesses')}
              </Link>
            ))}
          </nav>
          <div className="toolbar">
            <div className="field field-grow" role="search">
              <label htmlFor={searchId}>
                {view === 'flows' ? t('databases.searchFlows') : t('databases.search')}
              </label>
              <input
                id={searchId}
                type="search"
                value={text}
                placeholder={
                  view === 'flows' ? t('databases.searchFlowsPlaceholder') : t('databases.searchPlaceholder')
                }
                onChange={(event) => setText(event.target.value)}
              />
            </div>
            {view === 'flows' && (
              <div className="field">
                <label htmlFor={typeId}>{t('databases.flowType')}</label>
                <select
                  id={typeId}
                  value={type ?? ''}
                  onChange={(event) => change({ type: event.target.value as FlowType | '' })}
                >
                  <option value="">{t('databases.allTypes')}</option>
                  {FLOW_TYPES.map((f) => (
                    <option key={f} value={f}>
                      {t(`databases.flowTypes.${f}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          {versionId !== undefined &&
            (view === 'flows' ? (
              <>
                <p className="muted small">{t('databases.flowsNote')}</p>
                <FlowList orgId={orgId} versionId={versionId} search={search} type={type} page={page} />
              </>
            ) : (
              <ProcessList orgId={orgId} versionId={versionId} search={search} page={page} />
            ))}
        </>
      )}
    </div>
  );
}
