import { useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORY_SCHEMES,
  IDENTIFIER_SCHEMES,
  type ProductIssue,
  type ProductValues,
} from './product-values';

/**
 * The product's form: names in English and Chinese, the declared unit (amount and unit: what one footprint is
 * per), the category (CPC, HS, UNSPSC, GB/T 4754 …) and identifiers (GTIN, URN …), each field with its problems
 * in place. The values are the caller's state, so nothing typed is lost whatever the server answers.
 *
 * @example <ProductForm values={values} onChange={setValues} issues={issues} onSubmit={save} submitLabel="Save" />
 */
export function ProductForm({
  values,
  onChange,
  issues,
  onSubmit,
  submitLabel,
  submitting,
  disabled = false,
  unitSuggestions = [],
}: {
  values: ProductValues;
  onChange: (values: ProductValues) => void;
  issues: readonly ProductIssue[];
  onSubmit: () => void;
  submitLabel: string;
  submitting: boolean;
  disabled?: boolean;
  /** units to suggest for the declared unit (the engine's table; any other may be typed) */
  unitSuggestions?: readonly string[];
}) {
  const { t } = useTranslation();
  const id = useId();
  const unitsId = `${id}-units`;
  const schemesId = `${id}-schemes`;
  const set = <K extends keyof ProductValues>(field: K, value: ProductValues[K]) =>
    onChange({ ...values, [field]: value });
  const field = (
    name: string,
    label: ReactNode,
    control: (props: ControlAttributes) => ReactNode,
    hint?: string,
  ) => {
    const own = issues.filter((i) => i.field === name);
    const controlId = `${id}-${name.replace(/\./g, '-')}`;
    const described = [hint ? `${controlId}-hint` : '', own.length ? `${controlId}-issues` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className={`field${own.some((i) => i.severity === 'error') ? ' field-invalid' : ''}`}>
        <label htmlFor={controlId}>{label}</label>
        {control({
          id: controlId,
          'aria-invalid': own.some((i) => i.severity === 'error') || undefined,
          'aria-describedby': described || undefined,
        })}
        {hint && (
          <p id={`${controlId}-hint`} className="field-hint">
            {hint}
          </p>
        )}
        {own.length > 0 && (
          <ul id={`${controlId}-issues`} className="field-issues">
            {own.map((issue, i) => (
              <li key={i} className={`issue issue-${issue.severity}`}>
                {issue.text
                  ? t('editor.issues.serverSays', { text: issue.text })
                  : t(`editor.product.issues.${issue.key}`)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <fieldset disabled={disabled} className="plain-fieldset">
        <legend className="visually-hidden">{t('editor.product.formLabel')}</legend>
        <div className="form-grid">
          {field('nameEn', t('editor.product.nameEn'), (p) => (
            <input
              {...p}
              type="text"
              lang="en"
              maxLength={300}
              value={values.nameEn}
              onChange={(e) => set('nameEn', e.target.value)}
            />
          ))}
          {field('nameZh', t('editor.product.nameZh'), (p) => (
            <input
              {...p}
              type="text"
              lang="zh-CN"
              maxLength={300}
              value={values.nameZh}
              onChange={(e) => set('nameZh', e.target.value)}
            />
          ))}
          {field('declaredUnitAmount', t('editor.product.declaredAmount'), (p) => (
            <input
              {...p}
              type="text"
              inputMode="decimal"
              value={values.declaredUnitAmount}
              onChange={(e) => set('declaredUnitAmount', e.target.value)}
            />
          ))}
          {field(
            'declaredUnit',
            t('editor.product.declaredUnit'),
            (p) => (
              <>
                <input
                  {...p}
                  type="text"
                  list={unitsId}
                  maxLength={50}
                  value={values.declaredUnit}
                  onChange={(e) => set('declaredUnit', e.target.value)}
                />
                <datalist id={unitsId}>
                  {unitSuggestions.map((u, i) => (
                    <option key={`${u}-${i}`} value={u} />
                  ))}
                </datalist>
              </>
            ),
            t('editor.product.declaredUnitHint'),
          )}
          {field('categoryScheme', t('editor.product.categoryScheme'), (p) => (
            <select
              {...p}
              value={values.categoryScheme}
              onChange={(e) => set('categoryScheme', e.target.value as ProductValues['categoryScheme'])}
            >
              <option value="">{t('editor.product.noCategory')}</option>
              {CATEGORY_SCHEMES.map((s) => (
                <option key={s} value={s}>
                  {t(`editor.product.categorySchemes.${s}`)}
                </option>
              ))}
            </select>
          ))}
          {field(
            'categoryCode',
            t('editor.product.categoryCode'),
            (p) => (
              <input
                {...p}
                type="text"
                maxLength={50}
                value={values.categoryCode}
                onChange={(e) => set('categoryCode', e.target.value)}
              />
            ),
            t('editor.product.categoryCodeHint'),
          )}
        </div>
        <fieldset className="identifiers">
          <legend>{t('editor.product.identifiers')}</legend>
          <datalist id={schemesId}>
            {IDENTIFIER_SCHEMES.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {values.identifiers.length === 0 && (
            <p className="muted small">{t('editor.product.noIdentifiers')}</p>
          )}
          {values.identifiers.map((identifier, i) => (
            <div key={i} className="identifier-row">
              {field(`identifiers.${i}.scheme`, t('editor.product.identifierScheme', { n: i + 1 }), (p) => (
                <input
                  {...p}
                  type="text"
                  list={schemesId}
                  maxLength={50}
                  value={identifier.scheme}
                  onChange={(e) =>
                    set(
                      'identifiers',
                      values.identifiers.map((x, k) => (k === i ? { ...x, scheme: e.target.value } : x)),
                    )
                  }
                />
              ))}
              {field(`identifiers.${i}.value`, t('editor.product.identifierValue', { n: i + 1 }), (p) => (
                <input
                  {...p}
                  type="text"
                  maxLength={200}
                  spellCheck={false}
                  value={identifier.value}
                  onChange={(e) =>
                    set(
                      'identifiers',
                      values.identifiers.map((x, k) => (k === i ? { ...x, value: e.target.value } : x)),
                    )
                  }
                />
              ))}
              <button
                type="button"
                className="button-small button-danger"
                aria-label={t('editor.product.removeIdentifier', { n: i + 1 })}
                onClick={() =>
                  set(
                    'identifiers',
                    values.identifiers.filter((_, k) => k !== i),
                  )
                }
              >
                {t('editor.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="button-small"
            onClick={() => set('identifiers', [...values.identifiers, { scheme: 'GTIN', value: '' }])}
          >
            {t('editor.product.addIdentifier')}
          </button>
        </fieldset>
        <p className="field-hint">{t('editor.product.functionalUnitNote')}</p>
        <button type="submit" className="button-main" disabled={submitting}>
          {submitLabel}
        </button>
      </fieldset>
    </form>
  );
}

interface ControlAttributes {
  id: string;
  'aria-invalid': boolean | undefined;
  'aria-describedby': string | undefined;
}
