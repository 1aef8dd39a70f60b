import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { addParameter, parametersOf, removeParameter, renameParameter } from './document-operations';
import { placeId, useEditor, useIssuesAt } from './editor-context';
import { IssueList } from './field-frame';
import { NumberField } from './fields/number-field';
import { TextField } from './fields/text-field';
import { UncertaintyField } from './fields/uncertainty-field';
import { UnitField } from './fields/unit-field';
import { pathKey } from './issue-placement';
import type { ModelParameter } from './model-types';

/**
 * The model's parameters: input parameters (a value, which scenarios may change, with an uncertainty for Monte
 * Carlo) and calculated ones (a formula over the others). Renaming one renames it in every formula and scenario.
 */
export function ParametersEditor() {
  const { t } = useTranslation();
  const { document, edit, readOnly } = useEditor();
  const parameters = parametersOf(document);
  return (
    <section className="card" id={placeId(['parameters'])} tabIndex={-1} aria-labelledby="parameters-heading">
      <h2 id="parameters-heading">{t('editor.parameters.title')}</h2>
      <p className="muted small">{t('editor.parameters.intro')}</p>
      {parameters.length === 0 && <p className="muted">{t('editor.parameters.none')}</p>}
      <ul className="input-list">
        {parameters.map((parameter, i) => (
          <ParameterRow key={i} parameter={parameter} index={i} />
        ))}
      </ul>
      {!readOnly && (
        <button type="button" className="button-small" onClick={() => edit((d) => addParameter(d))}>
          {t('editor.parameters.add')}
        </button>
      )}
    </section>
  );
}

function ParameterRow({ parameter, index }: { parameter: ModelParameter; index: number }) {
  const { t } = useTranslation();
  const { edit, readOnly } = useEditor();
  const id = useId();
  const path = ['parameters', index];
  const issues = useIssuesAt(path);
  const calculated = parameter.formula !== undefined;
  const update = (next: ModelParameter, field: string) =>
    edit(
      (d) => ({ ...d, parameters: parametersOf(d).map((p, i) => (i === index ? next : p)) }),
      pathKey([...path, field]),
    );
  const without = <K extends keyof ModelParameter>(field: K): Omit<ModelParameter, K> => {
    const next = { ...parameter };
    delete next[field];
    return next;
  };
  return (
    <li className="input-card kind-parameter" id={placeId(path)} tabIndex={-1} aria-label={parameter.name}>
      <div className="card-head">
        <span className="kind-badge kind-badge-parameter">
          {calculated ? t('editor.parameters.calculated') : t('editor.parameters.input')}
        </span>
        <h3 className="mono">{parameter.name || '—'}</h3>
        {!readOnly && (
          <span className="card-actions">
            <button
              type="button"
              className="button-small button-danger"
              aria-label={t('editor.parameters.remove', { name: parameter.name })}
              onClick={() => edit((d) => removeParameter(d, index))}
            >
              {t('editor.remove')}
            </button>
          </span>
        )}
      </div>
      <IssueList issues={issues} />
      <div className="form-grid">
        <TextField
          path={[...path, 'name']}
          label={t('editor.parameters.name')}
          hint={t('editor.parameters.nameHint')}
          value={parameter.name}
          maxLength={100}
          onChange={(name) => edit((d) => renameParameter(d, index, name), pathKey([...path, 'name']))}
        />
        <fieldset className="radio-group">
          <legend>{t('editor.parameters.kind')}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={!calculated}
              onChange={() => update({ ...without('formula'), value: 0 }, 'kind')}
            />
            {t('editor.parameters.input')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={calculated}
              onChange={() => {
                const { value: _v, uncertainty: _u, ...rest } = parameter;
                update(
                  { ...rest, formula: parameter.value !== undefined ? String(parameter.value) : '0' },
                  'kind',
                );
              }}
            />
            {t('editor.parameters.calculated')}
          </label>
        </fieldset>
        {calculated ? (
          <TextField
            path={[...path, 'formula']}
            label={t('editor.parameters.formula')}
            hint={t('editor.parameters.formulaHint')}
            value={parameter.formula ?? ''}
            maxLength={2000}
            className="span-2"
            onChange={(formula) => update({ ...parameter, formula }, 'formula')}
          />
        ) : (
          <NumberField
            path={[...path, 'value']}
            label={t('editor.parameters.value')}
            value={parameter.value}
            onChange={(value) => update({ ...parameter, value: value ?? Number.NaN }, 'value')}
          />
        )}
        <UnitField
          path={[...path, 'unit']}
          label={t('editor.parameters.unit')}
          value={parameter.unit ?? ''}
          onChange={(unit) => update(unit ? { ...parameter, unit } : without('unit'), 'unit')}
        />
        <TextField
          path={[...path, 'description']}
          label={t('editor.parameters.description')}
          value={parameter.description ?? ''}
          maxLength={2000}
          className="span-2"
          onChange={(description) =>
            update(description ? { ...parameter, description } : without('description'), 'description')
          }
        />
      </div>
      {!calculated && (
        <details className="more">
          <summary>{t('editor.parameters.uncertainty')}</summary>
          <UncertaintyField
            path={[...path, 'uncertainty']}
            value={parameter.uncertainty}
            around={parameter.value}
            onChange={(uncertainty) =>
              update(uncertainty ? { ...parameter, uncertainty } : without('uncertainty'), 'uncertainty')
            }
          />
        </details>
      )}
    </li>
  );
}
