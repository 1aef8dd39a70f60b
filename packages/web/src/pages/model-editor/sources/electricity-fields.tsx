import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { languageOf } from '../../../i18n/i18n';
import { newInstrument } from '../document-operations';
import { placeId, useEditor, useIssuesAt } from '../editor-context';
import { IssueList } from '../field-frame';
import { SelectField, type SelectOption } from '../fields/select-field';
import type { DocumentPath, ElectricityInstrument, ElectricitySource } from '../model-types';
import {
  electricityDefault,
  findRegion,
  hasLifeCycle,
  LIFE_CYCLE,
  OPERATIONAL,
  type ElectricityFactorBasis,
} from './electricity-basis';
import { InstrumentEditor } from './instrument-editor';

const ACCOUNTING: readonly NonNullable<ElectricitySource['accounting']>[] = [
  'location-based',
  'market-based',
  'residual-mix',
  'eu-battery',
];
/** Life-cycle first: the basis ISO 14067 asks for, and the default where the area's grid has it. */
const BASES: readonly ElectricityFactorBasis[] = [LIFE_CYCLE, OPERATIONAL];

/**
 * Grid electricity of a China area (GET /v1/reference/electricity): the area (national, regional grid or
 * province), the data year of its published factor, the factor basis, the accounting choice with what it means,
 * and the instruments (green certificates, PPAs, on-site, direct lines) that cover part of it. The factor the
 * choice takes is shown with its publisher, so the user sees what the calculation will use.
 *
 * The factor basis: life-cycle CO2e (what ISO 14067 counts) wherever the area's grid has it — the reference
 * publishes it for the national grid only —, operational CO2 where only that exists (regional grids, provinces);
 * choosing an area takes its default basis. The form says why in plain words and what the other option means, and
 * cautions whenever operational CO2 is chosen. (A document without `factorBasis` is operational, the engine's
 * default: it is shown as such.)
 */
export function ElectricityFields({
  path,
  source,
  inputUnit,
  onChange,
}: {
  path: DocumentPath;
  source: ElectricitySource;
  inputUnit: string;
  onChange: (source: ElectricitySource) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { electricity: reference, readOnly } = useEditor();
  const at = [...path, 'source'];
  const instrumentsIssues = useIssuesAt([...at, 'instruments']);
  const zh = languageOf(i18n) === 'zh-CN';
  const basis = source.factorBasis ?? OPERATIONAL;
  const accounting = source.accounting ?? 'location-based';
  const instruments = source.instruments ?? [];

  if (!reference) return <p className="muted">{t('common.loading')}</p>;
  const region = findRegion(reference.regions, source.region);
  const lifeCycleHere = hasLifeCycle(region);
  const regionName = region ? (zh ? region.name : region.nameEnglish) : source.region;
  const regionOptions: SelectOption[] = [
    ...(region ? [] : [{ value: source.region, label: source.region }]),
    ...reference.regions.map((r) => ({
      value: r.name,
      label: zh ? r.name : `${r.nameEnglish} (${r.name})`,
      group: t(`editor.electricity.levels.${r.level}`),
    })),
  ];
  const years = region?.years[basis] ?? [];
  const yearOptions = [...new Set([...years, source.year])]
    .sort((a, b) => b - a)
    .map((year) => ({
      value: String(year),
      label: years.includes(year) ? String(year) : t('editor.electricity.yearWithout', { year }),
    }));
  const factor =
    region &&
    reference.factors.find(
      (f) =>
        f.region === region.name &&
        f.year === source.year &&
        f.factorBasis === basis &&
        f.variant === 'location-average',
    );
  const residualId = reference.residualMix.find((r) => r.year === source.year)?.factorId;
  const residual = residualId ? reference.factors.find((f) => f.id === residualId) : undefined;
  const sourceOf = (id: string) => reference.sources.find((s) => s.id === id);
  const set = (change: Partial<ElectricitySource>) => onChange({ ...source, ...change });
  const setInstruments = (next: ElectricityInstrument[]) => set({ instruments: next });

  return (
    <div className="source-fields electricity-fields">
      <div className="form-grid">
        <SelectField
          path={[...at, 'region']}
          label={t('editor.electricity.region')}
          value={region?.name ?? source.region}
          options={regionOptions}
          onChange={(value) => {
            const next = reference.regions.find((r) => r.name === value);
            // the new area's default basis (life-cycle where its grid has it); keep the year when the area has a
            // factor for it on that basis, else take its latest
            const start = electricityDefault(
              next,
              reference.residualMix.map((r) => r.year),
            );
            if (!next || !start) {
              set({ region: value });
              return;
            }
            set({
              region: value,
              factorBasis: start.factorBasis,
              year: next.years[start.factorBasis].includes(source.year) ? source.year : start.year,
            });
          }}
        />
        <SelectField
          path={[...at, 'factorBasis']}
          label={t('editor.electricity.basis')}
          className="span-2"
          value={basis}
          options={BASES.map((b) => {
            // life-cycle factors exist for the national grid only: not a choice for a province
            const unavailable = b === LIFE_CYCLE && region !== undefined && !lifeCycleHere;
            return {
              value: b,
              label: unavailable
                ? `${t(`editor.electricity.bases.${b}`)} ${t('editor.electricity.nationalOnly')}`
                : t(`editor.electricity.bases.${b}`),
              disabled: unavailable && basis !== b,
            };
          })}
          hint={t(`editor.electricity.basisHints.${basis}`)}
          onChange={(value) => {
            const next = value as typeof basis;
            const available = region?.years[next] ?? [];
            set({
              factorBasis: next,
              ...(available.length && !available.includes(source.year)
                ? { year: Math.max(...available) }
                : {}),
            });
          }}
        />
        <SelectField
          path={[...at, 'year']}
          label={t('editor.electricity.year')}
          value={String(source.year)}
          options={yearOptions}
          onChange={(value) => set({ year: Number(value) })}
        />
        <SelectField
          path={[...at, 'accounting']}
          label={t('editor.electricity.accounting')}
          className="span-2"
          value={accounting}
          options={ACCOUNTING.map((a) => ({ value: a, label: t(`editor.electricity.accountings.${a}`) }))}
          hint={t(`editor.electricity.accountingHints.${accounting}`)}
          onChange={(value) => set({ accounting: value as typeof accounting })}
        />
        <SelectField
          path={[...at, 'timeMatching']}
          label={t('editor.electricity.timeMatching')}
          value={source.timeMatching ?? 'annual'}
          options={(['annual', 'hourly'] as const).map((m) => ({
            value: m,
            label: t(`editor.electricity.timeMatchings.${m}`),
          }))}
          onChange={(value) => set({ timeMatching: value as 'annual' | 'hourly' })}
        />
      </div>
      <div className="electricity-basis-notes">
        <p className="field-hint">
          {lifeCycleHere || region === undefined
            ? t('editor.electricity.basisWhy')
            : t('editor.electricity.noLifeCycleHere', { region: regionName })}
        </p>
        {basis === OPERATIONAL && (
          <p className="issue-warning small electricity-caution" role="note">
            {t('editor.electricity.operationalCaution')}
          </p>
        )}
      </div>
      <dl className="facts small">
        <dt>{t('editor.electricity.gridFactor')}</dt>
        <dd>
          {factor
            ? t('editor.electricity.factorValue', {
                value: format.number(factor.value),
                unit: factor.unit,
                issuer: sourceOf(factor.sourceId)?.issuer ?? factor.sourceId,
              })
            : t('editor.electricity.noFactor')}
        </dd>
        {accounting !== 'location-based' && accounting !== 'eu-battery' && (
          <>
            <dt>{t('editor.electricity.residualFactor')}</dt>
            <dd>
              {residual
                ? t('editor.electricity.factorValue', {
                    value: format.number(residual.value),
                    unit: residual.unit,
                    issuer: sourceOf(residual.sourceId)?.issuer ?? residual.sourceId,
                  })
                : t('editor.electricity.noFactor')}
            </dd>
          </>
        )}
      </dl>
      <fieldset className="instruments" id={placeId([...at, 'instruments'])} tabIndex={-1}>
        <legend>{t('editor.electricity.instruments', { count: instruments.length })}</legend>
        <p className="field-hint">
          {accounting === 'location-based' || accounting === 'residual-mix'
            ? t('editor.electricity.instrumentsUnused')
            : accounting === 'eu-battery'
              ? t('editor.electricity.instrumentsEuBattery')
              : t('editor.electricity.instrumentsMarket')}
        </p>
        <IssueList issues={instrumentsIssues} />
        {instruments.map((instrument, j) => (
          <InstrumentEditor
            key={j}
            path={[...at, 'instruments', j]}
            instrument={instrument}
            inputUnit={inputUnit}
            hourly={(source.timeMatching ?? 'annual') === 'hourly'}
            euBattery={accounting === 'eu-battery'}
            onChange={(next) => setInstruments(instruments.map((x, k) => (k === j ? next : x)))}
            onRemove={() => setInstruments(instruments.filter((_, k) => k !== j))}
          />
        ))}
        {!readOnly && (
          <button
            type="button"
            className="button-small"
            onClick={() => setInstruments([...instruments, newInstrument(instruments)])}
          >
            {t('editor.electricity.addInstrument')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
