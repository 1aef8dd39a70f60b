import type { Schema } from '@opencfp/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { languageOf } from '../../i18n/i18n';
import { ResultPicker } from './result-picker';
import { StudyError } from './study-error';
import { StudyForm } from './study-form';
import {
  emptyStudyValues,
  newStudyBody,
  readStudyForm,
  type FormIssue,
  type StudyFormValues,
} from './study-form-values';
import { useRunTools } from './use-run-tools';

type Product = Schema<'Product'>;
type ModelSummary = Schema<'ProductModelSummary'>;

/**
 * A new study (`/studies/new`, `?model=` (and `&result=`) to start from a model): the product model and one of its
 * calculation results, the rule set and everything the study states (StudyForm). Created as a draft; its page then
 * shows the compliance check.
 */
export default function NewStudyPage() {
  const { t } = useTranslation();
  const api = useApi();
  const [params] = useSearchParams();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const products = useQuery({
    queryKey: ['products', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } })).data.products,
  });
  const models = useQuery({
    queryKey: ['models', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/models', { params: { path: { orgId } } })).data.models,
  });
  if (organisation.role !== 'owner' && organisation.role !== 'editor')
    return (
      <div className="page">
        <h1>{t('studies.new.title')}</h1>
        <p className="message message-info">{t('studies.new.notAllowed')}</p>
      </div>
    );
  if (products.isPending || models.isPending) return <Loading />;
  if (products.error || models.error) return <ErrorMessage error={products.error ?? models.error} />;
  return (
    <div className="page studies-page">
      <p className="breadcrumb">
        <Link to="/studies">{t('studies.list.title')}</Link> › {t('studies.new.title')}
      </p>
      <h1>{t('studies.new.title')}</h1>
      <p className="muted">{t('studies.new.intro')}</p>
      {models.data.length === 0 ? (
        <div className="message message-info">
          <p>
            {t('studies.new.noModels')} <Link to="/products/new">{t('studies.new.newProduct')}</Link>
          </p>
        </div>
      ) : (
        <NewStudyForm
          products={products.data}
          models={models.data}
          initialModelId={params.get('model') ?? ''}
          initialResultId={params.get('result') ?? ''}
        />
      )}
    </div>
  );
}

/**
 * The form of a new study. Choosing a model proposes what its product and the model declare — the title (the
 * product's name), the declared unit (the product's), the boundary and functional unit (the model document's) —
 * each only where the user has not typed something since the choice.
 */
function NewStudyForm({
  products,
  models,
  initialModelId,
  initialResultId,
}: {
  products: Product[];
  models: ModelSummary[];
  initialModelId: string;
  initialResultId: string;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const zh = languageOf(i18n) === 'zh-CN';
  const modelSelect = useId();
  const productOf = useCallback(
    (modelId: string) => {
      const model = models.find((m) => m.id === modelId);
      return model ? (products.find((p) => p.id === model.productId) ?? null) : null;
    },
    [models, products],
  );
  /** The values with what the product of `modelId` proposes, where they are still empty. */
  const withProduct = useCallback(
    (values: StudyFormValues, modelId: string): StudyFormValues => {
      const product = productOf(modelId);
      if (!product) return values;
      return {
        ...values,
        title: values.title || (zh && product.nameZh ? product.nameZh : product.nameEn),
        declaredAmount: values.declaredAmount || String(product.declaredUnitAmount),
        declaredUnit: values.declaredUnit || product.declaredUnit,
      };
    },
    [productOf, zh],
  );
  const [values, setValues] = useState<StudyFormValues>(() =>
    withProduct(
      { ...emptyStudyValues(), modelId: initialModelId, resultId: initialResultId },
      initialModelId,
    ),
  );
  const [issues, setIssues] = useState<FormIssue[]>([]);
  const [tried, setTried] = useState(false);
  const model = models.find((m) => m.id === values.modelId) ?? null;

  /**
   * What the model document declares (boundary, functional unit), applied once it has been read — only to the
   * fields still as they were when the model was chosen (`chosen`), so that nothing typed meanwhile is replaced.
   */
  const proposeFromDocument = useCallback(
    async (modelId: string, chosen: StudyFormValues) => {
      const document = await queries.fetchQuery({
        queryKey: ['studies', orgId, 'model-document', modelId],
        queryFn: async () =>
          (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: modelId } } })).data,
      });
      const declared = document.model;
      const unit = declared.functionalUnit;
      const functionalUnit = unit ? ((zh ? unit.zh : unit.en) ?? unit.en ?? unit.zh ?? '') : '';
      setValues((v) =>
        v.modelId !== modelId
          ? v
          : {
              ...v,
              boundary: declared.boundary && v.boundary === chosen.boundary ? declared.boundary : v.boundary,
              functionalUnit:
                v.functionalUnit === chosen.functionalUnit && !v.functionalUnit
                  ? functionalUnit
                  : v.functionalUnit,
            },
      );
    },
    [api, orgId, queries, zh],
  );
  // a model named in the address: its document's proposals, once
  const proposed = useRef(false);
  useEffect(() => {
    if (proposed.current || !initialModelId) return;
    proposed.current = true;
    void proposeFromDocument(initialModelId, values).catch(() => undefined);
  }, [initialModelId, proposeFromDocument, values]);

  const create = useMutation({
    mutationFn: async (body: Schema<'NewStudy'>) =>
      (await api.POST('/v1/orgs/{orgId}/studies', { params: { path: { orgId } }, body })).data,
    onSuccess: async (study) => {
      await queries.invalidateQueries({ queryKey: ['studies', orgId] });
      void navigate(`/studies/${encodeURIComponent(study.id)}?view=compliance`);
    },
  });
  const issuesOf = (next: StudyFormValues): FormIssue[] =>
    readStudyForm(next).issues.concat(next.modelId ? [] : [{ field: 'modelId', key: 'required' }]);
  const change = useCallback(
    (next: StudyFormValues) => {
      setValues(next);
      if (tried)
        setIssues(
          readStudyForm(next).issues.concat(next.modelId ? [] : [{ field: 'modelId', key: 'required' }]),
        );
    },
    [tried],
  );
  const chooseModel = (modelId: string) => {
    const chosen = withProduct({ ...values, modelId, resultId: '' }, modelId);
    change(chosen);
    // a model that cannot be read proposes nothing more; the form stays as it is
    if (modelId) void proposeFromDocument(modelId, chosen).catch(() => undefined);
  };
  const setResult = useCallback((resultId: string) => setValues((v) => ({ ...v, resultId })), []);
  const tools = useRunTools(orgId, values.modelId, values.resultId || null, values, change);
  const submit = () => {
    setTried(true);
    const found = issuesOf(values);
    setIssues(found);
    if (found.length === 0) create.mutate(newStudyBody(values));
  };
  const modelIssue = issues.find((issue) => issue.field === 'modelId');

  return (
    <>
      <StudyForm
        values={values}
        onChange={change}
        issues={issues}
        onSubmit={submit}
        submitLabel={t('studies.new.create')}
        submitting={create.isPending}
        tools={tools}
        head={
          <div className="form-grid">
            <div className={`field span-2${modelIssue ? ' field-invalid' : ''}`}>
              <label htmlFor={modelSelect}>{t('studies.form.model')}</label>
              <select
                id={modelSelect}
                value={values.modelId}
                aria-invalid={modelIssue ? true : undefined}
                aria-describedby={modelIssue ? `${modelSelect}-issue` : undefined}
                onChange={(event) => chooseModel(event.target.value)}
              >
                <option value="">{t('studies.form.chooseModel')}</option>
                {models.map((m) => {
                  const p = productOf(m.id);
                  return (
                    <option key={m.id} value={m.id}>
                      {p ? `${zh && p.nameZh ? p.nameZh : p.nameEn} — ${m.name}` : m.name}
                    </option>
                  );
                })}
              </select>
              {modelIssue && (
                <p id={`${modelSelect}-issue`} className="field-issues issue-error">
                  {t('studies.form.issues.required')}
                </p>
              )}
            </div>
            {model && (
              <ResultPicker orgId={orgId} model={model} value={values.resultId} onChange={setResult} />
            )}
          </div>
        }
      />
      {create.error && <StudyError error={create.error} />}
    </>
  );
}
