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
import { FootprintBasis } from './results/footprint-basis';
import type { ResultUnit } from './results/declared-unit';
import { useResultNames } from './results/result-names';
import { shownResult } from './results/shown-result';
import { studyRows } from './study-rows';

type Product = Schema<'Product'>;
type ModelSummary = Schema<'ProductModelSummary'>;
type ResultSummary = Schema<'CalculationResultSummary'>;

/** A model's footprint as the dashboard shows it: its base case (else its newest scenario) and what it is per. */
interface ShownFootprint {
  result: ResultSummary;
  /** The result's own unit (`footprint.declaredUnit`); undefined while it is read. */
  unit: ResultUnit | undefined;
}

/** How many jobs the dashboard lists. */
const RECENT_JOBS = 8;

/**
 * The organisation at a glance: its products, their product models with each one's footprint (its newest base
 * case, else its newest scenario, named), the latest footprints, its studies and their status, and recent
 * background jobs. A footprint is labelled with what it is per as the result carries it, never with the
 * product's declared unit (a model's reference output may differ from it: then a note says so).
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
  // newest first: each model's footprint is its newest base case (the model as it stands), else its newest scenario
  const latest = useQueries({
    queries: (models.data ?? []).map((model) => ({
      queryKey: ['calculations', orgId, model.id],
      queryFn: async () =>
        shownResult(
          (
            await api.GET('/v1/orgs/{orgId}/models/{id}/calculations', {
              params: { path: { orgId, id: model.id } },
            })
          ).data.results,
        ),
    })),
  });
  // What each footprint is per: the summaries do not carry it, the stored result does (immutable, read once).
  const units = useQueries({
    queries: latest.map((query) => {
      const resultId = query.data?.id ?? null;
      return {
        queryKey: ['dashboard', 'result-unit', orgId, resultId],
        enabled: resultId !== null,
        staleTime: Infinity,
        queryFn: async (): Promise<ResultUnit> => {
          const { data } = await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', {
            params: { path: { orgId, resultId: resultId ?? '' } },
          });
          return { amount: data.footprint.declaredUnit.amount, unit: data.footprint.declaredUnit.unit };
        },
      };
    }),
  });
  const latestByModel = new Map<string, ShownFootprint | null | undefined>(
    (models.data ?? []).map((model, i) => {
      const result = latest[i]?.data;
      return [model.id, result ? { result, unit: units[i]?.data } : result];
    }),
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
  latest: Map<string, ShownFootprint | null | undefined>;
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
                  const shown = latest.get(model.id);
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
                      <div className="model-figure">
                        <span className="figure">
                          {shown === undefined
                            ? t('common.loading')
                            : shown === null
                              ? t('dashboard.notCalculated')
                              : format.co2e(shown.result.total)}
                        </span>
                        {shown && <ShownFacts shown={shown} product={product} />}
                      </div>
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
  latest: Map<string, ShownFootprint | null | undefined>;
  products: Product[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const name = useProductName();
  const rows = models
    .map((model) => ({ model, shown: latest.get(model.id) }))
    .filter((row): row is { model: ModelSummary; shown: ShownFootprint } => Boolean(row.shown))
    .sort((a, b) => b.shown.result.createdAt.localeCompare(a.shown.result.createdAt));
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
          {rows.map(({ model, shown }) => {
            const product = products.find((p) => p.id === model.productId);
            return (
              <tr key={model.id}>
                <td>
                  <Link to={`/models/${encodeURIComponent(model.id)}/results`}>{model.name}</Link>
                  {product && <div className="muted small">{name(product)}</div>}
                </td>
                <td className="numeric">
                  <Link to={`/calculations/${encodeURIComponent(shown.result.id)}`}>
                    {format.co2e(shown.result.total)}
                  </Link>
                  <ShownFacts shown={shown} product={product} />
                </td>
                <td>{format.dateTime(shown.result.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Under a footprint: what it is per (the result's own unit, with a note when the product declares another) and,
 * when the model has no base case calculated, the scenario it is of.
 */
function ShownFacts({ shown, product }: { shown: ShownFootprint; product: Product | undefined }) {
  const { t } = useTranslation();
  const names = useResultNames();
  return (
    <>
      {shown.unit && (
        <FootprintBasis unit={shown.unit} product={product} className="muted small footprint-basis" />
      )}
      {shown.result.scenario !== null && (
        <div className="small footprint-scenario">
          {t('dashboard.scenarioShown', { scenario: names.scenario(shown.result.scenario) })}
        </div>
      )}
    </>
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
