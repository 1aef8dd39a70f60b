import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalculationRequest } from './read-result';
import { useResultNames } from './result-names';

type Method = NonNullable<CalculationRequest['method']>;
type Approach = NonNullable<CalculationRequest['biogenicApproach']>;
type Scheme = NonNullable<CalculationRequest['stageScheme']>;

// Every GWP set the API takes: a Record over the API's enum, so a set added to the server does not compile until it
// is listed here.
const METHOD_SET: Record<Method, true> = {
  'ipcc-ar6-gwp100': true,
  'ipcc-ar6-gwp20': true,
  'ipcc-ar6-gwp500': true,
  'ipcc-ar6-gtp100': true,
  'ipcc-ar5-gwp100': true,
  'ipcc-ar5-gwp100-ccf': true,
  'ipcc-ar4-gwp100': true,
  'ipcc-tar-gwp100': true,
  'ipcc-tar-gwp20': true,
  'ipcc-tar-gwp500': true,
  'ipcc-sar-gwp100': true,
};
const METHODS = Object.keys(METHOD_SET) as Method[];
const APPROACHES: readonly Approach[] = ['-1/+1', '0/0'];
const SCHEMES: readonly Scheme[] = ['iso-14067', 'eu-battery'];

/** The options of a calculation the user chooses (the scenario is chosen beside them). */
export interface CalculationChoice {
  method: Method;
  biogenicApproach: Approach;
  stageScheme: Scheme;
}

/** The server's defaults (CalculationRequest). */
export const DEFAULT_CHOICE: CalculationChoice = {
  method: 'ipcc-ar6-gwp100',
  biogenicApproach: '-1/+1',
  stageScheme: 'iso-14067',
};

/**
 * The GWP set, biogenic approach and stage scheme of a calculation, as labelled selects.
 *
 * @example <CalculationOptions value={choice} onChange={setChoice} />
 */
export function CalculationOptions({
  value,
  onChange,
}: {
  value: CalculationChoice;
  onChange(next: CalculationChoice): void;
}) {
  const { t } = useTranslation();
  const names = useResultNames();
  const methodId = useId();
  const approachId = useId();
  const schemeId = useId();
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor={methodId}>{t('results.total.gwpSet')}</label>
        <select
          id={methodId}
          value={value.method}
          onChange={(event) => onChange({ ...value, method: event.target.value as Method })}
        >
          {METHODS.map((m) => (
            <option key={m} value={m}>
              {names.method(m)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={approachId}>{t('results.total.biogenicApproach')}</label>
        <select
          id={approachId}
          value={value.biogenicApproach}
          onChange={(event) => onChange({ ...value, biogenicApproach: event.target.value as Approach })}
        >
          {APPROACHES.map((a) => (
            <option key={a} value={a}>
              {t(`results.approaches.${a}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={schemeId}>{t('results.total.stageScheme')}</label>
        <select
          id={schemeId}
          value={value.stageScheme}
          onChange={(event) => onChange({ ...value, stageScheme: event.target.value as Scheme })}
        >
          {SCHEMES.map((s) => (
            <option key={s} value={s}>
              {t(`results.schemes.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
