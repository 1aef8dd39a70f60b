import { ApiError } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApi } from '../api/api-context';
import { useOrganisation } from '../api/organisation';
import { ErrorMessage, Loading } from '../components/query-state';
import { DataQualitySection } from './dataset/data-quality-section';
import { DatasetFacts } from './dataset/dataset-facts';
import { ExchangesSection } from './dataset/exchanges-section';
import { FootprintSection } from './dataset/footprint-section';
import { ProvenanceSection } from './dataset/provenance-section';

/**
 * One dataset of a background database (GET …/databases/{versionId}/processes/{processId}): what it is (location,
 * category, type, reference product, tags, description, its other products), its carbon footprint per unit of the
 * chosen product (`?product=`, default the reference product: POST …/footprint), its inputs and outputs with
 * providers, data-quality entries and uncertainties, what those entries mean, and its provenance.
 */
export default function ProcessPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { versionId = '', processId = '' } = useParams();
  const [params] = useSearchParams();

  const detail = useQuery({
    queryKey: ['dataset', orgId, versionId, processId],
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes/{processId}', {
          params: { path: { orgId, versionId, processId } },
        })
      ).data,
    // a version never changes once imported
    staleTime: Infinity,
  });

  const back = (
    <p className="breadcrumbs">
      <Link to={`/databases?version=${encodeURIComponent(versionId)}`}>{t('process.back')}</Link>
    </p>
  );
  if (detail.isPending) return <Loading />;
  if (detail.error)
    return (
      <div className="page">
        {back}
        {ApiError.is(detail.error) && detail.error.code === 'NOT_FOUND' ? (
          <h1>{t('process.notFound')}</h1>
        ) : (
          <ErrorMessage error={detail.error} />
        )}
      </div>
    );

  const data = detail.data;
  const chosen =
    data.products.find((p) => p.productId === params.get('product')) ??
    data.referenceProduct ??
    data.products[0];
  return (
    <div className="page dataset-page">
      {back}
      <h1>{data.name}</h1>
      <div className="dashboard-grid">
        <DatasetFacts detail={data} chosenProductId={chosen?.productId} />
        {chosen ? (
          <FootprintSection orgId={orgId} versionId={versionId} processId={processId} product={chosen} />
        ) : (
          <section className="card" aria-labelledby="footprint-heading">
            <h2 id="footprint-heading">{t('process.footprint')}</h2>
            <p className="muted">{t('process.noReferenceProduct')}</p>
          </section>
        )}
        <ExchangesSection exchanges={data.exchanges} versionId={versionId} />
        <DataQualitySection exchanges={data.exchanges} />
        <ProvenanceSection provenance={data.provenance} />
      </div>
    </div>
  );
}
