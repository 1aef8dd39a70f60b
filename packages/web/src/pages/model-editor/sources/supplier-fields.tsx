import { useTranslation } from 'react-i18next';
import { NumberField } from '../fields/number-field';
import { SelectField } from '../fields/select-field';
import { TextField } from '../fields/text-field';
import { UnitField } from '../fields/unit-field';
import type { DocumentPath, SupplierSource } from '../model-types';

/** GWP sets a supplier may have used (packages/refdata gwp-sets.ts ids). */
const GWP_SETS = [
  'ipcc-ar6-gwp100',
  'ipcc-ar5-gwp100',
  'ipcc-ar5-gwp100-ccf',
  'ipcc-ar4-gwp100',
  'ipcc-ar6-gwp20',
  'ipcc-tar-gwp100',
];

/**
 * A footprint a supplier reported, entered by hand as PACT (Pathfinder) gives it: who reported it and where it
 * comes from, the PCF excluding biogenic CO2 per declared unit of the supplied product, the biogenic CO2 emissions
 * and removals, and the "of which" parts (dLUC, land management, other biogenic, aircraft), each labelled with its
 * PACT field name so that a supplier's data sheet can be copied field by field.
 */
export function SupplierFields({
  path,
  source,
  onChange,
}: {
  path: DocumentPath;
  source: SupplierSource;
  onChange: (source: SupplierSource) => void;
}) {
  const { t } = useTranslation();
  const at = [...path, 'source'];
  const set = <K extends keyof SupplierSource>(field: K, value: SupplierSource[K]) => {
    const next = { ...source, [field]: value };
    if (value === undefined || value === '') delete next[field];
    onChange(next);
  };
  const pact = (field: string) => <span className="pact-name">{field}</span>;
  return (
    <div className="source-fields supplier-fields">
      <div className="form-grid">
        <TextField
          path={[...at, 'supplier']}
          label={t('editor.supplier.supplier')}
          value={source.supplier ?? ''}
          maxLength={300}
          onChange={(v) => set('supplier', v || undefined)}
        />
        <TextField
          path={[...at, 'footprintId']}
          label={t('editor.supplier.footprintId')}
          hint={t('editor.supplier.footprintIdHint')}
          value={source.footprintId ?? ''}
          maxLength={300}
          onChange={(v) => set('footprintId', v || undefined)}
        />
        <NumberField
          path={[...at, 'year']}
          label={t('editor.supplier.year')}
          value={source.year}
          onChange={(v) => set('year', v)}
        />
        <SelectField
          path={[...at, 'gwpSetId']}
          label={t('editor.supplier.gwpSet')}
          value={source.gwpSetId ?? ''}
          options={[
            { value: '', label: t('editor.supplier.gwpSetUnknown') },
            ...GWP_SETS.map((id) => ({ value: id, label: t(`editor.gwpSets.${id}`) })),
            ...(source.gwpSetId && !GWP_SETS.includes(source.gwpSetId)
              ? [{ value: source.gwpSetId, label: source.gwpSetId }]
              : []),
          ]}
          onChange={(v) => set('gwpSetId', v || undefined)}
        />
      </div>
      <div className="form-grid">
        <NumberField
          path={[...at, 'pcfExcludingBiogenic']}
          label={
            <>
              {t('editor.supplier.pcf')} {pact('pCfExcludingBiogenic')}
            </>
          }
          unit={t('editor.supplier.kgCo2e')}
          value={source.pcfExcludingBiogenic}
          onChange={(v) => set('pcfExcludingBiogenic', v ?? Number.NaN)}
        />
        <NumberField
          path={[...at, 'per']}
          label={t('editor.supplier.per')}
          value={source.per}
          placeholder="1"
          onChange={(v) => set('per', v)}
        />
        <UnitField
          path={[...at, 'unit']}
          label={
            <>
              {t('editor.supplier.unit')} {pact('declaredUnit')}
            </>
          }
          value={source.unit}
          onChange={(v) => set('unit', v)}
        />
      </div>
      <details className="more">
        <summary>{t('editor.supplier.more')}</summary>
        <div className="form-grid">
          <NumberField
            path={[...at, 'biogenicCo2Emissions']}
            label={t('editor.supplier.biogenicEmissions')}
            unit={t('editor.supplier.kgCo2')}
            value={source.biogenicCo2Emissions}
            placeholder="0"
            onChange={(v) => set('biogenicCo2Emissions', v)}
          />
          <NumberField
            path={[...at, 'biogenicRemovals']}
            label={
              <>
                {t('editor.supplier.biogenicRemovals')} {pact('biogenicCarbonWithdrawal')}
              </>
            }
            hint={t('editor.supplier.biogenicRemovalsHint')}
            unit={t('editor.supplier.kgCo2')}
            value={source.biogenicRemovals}
            placeholder="0"
            onChange={(v) => set('biogenicRemovals', v)}
          />
        </div>
        <p className="field-hint">{t('editor.supplier.ofWhichHint')}</p>
        <div className="form-grid">
          <NumberField
            path={[...at, 'dLucGhgEmissions']}
            label={
              <>
                {t('editor.supplier.dLuc')} {pact('dLucGhgEmissions')}
              </>
            }
            unit={t('editor.supplier.kgCo2e')}
            value={source.dLucGhgEmissions}
            placeholder="0"
            onChange={(v) => set('dLucGhgEmissions', v)}
          />
          <NumberField
            path={[...at, 'landManagementGhgEmissions']}
            label={
              <>
                {t('editor.supplier.landManagement')} {pact('landManagementGhgEmissions')}
              </>
            }
            unit={t('editor.supplier.kgCo2e')}
            value={source.landManagementGhgEmissions}
            placeholder="0"
            onChange={(v) => set('landManagementGhgEmissions', v)}
          />
          <NumberField
            path={[...at, 'otherBiogenicGhgEmissions']}
            label={
              <>
                {t('editor.supplier.otherBiogenic')} {pact('otherBiogenicGhgEmissions')}
              </>
            }
            unit={t('editor.supplier.kgCo2e')}
            value={source.otherBiogenicGhgEmissions}
            placeholder="0"
            onChange={(v) => set('otherBiogenicGhgEmissions', v)}
          />
          <NumberField
            path={[...at, 'aircraftGhgEmissions']}
            label={
              <>
                {t('editor.supplier.aircraft')} {pact('aircraftGhgEmissions')}
              </>
            }
            unit={t('editor.supplier.kgCo2e')}
            value={source.aircraftGhgEmissions}
            placeholder="0"
            onChange={(v) => set('aircraftGhgEmissions', v)}
          />
        </div>
      </details>
    </div>
  );
}
