import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { languageOf } from '../../../i18n/i18n';
import { DatasetSearch } from '../dataset-search';
import { placeId, useEditor, useIssuesAt } from '../editor-context';
import { IssueList } from '../field-frame';
import { AmountField } from '../fields/amount-field';
import { NumberField } from '../fields/number-field';
import { SelectField } from '../fields/select-field';
import { TextField } from '../fields/text-field';
import { UnitField } from '../fields/unit-field';
import { TRANSPORT_MODES, type Amount, type DocumentPath, type TransportSource } from '../model-types';
import { datasetKey } from '../validate-document';

/** The option of the dataset list that opens the search. */
const SEARCH = '\u0000search';

/**
 * A transport leg: the mode, the distance, and what it is counted at — a freight dataset of the background
 * database per t·km (the starter database's per mode from GET /v1/reference/transport, or any found by search),
 * or a carrier's factor. The input's amount is the mass moved; the t·km it makes are shown when both are numbers.
 */
export function TransportFields({
  path,
  source,
  mass,
  massUnit,
  onChange,
}: {
  path: DocumentPath;
  source: TransportSource;
  mass: Amount;
  massUnit: string;
  onChange: (source: TransportSource) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { transport, parameterNames, orgId, state, datasets, readOnly, units } = useEditor();
  const id = useId();
  const at = [...path, 'source'];
  const datasetIssues = useIssuesAt([...at, 'dataset']);
  const [searching, setSearching] = useState(false);
  const zh = languageOf(i18n) === 'zh-CN';
  const byDataset = source.factor === undefined;
  const references = transport?.modes.find((m) => m.mode === source.mode)?.datasets ?? [];
  const set = (change: Partial<TransportSource>) => onChange({ ...source, ...change });

  const toDataset = (processId: string, productId?: string) => {
    const { factor: _factor, ...rest } = source;
    onChange({ ...rest, dataset: { processId, ...(productId ? { productId } : {}) } });
  };
  const toFactor = () => {
    const { dataset: _dataset, ...rest } = source;
    onChange({ ...rest, factor: { kgCo2ePerTkm: 0, source: '' } });
  };

  const tonnes = typeof mass === 'number' ? units?.factor(massUnit, 't') : undefined;
  const kilometres =
    typeof source.distance === 'number' ? units?.factor(source.distanceUnit ?? 'km', 'km') : undefined;
  const tkm =
    tonnes !== undefined && kilometres !== undefined
      ? (mass as number) * tonnes * (source.distance as number) * kilometres
      : undefined;

  const linked = source.dataset
    ? datasets.get(datasetKey(source.dataset.processId, source.dataset.productId))
    : undefined;
  const datasetOptions = [
    ...references.map((d) => ({
      value: d.processId,
      label: t('editor.transport.referenceDataset', {
        name: zh ? d.nameZh : d.name,
        factor: format.number(d.kgCo2ePerTkm),
        geography: d.geography,
        year: d.year,
      }),
    })),
    ...(source.dataset && !references.some((d) => d.processId === source.dataset?.processId)
      ? [{ value: source.dataset.processId, label: linked ? linked.processName : source.dataset.processId }]
      : []),
    ...(source.dataset?.processId ? [] : [{ value: '', label: t('editor.transport.chooseDataset') }]),
    { value: SEARCH, label: t('editor.transport.searchDataset') },
  ];

  return (
    <div className="source-fields transport-fields">
      <div className="form-grid">
        <SelectField
          path={[...at, 'mode']}
          label={t('editor.transport.mode')}
          value={source.mode}
          options={TRANSPORT_MODES.map((m) => ({ value: m, label: t(`editor.transport.modes.${m}`) }))}
          onChange={(value) => {
            const mode = value as TransportSource['mode'];
            const first = transport?.modes.find((m) => m.mode === mode)?.datasets[0];
            const wasReference = references.some((d) => d.processId === source.dataset?.processId);
            // a starter dataset of the old mode gives way to the new mode's; without one, a factor is needed
            if (byDataset && (wasReference || !source.dataset?.processId)) {
              const { dataset: _dataset, factor: _factor, ...rest } = source;
              onChange(
                first
                  ? { ...rest, mode, dataset: { processId: first.processId, productId: first.productId } }
                  : { ...rest, mode, factor: { kgCo2ePerTkm: 0, source: '' } },
              );
            } else set({ mode });
          }}
        />
        <AmountField
          path={[...at, 'distance']}
          label={t('editor.transport.distance')}
          value={source.distance}
          parameters={parameterNames}
          onChange={(distance) => set({ distance })}
        />
        <UnitField
          path={[...at, 'distanceUnit']}
          label={t('editor.transport.distanceUnit')}
          dimension="length"
          value={source.distanceUnit ?? 'km'}
          onChange={(distanceUnit) => set({ distanceUnit })}
        />
        <p className="derived" aria-live="polite">
          {tkm !== undefined && tkm >= 0 ? t('editor.transport.tkm', { tkm: format.number(tkm) }) : ''}
        </p>
      </div>
      <fieldset className="radio-group">
        <legend>{t('editor.transport.countedAt')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-by`}
            checked={byDataset}
            onChange={() => toDataset(references[0]?.processId ?? '', references[0]?.productId)}
          />
          {t('editor.transport.byDataset')}
        </label>
        <label>
          <input type="radio" name={`${id}-by`} checked={!byDataset} onChange={toFactor} />
          {t('editor.transport.byFactor')}
        </label>
      </fieldset>
      {byDataset ? (
        <div id={placeId([...at, 'dataset'])} tabIndex={-1}>
          <SelectField
            path={[...at, 'dataset', 'processId']}
            label={t('editor.transport.dataset')}
            value={searching ? SEARCH : (source.dataset?.processId ?? '')}
            options={datasetOptions}
            hint={
              references.length === 0
                ? t('editor.transport.noReference')
                : t('editor.transport.referenceHint')
            }
            onChange={(value) => {
              if (value === SEARCH) return setSearching(true);
              setSearching(false);
              const reference = references.find((d) => d.processId === value);
              toDataset(value, reference?.productId);
            }}
          />
          <IssueList issues={datasetIssues} />
          {searching && !readOnly && state.backgroundVersionId && (
            <DatasetSearch
              orgId={orgId}
              versionId={state.backgroundVersionId}
              label={t('editor.transport.search')}
              unit="t*km"
              // the datasets' names are English; the list keeps those per t·km
              initialText="transport"
              autoFocus
              onPick={(picked) => {
                setSearching(false);
                toDataset(picked.processId, picked.productId);
              }}
            />
          )}
        </div>
      ) : (
        <div className="form-grid">
          <NumberField
            path={[...at, 'factor', 'kgCo2ePerTkm']}
            label={t('editor.transport.factor')}
            unit={t('editor.transport.factorUnit')}
            value={source.factor?.kgCo2ePerTkm}
            onChange={(v) => set({ factor: { source: '', ...source.factor, kgCo2ePerTkm: v ?? Number.NaN } })}
          />
          <TextField
            path={[...at, 'factor', 'source']}
            label={t('editor.transport.factorSource')}
            hint={t('editor.transport.factorSourceHint')}
            value={source.factor?.source ?? ''}
            maxLength={500}
            onChange={(v) => set({ factor: { kgCo2ePerTkm: 0, ...source.factor, source: v } })}
          />
          <NumberField
            path={[...at, 'factor', 'year']}
            label={t('editor.transport.factorYear')}
            value={source.factor?.year}
            onChange={(year) => {
              const { year: _year, ...rest } = source.factor ?? { kgCo2ePerTkm: 0, source: '' };
              set({ factor: year === undefined ? rest : { ...rest, year } });
            }}
          />
        </div>
      )}
    </div>
  );
}
