import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { CalculatePanel } from './calculate-panel';
import { CompareForm } from './compare-form';
import { ResultView } from './result-view';
import { useResultNames } from './result-names';
import { useModel, useModelResults, useProduct, useResult } from './results-queries';
import { shownResult } from './shown-result';

/**
 * The results of one product model (`/models/:modelId/results`): calculate it (scenario, options) as a background
 * job with progress, pick two scenarios or results to compare, the model's earlier results, and below them the
 * chosen result (`?result=`, else the newest base case, else the newest result, its scenario named) with all its
 * views. Arriving with `?calculate=1` (the editor's Calculate) starts calculating the base case at once.
 */
export default function ModelResultsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const names = useResultNames();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { modelId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const model = useModel(orgId, modelId);
  const product = useProduct(orgId, model.data?.productId ?? null);
  const results = useModelResults(orgId, modelId);
  // by default the base case (the model as it stands), not whichever scenario was calculated last
  const selected = params.get('result') ?? shownResult(results.data ?? [])?.id ?? null;
  const result = useResult(orgId, selected);
  // the editor's Calculate arrives with ?calculate=1: the job starts once, and the parameter goes (a reload must
  // not start another)
  const calculateOnArrival = params.get('calculate') === '1';
  const arrived = () =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('calculate');
        return next;
      },
      { replace: true },
    );

  if (model.isPending) return <Loading />;
  if (model.error)
    return (
      <div className="page results-page">
        <ErrorMessage error={model.error} />
      </div>
    );
  const m = model.data;
  const zh = languageOf(i18n) === 'zh-CN';
  const productName = product.data
    ? zh && product.data.nameZh
      ? product.data.nameZh
      : product.data.nameEn
    : null;
  const open = (id: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('result', id);
        // also here: the parameter's removal on arrival may not have been committed yet (the router navigates in
        // a transition), and this URL must not start a calculation when reloaded
        next.delete('calculate');
        return next;
      },
      { replace: false },
    );

  return (
    <div className="page results-page">
      <p className="breadcrumbs">
        <Link to="/">{t('nav.dashboard')}</Link>
      </p>
      <h1>{t('results.modelTitle', { model: m.name })}</h1>
      <p className="muted">
        {productName && `${productName} · `}
        {t('results.modelFacts', {
          version: format.integer(m.version),
          date: format.dateTime(m.updatedAt),
        })}{' '}
        · <Link to={`/models/${encodeURIComponent(m.id)}/edit`}>{t('results.editModel')}</Link>
      </p>
      <div className="dashboard-grid results-grid">
        <section className="card">
          <CalculatePanel
            orgId={orgId}
            model={m}
            onCalculated={open}
            startOnArrival={calculateOnArrival}
            onStartedOnArrival={arrived}
          />
        </section>
        <section className="card">
          <CompareForm orgId={orgId} model={m} results={results.data ?? []} />
        </section>
        <section className="card card-wide" aria-labelledby="history-heading">
          <h2 id="history-heading">{t('results.history.title')}</h2>
          {results.isPending ? (
            <Loading />
          ) : results.error ? (
            <ErrorMessage error={results.error} />
          ) : results.data.length === 0 ? (
            <p className="muted">{t('results.history.none')}</p>
          ) : (
            <div className="table-scroll">
              <table>
                <caption className="visually-hidden">{t('results.history.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.total.calculatedAt')}</th>
                    <th scope="col">{t('results.total.scenario')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('results.total.gwpSet')}
                    </th>
                    <th scope="col" className="numeric hide-narrow">
                      {t('results.total.modelVersion')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('results.history.total')}
                    </th>
                    <th scope="col">{t('results.history.open')}</th>
                  </tr>
                </thead>
                <tbody>
                  {results.data.map((r) => (
                    <tr key={r.id} aria-current={r.id === selected ? 'true' : undefined}>
                      <td>{format.dateTime(r.createdAt)}</td>
                      <td>{names.scenario(r.scenario)}</td>
                      <td className="hide-narrow">{names.method(r.request.method ?? 'ipcc-ar6-gwp100')}</td>
                      <td className="numeric hide-narrow">{format.integer(r.modelVersion)}</td>
                      <td className="numeric">{format.co2e(r.total)}</td>
                      <td className="actions">
                        {r.id === selected ? (
                          <span className="muted">{t('results.history.shown')}</span>
                        ) : (
                          <Link to={`?result=${encodeURIComponent(r.id)}`}>{t('results.history.show')}</Link>
                        )}{' '}
                        ·{' '}
                        <Link to={`/calculations/${encodeURIComponent(r.id)}`}>
                          {t('results.history.page')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>
      {selected !== null && (
        <section className="section-gap" aria-labelledby="result-heading">
          <h2 id="result-heading" className="result-heading">
            {t('results.resultHeading')}
          </h2>
          {result.isPending ? (
            <Loading />
          ) : result.error ? (
            <ErrorMessage error={result.error} />
          ) : (
            <>
              {result.data.scenario !== null && (
                <p className="message message-info shown-scenario">
                  {t('results.shownScenario', { scenario: names.scenario(result.data.scenario) })}
                </p>
              )}
              <ResultView
                key={result.data.id}
                data={result.data}
                orgId={orgId}
                title={m.name}
                productName={productName ?? undefined}
                product={product.data ?? null}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
