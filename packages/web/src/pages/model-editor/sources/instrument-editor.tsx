import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { placeId, useEditor, useIssuesAt } from '../editor-context';
import { IssueList } from '../field-frame';
import { AmountField } from '../fields/amount-field';
import { NumberField } from '../fields/number-field';
import { SelectField } from '../fields/select-field';
import { TextField } from '../fields/text-field';
import { UnitField } from '../fields/unit-field';
import { INSTRUMENT_KINDS, type DocumentPath, type ElectricityInstrument } from '../model-types';

type Criterion = keyof ElectricityInstrument['criteria'];
const CRITERIA: readonly Criterion[] = ['uniqueClaim', 'trackedAndCancelled', 'timeMatch', 'marketMatch'];

/**
 * One instrument covering part of an electricity input: its kind, what it covers (a share of the input, or an
 * amount of energy), its factor and where that comes from, and the Scope 2 quality criteria as the user states
 * them (a market-based calculation refuses an instrument failing one); a direct connection for the EU battery
 * rule.
 */
export function InstrumentEditor({
  path,
  instrument,
  inputUnit,
  hourly,
  euBattery,
  onChange,
  onRemove,
}: {
  path: DocumentPath;
  instrument: ElectricityInstrument;
  /** the input's unit, which an amount without a unit of its own is in */
  inputUnit: string;
  hourly: boolean;
  euBattery: boolean;
  onChange: (instrument: ElectricityInstrument) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const { parameterNames, readOnly } = useEditor();
  const id = useId();
  const issues = useIssuesAt(path);
  const criteriaIssues = useIssuesAt([...path, 'criteria']);
  const byShare = instrument.amount === undefined;
  const set = (change: Partial<ElectricityInstrument>) => onChange({ ...instrument, ...change });
  const setCriterion = (criterion: Criterion, value: boolean) =>
    set({ criteria: { ...instrument.criteria, [criterion]: value } });
  const criteria: Criterion[] = hourly ? [...CRITERIA, 'hourlyMatch'] : [...CRITERIA];
  const label = t(`editor.electricity.instrumentKinds.${instrument.kind}`);
  return (
    <div className="instrument" id={placeId(path)} tabIndex={-1}>
      <div className="card-head">
        <h5>{instrument.id ? `${label} · ${instrument.id}` : label}</h5>
        {!readOnly && (
          <button
            type="button"
            className="button-small button-danger"
            aria-label={t('editor.electricity.removeInstrument', { name: instrument.id ?? label })}
            onClick={onRemove}
          >
            {t('editor.remove')}
          </button>
        )}
      </div>
      <IssueList issues={issues} />
      <div className="form-grid">
        <SelectField
          path={[...path, 'kind']}
          label={t('editor.electricity.instrumentKind')}
          value={instrument.kind}
          options={INSTRUMENT_KINDS.map((k) => ({
            value: k,
            label: t(`editor.electricity.instrumentKinds.${k}`),
          }))}
          onChange={(kind) => set({ kind: kind as ElectricityInstrument['kind'] })}
        />
        <fieldset className="radio-group">
          <legend>{t('editor.electricity.covers')}</legend>
          <label>
            <input
              type="radio"
              name={`${id}-covers`}
              checked={byShare}
              onChange={() => {
                const { amount: _amount, unit: _unit, ...rest } = instrument;
                onChange({ ...rest, share: 0 });
              }}
            />
            {t('editor.electricity.byShare')}
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-covers`}
              checked={!byShare}
              onChange={() => {
                const { share: _share, ...rest } = instrument;
                onChange({ ...rest, amount: 0 });
              }}
            />
            {t('editor.electricity.byAmount')}
          </label>
        </fieldset>
        {byShare ? (
          <AmountField
            path={[...path, 'share']}
            label={t('editor.electricity.share')}
            hint={t('editor.electricity.shareHint')}
            value={instrument.share ?? ''}
            parameters={parameterNames}
            onChange={(share) => set({ share })}
          />
        ) : (
          <>
            <AmountField
              path={[...path, 'amount']}
              label={t('editor.electricity.instrumentAmount')}
              value={instrument.amount ?? ''}
              parameters={parameterNames}
              onChange={(amount) => set({ amount })}
            />
            <UnitField
              path={[...path, 'unit']}
              label={t('editor.electricity.instrumentUnit')}
              dimension="energy"
              value={instrument.unit ?? inputUnit}
              onChange={(unit) => set({ unit })}
            />
          </>
        )}
        <NumberField
          path={[...path, 'factor']}
          label={t('editor.electricity.instrumentFactor')}
          value={instrument.factor}
          onChange={(factor) => set({ factor: factor ?? Number.NaN })}
        />
        <SelectField
          path={[...path, 'factorUnit']}
          label={t('editor.electricity.factorUnit')}
          value={instrument.factorUnit ?? 'kg CO2e/kWh'}
          options={(['kg CO2e/kWh', 'kg CO2/kWh'] as const).map((u) => ({ value: u, label: u }))}
          onChange={(factorUnit) => set({ factorUnit: factorUnit as 'kg CO2e/kWh' | 'kg CO2/kWh' })}
        />
        <TextField
          path={[...path, 'factorSource']}
          label={t('editor.electricity.factorSource')}
          hint={t('editor.electricity.factorSourceHint')}
          value={instrument.factorSource}
          maxLength={500}
          className="span-2"
          onChange={(factorSource) => set({ factorSource })}
        />
      </div>
      <fieldset className="checkbox-group" id={placeId([...path, 'criteria'])} tabIndex={-1}>
        <legend>{t('editor.electricity.criteria')}</legend>
        {criteria.map((criterion) => (
          <label key={criterion}>
            <input
              type="checkbox"
              checked={instrument.criteria[criterion] === true}
              onChange={(event) => setCriterion(criterion, event.target.checked)}
            />
            {t(`editor.electricity.criteriaNames.${criterion}`)}
          </label>
        ))}
        <IssueList issues={criteriaIssues} />
      </fieldset>
      {(euBattery || instrument.directConnection) && (
        <fieldset className="checkbox-group">
          <legend>{t('editor.electricity.directConnection')}</legend>
          {(['physical', 'contractual'] as const).map((part) => (
            <label key={part}>
              <input
                type="checkbox"
                checked={instrument.directConnection?.[part] === true}
                onChange={(event) =>
                  set({
                    directConnection: {
                      physical: instrument.directConnection?.physical ?? false,
                      contractual: instrument.directConnection?.contractual ?? false,
                      [part]: event.target.checked,
                    },
                  })
                }
              />
              {t(`editor.electricity.connection.${part}`)}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}
