import type { Schema } from '@opencfp/client';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/api-context';
import { useOrganisation } from '../api/organisation';
import { ErrorMessage, Loading } from '../components/query-state';
import { useFormat } from '../i18n/format';
import { languageOf } from '../i18n/i18n';
import { DashboardStudies } from './dashboard-studies';
import { studyRows } from './study-rows';

type Product = Schema<'Product'>;
type ModelSummary = Schema<'ProductModelSummary'>;
type ResultSummary = Schema<'CalculationResultSummary'>;

/** How many jobs the dashboard lists. */
const RECENT_JOBS = 8;

/**
 * The organisation at a glance: its products, their product models with each one's latest calculated footprint,
 * the latest footprints, its studies and their status, and recent background jobs.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const path = { orgId };

  const products = useQuery({
    queryKey: ['products', orgId],
    queryFn: async () => (await api.GET('/v1/orgs/{orgId}/products', { params: { path } })).data.products,
  });
  const models = useQuery({
    queryKey: ['models', orgId],
    queryFn: async () => (await api.GET('/v1/orgs/{orgId}/models', { params: { path } })).data.models,
  });
  const jobs = useQuery({
    queryKey: ['jobs', orgId, RECENT_JOBS],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/jobs', { params: { path, query: { limit: RECENT_JOBS } } })).data.jobs,
  });
  const studies = useQuery({
    queryKey: ['studies', orgId],
    queryFn: async () => (await api.GET('/v1/orgs/{orgId}/studies', { params: { path } })).data.studies,
  });
  const productName = useProductName();
  // newest first: the first of each model's results is its latest footprint
  const latest = useQueries({
    queries: (models.data ?? []).map((model) => ({
      queryKey: ['calculations', orgId, model.id],
      queryFn: async () =>
        (
          await api.GET('/v1/orgs/{orgId}/models/{id}/calculations', {
            params: { path: { orgId, id: model.id } },
          })
        ).data.results[0] ?? null,
    })),
  });
  const latestByModel = new Map<string, ResultSummary | null | undefined>(
    (models.data ?? []).map((model, i) => [model.id, latest[i]?.data]),
  );

  return (
    <div className="page">
      <h1>{t('dashboard.title', { organisation: organisation.name })}</h1>
      <div className="dashboard-grid">
        <section aria-labelledby="products-heading" className="card">
          <h2 id="products-heading">{t('dashboard.products')}</h2>
          <p className="dashboard-actions">
            <Link to="/products/new">{t('editor.dashboard.newProduct')}</Link>
          </p>
          {products.isPending ? (
            <Loading />
          ) : products.error ? (
            <ErrorMessage error={products.error} />
          ) : products.data.length === 0 ? (
            <p className="muted">{t('dashboard.noProducts')}</p>
          ) : (
            <ProductList products={products.data} models={models.data ?? []} latest={latestByModel} />
          )}
        </section>
        <section aria-labelledby="footprints-heading" className="card">
          <h2 id="footprints-heading">{t('dashboard.latestFootprints')}</h2>
          {models.isPending ? (
            <Loading />
          ) : models.error ? (
            <ErrorMessage error={models.error} />
          ) : (
            <LatestFootprints models={models.data} latest={latestByModel} products={products.data ?? []} />
          )}
        </section>
        <section aria-labelledby="studies-heading" className="card card-wide">
          <h2 id="studies-heading">{t('dashboard.studies.title')}</h2>
          {studies.isPending ? (
            <Loading />
          ) : studies.error ? (
            <ErrorMessage error={studies.error} />
          ) : (
            <DashboardStudies
              rows={studyRows(studies.data, products.data ?? [], models.data ?? [], productName)}
            />
          )}
        </section>
        <section aria-labelledby="jobs-heading" className="card card-wide">
          <h2 id="jobs-heading">{t('dashboard.recentJobs')}</h2>
          {jobs.isPending ? (
            <Loading />
          ) : jobs.error ? (
            <ErrorMessage error={jobs.error} />
          ) : (
            <JobTable jobs={jobs.data} />
          )}
        </section>
      </div>
    </div>
  );
}

/** A product's name in the reader's language (the Chinese name when there is one). */
function useProductName(): (product: Product) => string {
  const { i18n } = useTranslation();
  const zh = languageOf(i18n) === 'zh-CN';
  return (product) => (zh && product.nameZh ? product.nameZh : product.nameEn);
}

function ProductList({
  products,
  models,
  latest,
}: {
  products: Product[];
  models: ModelSummary[];
  latest: Map<string, ResultSummary | null | undefined>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useProductName();
  return (
    <ul className="product-list">
      {products.map((product) => {
        const own = models.filter((m) => m.productId === product.id);
        return (
          <li key={product.id} className="product">
            <h3>
              <Link to={`/products/${encodeURIComponent(product.id)}`}>{name(product)}</Link>
            </h3>
            <p className="muted small">
              {t('dashboard.declaredUnit', {
                unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
              })}
              {product.categoryCode &&
                ` · ${product.categoryScheme ?? ''} ${product.categoryCode}`.replace(/\s+/g, ' ')}
            </p>
            {own.length === 0 ? (
              <p className="muted small">{t('dashboard.noModels')}</p>
            ) : (
              <ul className="model-list">
                {own.map((model) => {
                  const result = latest.get(model.id);
                  return (
                    <li key={model.id}>
                      <span>
                        <Link to={`/models/${encodeURIComponent(model.id)}/results`}>{model.name}</Link>{' '}
                        <Link
                          to={`/models/${encodeURIComponent(model.id)}/edit`}
                          className="small"
                          aria-label={t('editor.dashboard.openModel', { name: model.name })}
                        >
                          {t('editor.dashboard.edit')}
                        </Link>
                      </span>
                      <span className="figure">
                        {result === undefined
                          ? t('common.loading')
                          : result === null
                            ? t('dashboard.notCalculated')
                            : format.co2e(result.total)}
                      </span>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function LatestFootprints({
  models,
  latest,
  products,
}: {
  models: ModelSummary[];
  latest: Map<string, ResultSummary | null | undefined>;
  products: Product[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useProductName();
  const rows = models
    .map((model) => ({ model, result: latest.get(model.id) }))
    .filter((row): row is { model: ModelSummary; result: ResultSummary } => Boolean(row.result))
    .sort((a, b) => b.result.createdAt.localeCompare(a.result.createdAt));
  if (rows.length === 0) return <p className="muted">{t('dashboard.noFootprints')}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t('dashboard.latestFootprints')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.model')}</th>
            <th scope="col" className="numeric">
              {t('dashboard.footprint')}
            </th>
            <th scope="col">{t('dashboard.calculatedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ model, result }) => {
            const product = products.find((p) => p.id === model.productId);
            return (
              <tr key={model.id}>
                <td>
                  <Link to={`/models/${encodeURIComponent(model.id)}/results`}>{model.name}</Link>
                  {product && <div className="muted small">{name(product)}</div>}
                </td>
                <td className="numeric">
                  <Link to={`/calculations/${encodeURIComponent(result.id)}`}>
                    {format.co2e(result.total)}
                  </Link>
                  {product && (
                    <div className="muted small">
                      {t('dashboard.perDeclaredUnit', {
                        unit: format.amount(product.declaredUnitAmount, product.declaredUnit),
                      })}
                    </div>
                  )}
                </td>
                <td>{format.dateTime(result.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function JobTable({ jobs }: { jobs: Schema<'Job'>[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (jobs.length === 0) return <p className="muted">{t('dashboard.noJobs')}</p>;
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">{t('dashboard.recentJobs')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('jobs.kind')}</th>
            <th scope="col">{t('jobs.status')}</th>
            <th scope="col" className="numeric">
              {t('jobs.progress')}
            </th>
            <th scope="col">{t('jobs.createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id}>
              <td>{t(`jobs.kinds.${job.kind}`, { defaultValue: job.kind })}</td>
              <td>
                <span className={`status status-${job.status}`}>{t(`jobs.statuses.${job.status}`)}</span>
              </td>
              <td className="numeric">{format.percent(job.progress)}</td>
              <td>{format.dateTime(job.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
