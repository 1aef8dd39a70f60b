import { useTranslation } from 'react-i18next';
import { emissionsOf, updateProcess } from './document-operations';
import { placeId, useEditor, useIssuesAt } from './editor-context';
import { IssueList } from './field-frame';
import { AmountField } from './fields/amount-field';
import { SelectField } from './fields/select-field';
import { StageField } from './fields/stage-field';
import { UncertaintyField } from './fields/uncertainty-field';
import { UnitField } from './fields/unit-field';
import { pathKey } from './issue-placement';
import { EMISSION_ORIGINS, type ModelEmission } from './model-types';

/** Greenhouse gases as the GWP sets name them (packages/refdata), and CO2e for a pre-aggregated amount. */
const GASES = [
  'CO2',
  'CH4',
  'N2O',
  'SF6',
  'NF3',
  'HFC134a',
  'HFC32',
  'HFC125',
  'HFC143a',
  'CF4',
  'C2F6',
  'CO2e',
];

/**
 * A direct emission of a process (fuel burnt on site, process CO2, refrigerant leaks): the gas, its origin
 * (fossil, biogenic, land transformation, or uptake from air), the mass per output of the process, its stage.
 */
export function EmissionEditor({
  processIndex,
  emission,
  emissionIndex,
}: {
  processIndex: number;
  emission: ModelEmission;
  emissionIndex: number;
}) {
  const { t } = useTranslation();
  const { edit, parameterNames, readOnly } = useEditor();
  const path = ['processes', processIndex, 'emissions', emissionIndex];
  const issues = useIssuesAt(path);
  const update = (next: ModelEmission, field: string) =>
    edit(
      (d) =>
        updateProcess(d, processIndex, (p) => ({
          ...p,
          emissions: emissionsOf(p).map((e, k) => (k === emissionIndex ? next : e)),
        })),
      pathKey([...path, field]),
    );
  const title = t('editor.emission.title', { gas: emission.gas || '?' });
  return (
    <li className="input-card kind-emission" id={placeId(path)} tabIndex={-1} aria-label={title}>
      <div className="card-head">
        <span className="kind-badge kind-badge-emission">{t('editor.emission.badge')}</span>
        <h4>{title}</h4>
        {!readOnly && (
          <span className="card-actions">
            <button
              type="button"
              className="button-small button-danger"
              aria-label={t('editor.emission.remove', { gas: emission.gas })}
              onClick={() =>
                edit((d) =>
                  updateProcess(d, processIndex, (p) => ({
                    ...p,
                    emissions: emissionsOf(p).filter((_, k) => k !== emissionIndex),
                  })),
                )
              }
            >
              {t('editor.remove')}
            </button>
          </span>
        )}
      </div>
      <IssueList issues={issues} />
      <div className="form-grid">
        <SelectField
          path={[...path, 'gas']}
          label={t('editor.emission.gas')}
          value={emission.gas}
          options={[
            ...(GASES.includes(emission.gas) ? [] : [{ value: emission.gas, label: emission.gas || '—' }]),
            ...GASES.map((gas) => ({ value: gas, label: t(`editor.emission.gases.${gas}`, gas) })),
          ]}
          onChange={(gas) => update({ ...emission, gas }, 'gas')}
        />
        <SelectField
          path={[...path, 'origin']}
          label={t('editor.emission.origin')}
          value={emission.origin ?? 'fossil'}
          options={EMISSION_ORIGINS.map((o) => ({ value: o, label: t(`editor.emission.origins.${o}`) }))}
          onChange={(origin) => update({ ...emission, origin: origin as ModelEmission['origin'] }, 'origin')}
        />
        <AmountField
          path={[...path, 'amount']}
          label={t('editor.emission.amount')}
          value={emission.amount}
          parameters={parameterNames}
          onChange={(amount) => update({ ...emission, amount }, 'amount')}
        />
        <UnitField
          path={[...path, 'unit']}
          label={t('editor.input.unit')}
          dimension="mass"
          value={emission.unit ?? 'kg'}
          onChange={(unit) => update({ ...emission, unit }, 'unit')}
        />
        <StageField
          path={[...path, 'stage']}
          value={emission.stage}
          none={t('editor.stage.asProcess')}
          onChange={(stage) => {
            const { stage: _old, ...rest } = emission;
            update(stage ? { ...rest, stage } : rest, 'stage');
          }}
        />
      </div>
      <details className="more">
        <summary>{t('editor.input.more')}</summary>
        <UncertaintyField
          path={[...path, 'uncertainty']}
          value={emission.uncertainty}
          around={typeof emission.amount === 'number' ? emission.amount : undefined}
          onChange={(uncertainty) => {
            const { uncertainty: _old, ...rest } = emission;
            update(uncertainty ? { ...rest, uncertainty } : rest, 'uncertainty');
          }}
        />
      </details>
    </li>
  );
}
