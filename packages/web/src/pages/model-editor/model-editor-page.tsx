import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { ModelEditor } from './model-editor';

/**
 * The page of the model editor (/models/:modelId/edit): loads the model, its product and the database versions
 * the organisation can use, then hands them to <ModelEditor>. The model is read once per visit (the editor then
 * holds the state and saves it); viewers and verifiers see it read-only.
 */
export default function ModelEditorPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { modelId = '' } = useParams();

  const model = useQuery({
    queryKey: ['model-for-editing', orgId, modelId],
    // read afresh on every visit, and never refreshed under the user's hands
    staleTime: Infinity,
    gcTime: 0,
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: modelId } } })).data,
  });
  const productId = model.data?.productId;
  const product = useQuery({
    queryKey: ['product', orgId, productId],
    enabled: productId !== undefined,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/products/{id}', {
          params: { path: { orgId, id: productId as string } },
        })
      ).data,
  });
  const versions = useQuery({
    queryKey: ['databases', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/databases', { params: { path: { orgId } } })).data.versions,
  });

  const failed = model.error ?? product.error ?? versions.error;
  if (failed)
    return (
      <div className="page">
        <p>
          <Link to="/">{t('editor.backToDashboard')}</Link>
        </p>
        <ErrorMessage error={failed} />
      </div>
    );
  if (!model.data || !product.data || !versions.data) return <Loading />;
  return (
    <ModelEditor
      key={`${model.data.id}/${model.dataUpdatedAt}`}
      orgId={orgId}
      model={model.data}
      product={product.data}
      versions={versions.data}
      readOnly={organisation.role !== 'owner' && organisation.role !== 'editor'}
    />
  );
}
