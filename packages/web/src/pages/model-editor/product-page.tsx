import { ApiError, ifMatch, type Schema } from '@opencfp/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { NewModelForm } from './new-model-form';
import { ProductForm } from './product-form';
import { useUnitTable } from './use-unit-table';
import {
  checkProduct,
  productBody,
  productServerIssues,
  productValues,
  type ProductIssue,
  type ProductValues,
} from './product-values';

type Product = Schema<'Product'>;

/**
 * A product (/products/:productId) or a new one (/products/new): its form, and for a saved product its models
 * (open in the editor, see results, delete) and a form to start a new model.
 */
export default function ProductPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const { productId } = useParams();
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
  if (productId === undefined) return <ProductEditor key="new" orgId={orgId} />;
  if (product.error)
    return (
      <div className="page">
        <p>
          <Link to="/">{t('editor.backToDashboard')}</Link>
        </p>
        <ErrorMessage error={product.error} />
      </div>
    );
  if (!product.data) return <Loading />;
  return <ProductEditor key={product.data.id} orgId={orgId} product={product.data} />;
}

function ProductEditor({ orgId, product }: { orgId: string; product?: Product }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { organisation } = useOrganisation();
  const canEdit = organisation.role === 'owner' || organisation.role === 'editor';
  const units = useUnitTable();
  const [values, setValues] = useState<ProductValues>(() => productValues(product));
  const [version, setVersion] = useState(product?.version);
  const [serverIssues, setServerIssues] = useState<ProductIssue[]>([]);
  const [conflict, setConflict] = useState<Product | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const clientIssues = checkProduct(values);
  // required fields say so once the user tried to save; other problems as soon as they are typed
  const shown = [...clientIssues.filter((i) => tried || i.key !== 'required'), ...serverIssues];

  const save = useMutation({
    mutationFn: async (options: { version?: number }) => {
      const body = productBody(values);
      if (!product)
        return (await api.POST('/v1/orgs/{orgId}/products', { params: { path: { orgId } }, body })).data;
      return (
        await api.PATCH('/v1/orgs/{orgId}/products/{id}', {
          params: {
            path: { orgId, id: product.id },
            header: ifMatch(options.version ?? version ?? product.version),
          },
          body,
        })
      ).data;
    },
    onSuccess: (saved) => {
      setServerIssues([]);
      setConflict(null);
      setVersion(saved.version);
      setSavedAt(saved.updatedAt);
      queries.setQueryData(['product', orgId, saved.id], saved);
      void queries.invalidateQueries({ queryKey: ['products', orgId] });
      if (!product) void navigate(`/products/${encodeURIComponent(saved.id)}`, { replace: true });
    },
    onError: async (error) => {
      if (ApiError.is(error, 'VALIDATION_FAILED')) setServerIssues(productServerIssues(error.issues));
      else if (ApiError.is(error, 'VERSION_CONFLICT') && product) {
        const { data } = await api.GET('/v1/orgs/{orgId}/products/{id}', {
          params: { path: { orgId, id: product.id } },
        });
        setConflict(data);
      }
    },
  });
  const submit = () => {
    setTried(true);
    if (clientIssues.some((i) => i.severity === 'error')) return;
    save.mutate({});
  };

  const zh = languageOf(i18n) === 'zh-CN';
  const title = product
    ? zh && product.nameZh
      ? product.nameZh
      : product.nameEn
    : t('editor.product.newTitle');
  return (
    <div className="page">
      <nav aria-label={t('editor.breadcrumb')} className="breadcrumb">
        <Link to="/">{t('nav.dashboard')}</Link>
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{title}</span>
      </nav>
      <h1>{title}</h1>
      <div className="product-layout">
        <section className="card" aria-labelledby="product-form-heading">
          <h2 id="product-form-heading">{t('editor.product.formTitle')}</h2>
          {conflict && (
            <div className="message message-conflict" role="alert">
              <p>{t('editor.product.conflict', { time: format.dateTime(conflict.updatedAt) })}</p>
              <div className="button-row">
                <button
                  type="button"
                  onClick={() => {
                    setValues(productValues(conflict));
                    setVersion(conflict.version);
                    setConflict(null);
                  }}
                >
                  {t('editor.conflict.takeTheirs')}
                </button>
                <button type="button" onClick={() => save.mutate({ version: conflict.version })}>
                  {t('editor.conflict.keepMine')}
                </button>
              </div>
            </div>
          )}
          {save.error && !ApiError.is(save.error, 'VALIDATION_FAILED', 'VERSION_CONFLICT') && (
            <ErrorMessage error={save.error} />
          )}
          <ProductForm
            values={values}
            onChange={(next) => {
              setValues(next);
              setServerIssues([]);
            }}
            issues={shown}
            onSubmit={submit}
            submitting={save.isPending}
            disabled={!canEdit}
            unitSuggestions={units?.dimensions.flatMap((d) => units.choices(d))}
            submitLabel={product ? t('editor.product.save') : t('editor.product.create')}
          />
          <p className="muted small" role="status" aria-live="polite">
            {save.isPending
              ? t('editor.save.saving')
              : savedAt
                ? t('editor.product.savedAt', { time: format.dateTime(savedAt) })
                : ''}
          </p>
        </section>
        {product && <ProductModels orgId={orgId} product={product} canEdit={canEdit} />}
      </div>
    </div>
  );
}

/** The product's models: open in the editor, see their results, delete; and a new one. */
function ProductModels({ orgId, product, canEdit }: { orgId: string; product: Product; canEdit: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const queries = useQueryClient();
  const models = useQuery({
    queryKey: ['models', orgId, product.id],
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/models', {
          params: { path: { orgId }, query: { productId: product.id } },
        })
      ).data.models,
  });
  const remove = useMutation({
    mutationFn: async (id: string) =>
      api.DELETE('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id } } }),
    onSuccess: () => {
      void queries.invalidateQueries({ queryKey: ['models', orgId] });
    },
  });
  return (
    <section className="card" aria-labelledby="product-models-heading">
      <h2 id="product-models-heading">{t('editor.product.models')}</h2>
      {models.isPending ? (
        <Loading />
      ) : models.error ? (
        <ErrorMessage error={models.error} />
      ) : models.data.length === 0 ? (
        <p className="muted">{t('dashboard.noModels')}</p>
      ) : (
        <ul className="plain-list model-rows">
          {models.data.map((model) => (
            <li key={model.id}>
              <Link to={`/models/${encodeURIComponent(model.id)}/edit`} className="model-name">
                {model.name}
              </Link>
              <span className="muted small">
                {t('editor.product.modelFacts', {
                  version: model.version,
                  time: format.dateTime(model.updatedAt),
                })}
              </span>
              <span className="button-row">
                <Link to={`/models/${encodeURIComponent(model.id)}/results`}>
                  {t('editor.product.results')}
                </Link>
                {canEdit && (
                  <button
                    type="button"
                    className="button-small button-danger"
                    aria-label={t('editor.product.deleteModel', { name: model.name })}
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('editor.product.confirmDelete', { name: model.name })))
                        remove.mutate(model.id);
                    }}
                  >
                    {t('editor.product.delete')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {remove.error && <ErrorMessage error={remove.error} />}
      {canEdit && <NewModelForm orgId={orgId} product={product} models={models.data ?? []} />}
    </section>
  );
}
