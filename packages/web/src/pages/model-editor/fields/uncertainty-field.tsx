import { useTranslation } from 'react-i18next';
import { placeId, useIssuesAt } from '../editor-context';
import { IssueList } from '../field-frame';
import type { DocumentPath, ModelUncertainty } from '../model-types';
import { NumberField } from './number-field';
import { SelectField } from './select-field';

type Distribution = ModelUncertainty['distribution'];
const DISTRIBUTIONS: readonly Distribution[] = ['lognormal', 'normal', 'uniform', 'triangular'];

/** A distribution around `around` (the stated amount, when it is a number) to start from. */
function start(distribution: Distribution, around: number | undefined): ModelUncertainty {
  const x = around ?? 0;
  switch (distribution) {
    case 'lognormal':
      return { distribution, geometricSd: 1.1 };
    case 'normal':
      return { distribution, sd: Math.abs(x) * 0.1 };
    case 'uniform':
      return { distribution, min: x * 0.9, max: x * 1.1 };
    case 'triangular':
      return { distribution, min: x * 0.9, mode: x, max: x * 1.1 };
  }
}

/**
 * The uncertainty of an amount for Monte Carlo runs: none, or a distribution with its parameters (the amount is
 * the median of a lognormal, the mean of a normal; uniform and triangular bounds are amounts around it).
 *
 * @example <UncertaintyField path={[…, 'uncertainty']} value={input.uncertainty} around={2.2} onChange={…} />
 */
export function UncertaintyField({
  path,
  value,
  around,
  onChange,
}: {
  path: DocumentPath;
  value: ModelUncertainty | undefined;
  around: number | undefined;
  onChange: (value: ModelUncertainty | undefined) => void;
}) {
  const { t } = useTranslation();
  const issues = useIssuesAt(path);
  const number = (field: string, label: string, current: number, hint?: string) => (
    <NumberField
      path={[...path, field]}
      label={label}
      hint={hint}
      value={current}
      onChange={(v) => onChange({ ...value, [field]: v ?? Number.NaN } as ModelUncertainty)}
    />
  );
  return (
    <div className="uncertainty form-grid" id={placeId(path)} tabIndex={-1}>
      <SelectField
        path={[...path, 'distribution']}
        label={t('editor.uncertainty.label')}
        value={value?.distribution ?? ''}
        options={[
          { value: '', label: t('editor.uncertainty.none') },
          ...DISTRIBUTIONS.map((d) => ({ value: d, label: t(`editor.uncertainty.distributions.${d}`) })),
        ]}
        onChange={(d) => onChange(d ? start(d as Distribution, around) : undefined)}
      />
      {value?.distribution === 'lognormal' &&
        number(
          'geometricSd',
          t('editor.uncertainty.geometricSd'),
          value.geometricSd,
          t('editor.uncertainty.geometricSdHint'),
        )}
      {value?.distribution === 'normal' && number('sd', t('editor.uncertainty.sd'), value.sd)}
      {(value?.distribution === 'uniform' || value?.distribution === 'triangular') &&
        number('min', t('editor.uncertainty.min'), value.min)}
      {value?.distribution === 'triangular' && number('mode', t('editor.uncertainty.mode'), value.mode)}
      {(value?.distribution === 'uniform' || value?.distribution === 'triangular') &&
        number('max', t('editor.uncertainty.max'), value.max)}
      <IssueList issues={issues} />
    </div>
  );
}
