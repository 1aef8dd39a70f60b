import { ApiError, type Schema } from '@opencfp/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useApi } from '../../api/api-context';
import { ErrorMessage } from '../../components/query-state';
import { languageOf } from '../../i18n/i18n';
import { starterDocument, type Boundary } from './document-operations';

/**
 * Starts a product model: its name, the background database version its datasets come from, the system
 * boundary (cradle-to-gate, or cradle-to-grave with use and end-of-life processes), and what it starts from — an
 * empty model making the product's declared unit, or a copy of another model of the product. Then the editor.
 */
export function NewModelForm({
  orgId,
  product,
  models,
}: {
  orgId: string;
  product: Schema<'Product'>;
  models: readonly Schema<'ProductModelSummary'>[];
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const id = useId();
  const zh = languageOf(i18n) === 'zh-CN';
  const productName = zh && product.nameZh ? product.nameZh : product.nameEn;
  const [name, setName] = useState(() => t('editor.newModel.defaultName', { product: productName }));
  const [versionId, setVersionId] = useState<string | null>(null);
  const [boundary, setBoundary] = useState<Boundary>('cradle-to-gate');
  const [copyOf, setCopyOf] = useState('');
  const versions = useQuery({
    queryKey: ['databases', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/databases', { params: { path: { orgId } } })).data.versions,
  });
  const chosenVersion = versionId ?? versions.data?.[0]?.id ?? '';

  const create = useMutation({
    mutationFn: async () => {
      const model = copyOf
        ? (await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path: { orgId, id: copyOf } } })).data
            .model
        : starterDocument(
            { amount: product.declaredUnitAmount, unit: product.declaredUnit, name: productName },
            boundary,
            {
              production: t('editor.starter.production'),
              use: t('editor.starter.use'),
              endOfLife: t('editor.starter.endOfLife'),
              lifeCycle: t('editor.starter.lifeCycle'),
            },
          );
      return (
        await api.POST('/v1/orgs/{orgId}/models', {
          params: { path: { orgId } },
          body: {
            productId: product.id,
            name: name.trim(),
            backgroundVersionId: chosenVersion || null,
            model,
          },
        })
      ).data;
    },
    onSuccess: (model) => {
      void queries.invalidateQueries({ queryKey: ['models', orgId] });
      void navigate(`/models/${encodeURIComponent(model.id)}/edit`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) create.mutate();
  };
  const nameIssue = !name.trim();
  return (
    <form className="new-model" onSubmit={submit} aria-labelledby={`${id}-heading`} noValidate>
      <h3 id={`${id}-heading`}>{t('editor.newModel.title')}</h3>
      {/* wide columns: a database's name and version, or a model's, must be readable in a select */}
      <div className="form-grid form-grid-wide">
        <div className={`field${nameIssue ? ' field-invalid' : ''}`}>
          <label htmlFor={`${id}-name`}>{t('editor.newModel.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            maxLength={300}
            value={name}
            aria-invalid={nameIssue || undefined}
            aria-describedby={nameIssue ? `${id}-name-issue` : undefined}
            onChange={(e) => setName(e.target.value)}
          />
          {nameIssue && (
            <ul id={`${id}-name-issue`} className="field-issues">
              <li className="issue issue-error">{t('editor.issues.required')}</li>
            </ul>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-version`}>{t('editor.settings.background')}</label>
          <select id={`${id}-version`} value={chosenVersion} onChange={(e) => setVersionId(e.target.value)}>
            {(versions.data ?? []).map((v) => (
              <option key={v.id} value={v.id}>
                {t('editor.settings.versionOption', { name: v.name, version: v.version })}
              </option>
            ))}
            <option value="">{t('editor.settings.noBackground')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('editor.newModel.startFrom')}</label>
          <select id={`${id}-from`} value={copyOf} onChange={(e) => setCopyOf(e.target.value)}>
            <option value="">{t('editor.newModel.empty')}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {t('editor.newModel.copyOf', { name: m.name })}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!copyOf && (
        <fieldset className="radio-group">
          <legend>{t('editor.boundary.title')}</legend>
          {(['cradle-to-gate', 'cradle-to-grave'] as const).map((b) => (
            <label key={b}>
              <input
                type="radio"
                name={`${id}-boundary`}
                checked={boundary === b}
                onChange={() => setBoundary(b)}
              />
              {t(`editor.newModel.boundaries.${b}`)}
            </label>
          ))}
        </fieldset>
      )}
      {create.error && !ApiError.is(create.error, 'VALIDATION_FAILED') && (
        <ErrorMessage error={create.error} />
      )}
      {create.error && ApiError.is(create.error, 'VALIDATION_FAILED') && (
        <div className="message message-error" role="alert">
          <p>{t('editor.newModel.refused', { text: create.error.message })}</p>
        </div>
      )}
      <button type="submit" className="button-main" disabled={create.isPending || nameIssue}>
        {t('editor.newModel.create')}
      </button>
    </form>
  );
}
