import type { Schema } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context';
import { useOrganisation } from '../api/organisation';
import { ErrorMessage, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { languageOf } from '../i18n/i18n';

type ProcessProduct = Schema<'ProcessProduct'>;

/**
 * One dataset of a background database: what the listing knows of it (name, products, location, category, tags)
 * and its carbon footprint per reference unit (POST …/footprint: total, gases, stages, top contributors).
 * Exchanges, sources and data quality need the server's dataset route (GET …/processes/{processId}), still to come.
 */
export default function ProcessPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { versionId = '', processId = '' } = useParams();
  const [params] = useSearchParams();

  // the listing searches ids too: the process's own rows are those with its exact id
  const rows = useQuery({
    queryKey: ['process', orgId, versionId, processId],
    queryFn: async () => {
      const { data } = await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
        params: { path: { orgId, versionId }, query: { search: processId, limit: 500 } },
      });
      return data.processes.filter((p) => p.processId === processId);
    },
  });
  const products = rows.data ?? [];
  const chosen: ProcessProduct | undefined =
    products.find((p) => p.productId === params.get('product')) ?? products[0];

  const footprint = useQuery({
    queryKey: ['footprint', orgId, versionId, processId, chosen?.productId],
    enabled: chosen !== undefined,
    queryFn: async () =>
      (
        await api.POST('/v1/orgs/{orgId}/databases/{versionId}/footprint', {
          params: { path: { orgId, versionId } },
          body: { processId, productId: chosen?.productId },
        })
      ).data,
    staleTime: Infinity,
  });

  const back = (
    <p>
      <Link to={`/databases?version=${encodeURIComponent(versionId)}`}>{t('process.back')}</Link>
    </p>
  );
  if (rows.isPending) return <Loading />;
  if (rows.error)
    return (
      <div className="page">
        {back}
        <ErrorMessage error={rows.error} />
      </div>
    );
  if (!chosen)
    return (
      <div className="page">
        {back}
        <h1>{t('process.notFound')}</h1>
      </div>
    );

  const zh = languageOf(i18n) === 'zh-CN';
  const fp = footprint.data;
  return (
    <div className="page">
      {back}
      <h1>{chosen.processName}</h1>
      <div className="dashboard-grid">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">{t('process.facts')}</h2>
          <dl className="facts">
            <dt>{t('process.location')}</dt>
            <dd>{chosen.location ?? '—'}</dd>
            <dt>{t('process.category')}</dt>
            <dd>{chosen.category ?? '—'}</dd>
            <dt>{t('process.id')}</dt>
            <dd className="mono">{chosen.processId}</dd>
            {chosen.tags && chosen.tags.length > 0 && (
              <>
                <dt>{t('process.tags')}</dt>
                <dd>{chosen.tags.join(', ')}</dd>
              </>
            )}
          </dl>
          <h3>{t('process.products')}</h3>
          <ul className="plain-list">
            {products.map((p) => (
              <li key={p.productId}>
                {p.productId === chosen.productId ? (
                  <strong>{p.productName}</strong>
                ) : (
                  <Link
                    to={`/databases/${encodeURIComponent(versionId)}/processes/${encodeURIComponent(processId)}?product=${encodeURIComponent(p.productId)}`}
                  >
                    {p.productName}
                  </Link>
                )}{' '}
                <span className="muted small">
                  ({p.unit}
                  {p.isWaste ? `, ${t('process.waste')}` : ''})
                </span>
              </li>
            ))}
          </ul>
          <p className="muted small">{t('process.detailPending')}</p>
        </section>
        <section className="card" aria-labelledby="footprint-heading">
          <h2 id="footprint-heading">{t('process.footprint')}</h2>
          {footprint.isPending ? (
            <Loading />
          ) : footprint.error ? (
            <ErrorMessage error={footprint.error} />
          ) : fp ? (
            <>
              <p className="big-figure">{format.co2e(fp.split.total ?? 0)}</p>
              <p className="muted small">
                {t('process.perUnit', { unit: format.amount(fp.declaredUnit.amount, fp.declaredUnit.unit) })}{' '}
                · {fp.gwpSet.name}
              </p>
              <h3>{t('process.byGas')}</h3>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('process.gas')}</th>
                      <th scope="col" className="numeric">
                        {t('process.co2e')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {fp.byGas.map((gas, i) => (
                      <tr key={`${gas.species}-${String(gas.kind ?? i)}`}>
                        <td>
                          {gas.species}
                          {typeof gas.kind === 'string' && <span className="muted small"> ({gas.kind})</span>}
                        </td>
                        <td className="numeric">{format.number(gas.co2e)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3>{t('process.byStage')}</h3>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('process.stage')}</th>
                      <th scope="col" className="numeric">
                        {t('process.co2e')}
                      </th>
                      <th scope="col" className="numeric">
                        {t('process.share')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {fp.byStage.map((stage) => (
                      <tr key={stage.id}>
                        <td>{String((zh ? stage.nameZh : stage.name) ?? stage.id)}</td>
                        <td className="numeric">{format.number(stage.amount)}</td>
                        <td className="numeric">{format.percent(stage.share)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
        </section>
      </div>
    </div>
  );
}
