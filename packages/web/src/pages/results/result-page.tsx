import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { ResultView } from './result-view';
import { languageOf } from '../../i18n/i18n';
import { useResultNames } from './result-names';
import { useModel, useProduct, useResult } from './results-queries';

/**
 * One stored result on a page of its own (`/calculations/:resultId`): a link to its model's results and the result
 * with all its views.
 */
export default function ResultPage() {
  const { t, i18n } = useTranslation();
  const names = useResultNames();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { resultId = '' } = useParams();
  const result = useResult(orgId, resultId);
  const model = useModel(orgId, result.data?.modelId ?? null);
  const product = useProduct(orgId, model.data?.productId ?? null);

  if (result.isPending) return <Loading />;
  if (result.error)
    return (
      <div className="page results-page">
        <ErrorMessage error={result.error} />
      </div>
    );
  const data = result.data;
  const name = model.data?.name ?? '';
  const zh = languageOf(i18n) === 'zh-CN';
  const productName = product.data
    ? zh && product.data.nameZh
      ? product.data.nameZh
      : product.data.nameEn
    : undefined;
  return (
    <div className="page results-page">
      <p className="breadcrumbs">
        <Link to="/">{t('nav.dashboard')}</Link> ›{' '}
        <Link to={`/models/${encodeURIComponent(data.modelId)}/results`}>
          {name || t('results.history.title')}
        </Link>
      </p>
      <h1>{name ? t('results.resultTitle', { model: name }) : t('results.resultHeading')}</h1>
      {data.scenario !== null && (
        <p className="message message-info shown-scenario">
          {t('results.shownScenario', { scenario: names.scenario(data.scenario) })}
        </p>
      )}
      <ResultView
        key={data.id}
        data={data}
        orgId={orgId}
        title={name || data.id}
        productName={productName}
        product={product.data ?? null}
      />
    </div>
  );
}
