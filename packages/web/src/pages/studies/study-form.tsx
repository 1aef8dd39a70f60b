import { Fragment, useId, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ALLOCATION_METHODS,
  BOUNDARIES,
  DATA_QUALITY_METHODS,
  DQR_INDICATORS,
  ELECTRICITY_ACCOUNTING,
  END_OF_LIFE_APPROACHES,
  GOAL_TEXTS,
  PRODUCT_TYPES,
  RULE_SET_IDS,
  SENSITIVITY_METHODS,
  UNCERTAINTY_METHODS,
  type FormIssue,
  type StudyFormValues,
} from './study-form-values';
import { useStudyNames } from './use-study-names';

/** What a control needs to be labelled and to read out its problems. */
interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** The fields typed as free text. */
type TextKey = {
  [K in keyof StudyFormValues]: string extends StudyFormValues[K]
    ? StudyFormValues[K] extends string
      ? K
      : never
    : never;
}[keyof StudyFormValues];

/** A requirement a person may attest (one the compliance check says needs evidence). */
export interface AttestableRequirement {
  id: string;
  clause: string;
}

/**
 * The study's form: the study (title, rule set, product type, boundary, declared and functional unit,
 * self-declaration), its goal and scope, the reference period, the choices (allocation, electricity, end of life,
 * use profile), cut-off criteria and exclusions, data quality, uncertainty and sensitivity, report information and
 * attestations — every statement the compliance check and the report read. Each field reads out its problems; the
 * caller holds the values, so nothing typed is lost whatever the server answers.
 *
 * @example <StudyForm values={values} onChange={setValues} issues={issues} onSubmit={save} submitLabel="Save" submitting={false} />
 */
export function StudyForm({
  values,
  onChange,
  issues,
  onSubmit,
  submitLabel,
  submitting,
  head,
  tools = {},
  attestable = [],
  invited = false,
}: {
  values: StudyFormValues;
  onChange(values: StudyFormValues): void;
  issues: readonly FormIssue[];
  onSubmit(): void;
  submitLabel: string;
  submitting: boolean;
  /** Fields the page puts first (the model and result of a new study, the result of a draft). */
  head?: ReactNode;
  /** Buttons that take a statement from the analyses of the result, by section. */
  tools?: { dataQuality?: ReactNode; uncertainty?: ReactNode; sensitivity?: ReactNode };
  attestable?: readonly AttestableRequirement[];
  /** A verifier is invited: making the study self-declared withdraws the invitation. */
  invited?: boolean;
}) {
  const { t } = useTranslation();
  const names = useStudyNames();
  const id = useId();
  const set = <K extends keyof StudyFormValues>(key: K, value: StudyFormValues[K]) =>
    onChange({ ...values, [key]: value });

  const field = (
    name: string,
    label: ReactNode,
    control: (props: ControlProps) => ReactNode,
    options: { hint?: string; wide?: boolean } = {},
  ) => {
    const own = issues.filter((issue) => issue.field === name);
    const controlId = `${id}-${name.replace(/\./g, '-')}`;
    const described = [options.hint ? `${controlId}-hint` : '', own.length ? `${controlId}-issues` : '']
      .filter(Boolean)
      .join(' ');
    return (
      <div className={`field${own.length ? ' field-invalid' : ''}${options.wide ? ' span-2' : ''}`}>
        <label htmlFor={controlId}>{label}</label>
        {control({
          id: controlId,
          ...(own.length ? { 'aria-invalid': true } : {}),
          ...(described ? { 'aria-describedby': described } : {}),
        })}
        {options.hint && (
          <p id={`${controlId}-hint`} className="field-hint">
            {options.hint}
          </p>
        )}
        {own.length > 0 && (
          <ul id={`${controlId}-issues`} className="field-issues">
            {own.map((issue, i) => (
              <li key={i} className="issue-error">
                {t(`studies.form.issues.${issue.key}`)}
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  };
  const text = (name: TextKey, label: string, hint?: string, wide = false) =>
    field(
      name,
      label,
      (p) => <input {...p} type="text" value={values[name]} onChange={(e) => set(name, e.target.value)} />,
      { hint, wide },
    );
  const area = (name: TextKey, label: string, hint?: string) =>
    field(
      name,
      label,
      (p) => <textarea {...p} rows={3} value={values[name]} onChange={(e) => set(name, e.target.value)} />,
      { hint, wide: true },
    );
  const numberField = (name: TextKey, label: string, hint?: string) =>
    field(
      name,
      label,
      (p) => (
        <input
          {...p}
          type="text"
          inputMode="decimal"
          value={values[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      ),
      { hint },
    );
  const date = (name: 'referenceStart' | 'referenceEnd' | 'reportDate', label: string) =>
    field(name, label, (p) => (
      <input {...p} type="date" value={values[name]} onChange={(e) => set(name, e.target.value)} />
    ));
  const suggestions = (listId: string, options: readonly string[]) => (
    <datalist id={listId}>
      {options.map((option) => (
        <option key={option} value={option} />
      ))}
    </datalist>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form onSubmit={submit} noValidate className="study-form">
      {issues.length > 0 && (
        <div className="message message-error" role="alert">
          <p>{t('studies.form.hasIssues', { count: issues.length })}</p>
        </div>
      )}
      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.study')}</legend>
        {head}
        <div className="form-grid">
          {text('title', t('studies.fields.title'), undefined, true)}
          {field(
            'ruleSetId',
            t('studies.fields.ruleSetId'),
            (p) => (
              <select
                {...p}
                value={values.ruleSetId}
                onChange={(e) => set('ruleSetId', e.target.value as StudyFormValues['ruleSetId'])}
              >
                {RULE_SET_IDS.map((ruleSet) => (
                  <option key={ruleSet} value={ruleSet}>
                    {names.ruleSet(ruleSet)}
                  </option>
                ))}
              </select>
            ),
            { wide: true, hint: t('studies.form.ruleSetHint') },
          )}
          {field('productType', t('studies.fields.productType'), (p) => (
            <select
              {...p}
              value={values.productType}
              onChange={(e) => set('productType', e.target.value as StudyFormValues['productType'])}
            >
              {PRODUCT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {names.productType(type)}
                </option>
              ))}
            </select>
          ))}
          {field('boundary', t('studies.fields.boundary'), (p) => (
            <select
              {...p}
              value={values.boundary}
              onChange={(e) => set('boundary', e.target.value as StudyFormValues['boundary'])}
            >
              {BOUNDARIES.map((boundary) => (
                <option key={boundary} value={boundary}>
                  {names.boundary(boundary)}
                </option>
              ))}
            </select>
          ))}
          {numberField('declaredAmount', t('studies.form.declaredAmount'))}
          {text('declaredUnit', t('studies.form.declaredUnit'))}
          {text(
            'functionalUnit',
            t('studies.fields.functionalUnit'),
            t('studies.form.functionalUnitHint'),
            true,
          )}
        </div>
        <div className="checkbox-field">
          <input
            id={`${id}-self`}
            type="checkbox"
            checked={values.selfDeclared}
            aria-describedby={`${id}-self-hint`}
            onChange={(e) => set('selfDeclared', e.target.checked)}
          />
          <label htmlFor={`${id}-self`}>{t('studies.form.selfDeclared')}</label>
          <p id={`${id}-self-hint`} className="field-hint">
            {t('studies.form.selfDeclaredHint')}
            {invited && values.selfDeclared && ` ${t('studies.form.selfDeclaredWithdraws')}`}
          </p>
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.period')}</legend>
        <div className="form-grid">
          {date('referenceStart', t('studies.form.referenceStart'))}
          {date('referenceEnd', t('studies.form.referenceEnd'))}
          {date('reportDate', t('studies.form.reportDate'))}
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.choices')}</legend>
        <div className="form-grid">
          {field('allocationMethod', names.declaration(['choices', 'allocation']), (p) => (
            <select
              {...p}
              value={values.allocationMethod}
              onChange={(e) => set('allocationMethod', e.target.value as StudyFormValues['allocationMethod'])}
            >
              <option value="">{t('studies.form.notStated')}</option>
              {ALLOCATION_METHODS.map((method) => (
                <option key={method} value={method}>
                  {names.choice('allocation', method)}
                </option>
              ))}
            </select>
          ))}
          {text('allocationJustification', t('studies.form.justification'), undefined, true)}
          {field('electricityAccounting', names.declaration(['choices', 'electricity']), (p) => (
            <select
              {...p}
              value={values.electricityAccounting}
              onChange={(e) =>
                set('electricityAccounting', e.target.value as StudyFormValues['electricityAccounting'])
              }
            >
              <option value="">{t('studies.form.notStated')}</option>
              {ELECTRICITY_ACCOUNTING.map((accounting) => (
                <option key={accounting} value={accounting}>
                  {names.choice('electricity', accounting)}
                </option>
              ))}
            </select>
          ))}
          {text('electricityStatement', t('studies.form.electricityStatement'), undefined, true)}
          {field('endOfLifeApproach', names.declaration(['choices', 'endOfLife']), (p) => (
            <select
              {...p}
              value={values.endOfLifeApproach}
              onChange={(e) =>
                set('endOfLifeApproach', e.target.value as StudyFormValues['endOfLifeApproach'])
              }
            >
              <option value="">{t('studies.form.notStated')}</option>
              {END_OF_LIFE_APPROACHES.map((approach) => (
                <option key={approach} value={approach}>
                  {names.choice('endOfLife', approach)}
                </option>
              ))}
            </select>
          ))}
          {text('endOfLifeStatement', t('studies.form.endOfLifeStatement'), undefined, true)}
          {area('useProfile', names.declaration(['choices', 'useProfile']))}
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.cutOff')}</legend>
        <div className="form-grid">
          {area('cutOffCriteria', t('studies.form.cutOffCriteria'), t('studies.form.cutOffHint'))}
        </div>
        <h3 className="list-heading">{t('studies.form.exclusions')}</h3>
        {values.exclusions.map((exclusion, i) => {
          const change = (patch: Partial<typeof exclusion>) =>
            set(
              'exclusions',
              values.exclusions.map((e, j) => (j === i ? { ...e, ...patch } : e)),
            );
          return (
            <fieldset key={i} className="row-group">
              <legend>{t('studies.form.exclusion', { number: i + 1 })}</legend>
              <div className="form-grid">
                {field(`exclusions.${i}.name`, t('studies.form.exclusionName'), (p) => (
                  <input
                    {...p}
                    type="text"
                    value={exclusion.name}
                    onChange={(e) => change({ name: e.target.value })}
                  />
                ))}
                {field(`exclusions.${i}.co2e`, t('studies.form.exclusionCo2e'), (p) => (
                  <input
                    {...p}
                    type="text"
                    inputMode="decimal"
                    value={exclusion.co2e}
                    onChange={(e) => change({ co2e: e.target.value })}
                  />
                ))}
                {field(`exclusions.${i}.sharePercent`, t('studies.form.exclusionShare'), (p) => (
                  <input
                    {...p}
                    type="text"
                    inputMode="decimal"
                    value={exclusion.sharePercent}
                    onChange={(e) => change({ sharePercent: e.target.value })}
                  />
                ))}
                {field(
                  `exclusions.${i}.reason`,
                  t('studies.form.exclusionReason'),
                  (p) => (
                    <input
                      {...p}
                      type="text"
                      value={exclusion.reason}
                      onChange={(e) => change({ reason: e.target.value })}
                    />
                  ),
                  { wide: true },
                )}
              </div>
              <div className="checkbox-field">
                <input
                  id={`${id}-covers-${i}`}
                  type="checkbox"
                  checked={exclusion.coversBackground}
                  onChange={(e) => change({ coversBackground: e.target.checked })}
                />
                <label htmlFor={`${id}-covers-${i}`}>{t('studies.form.exclusionCovers')}</label>
              </div>
              <button
                type="button"
                className="button-small button-danger"
                onClick={() =>
                  set(
                    'exclusions',
                    values.exclusions.filter((_, j) => j !== i),
                  )
                }
              >
                {t('studies.form.removeExclusion', { number: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="button-small"
          onClick={() =>
            set('exclusions', [
              ...values.exclusions,
              { name: '', co2e: '', sharePercent: '', reason: '', coversBackground: false },
            ])
          }
        >
          {t('studies.form.addExclusion')}
        </button>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.dataQuality')}</legend>
        {tools.dataQuality}
        <div className="form-grid">
          {field(
            'dataQualityMethod',
            t('studies.form.dataQualityMethod'),
            (p) => (
              <>
                <input
                  {...p}
                  type="text"
                  list={`${id}-dq-methods`}
                  value={values.dataQualityMethod}
                  onChange={(e) => set('dataQualityMethod', e.target.value)}
                />
                {suggestions(`${id}-dq-methods`, DATA_QUALITY_METHODS)}
              </>
            ),
            { hint: t('studies.form.dataQualityMethodHint') },
          )}
          {numberField('primaryDataSharePercent', t('studies.form.primaryDataShare'))}
          {numberField('coveragePercent', t('studies.form.coverage'))}
        </div>
        <fieldset className="row-group">
          <legend>{t('studies.form.ratings')}</legend>
          <div className="form-grid">
            {DQR_INDICATORS.map((indicator) => (
              <Fragment key={indicator}>
                {field(`ratings.${indicator}`, names.indicator(indicator), (p) => (
                  <input
                    {...p}
                    type="text"
                    inputMode="decimal"
                    value={values.ratings[indicator]}
                    onChange={(e) => set('ratings', { ...values.ratings, [indicator]: e.target.value })}
                  />
                ))}
              </Fragment>
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.uncertainty')}</legend>
        {tools.uncertainty}
        <div className="form-grid">
          {field('uncertaintyMethod', t('studies.form.uncertaintyMethod'), (p) => (
            <>
              <input
                {...p}
                type="text"
                list={`${id}-u-methods`}
                value={values.uncertaintyMethod}
                onChange={(e) => set('uncertaintyMethod', e.target.value)}
              />
              {suggestions(`${id}-u-methods`, UNCERTAINTY_METHODS)}
            </>
          ))}
          {numberField('iterations', t('studies.form.iterations'))}
          {numberField('mean', t('studies.form.mean'))}
          {numberField('standardDeviation', t('studies.form.standardDeviation'))}
        </div>
        {Object.keys(values.percentiles).length > 0 && (
          <p className="small muted">
            {t('studies.form.percentiles', {
              values: Object.entries(values.percentiles)
                .map(([key, value]) => `${key.replace('_', '.')}: ${value}`)
                .join(' · '),
            })}
          </p>
        )}
        <div className="form-grid">
          {area('uncertaintyStatement', names.declaration(['choices', 'uncertaintyStatement']))}
        </div>
        <h3 className="list-heading">{names.declaration(['sensitivity'])}</h3>
        {tools.sensitivity}
        <div className="form-grid">
          {field('sensitivityMethod', t('studies.form.sensitivityMethod'), (p) => (
            <>
              <input
                {...p}
                type="text"
                list={`${id}-s-methods`}
                value={values.sensitivityMethod}
                onChange={(e) => set('sensitivityMethod', e.target.value)}
              />
              {suggestions(`${id}-s-methods`, SENSITIVITY_METHODS)}
            </>
          ))}
        </div>
        {values.sensitivityEntries.map((entry, i) => {
          const change = (patch: Partial<typeof entry>) =>
            set(
              'sensitivityEntries',
              values.sensitivityEntries.map((e, j) => (j === i ? { ...e, ...patch } : e)),
            );
          return (
            <div key={i} className="entry-row">
              {field(`sensitivityEntries.${i}.name`, t('studies.form.entryName', { number: i + 1 }), (p) => (
                <input
                  {...p}
                  type="text"
                  value={entry.name}
                  onChange={(e) => change({ name: e.target.value })}
                />
              ))}
              {field(
                `sensitivityEntries.${i}.effect`,
                t('studies.form.entryEffect', { number: i + 1 }),
                (p) => (
                  <input
                    {...p}
                    type="text"
                    inputMode="decimal"
                    value={entry.effect}
                    onChange={(e) => change({ effect: e.target.value })}
                  />
                ),
              )}
              <button
                type="button"
                className="button-small button-danger"
                onClick={() =>
                  set(
                    'sensitivityEntries',
                    values.sensitivityEntries.filter((_, j) => j !== i),
                  )
                }
              >
                {t('studies.form.removeEntry', { number: i + 1 })}
              </button>
            </div>
          );
        })}
        <button
          type="button"
          className="button-small"
          onClick={() => set('sensitivityEntries', [...values.sensitivityEntries, { name: '', effect: '' }])}
        >
          {t('studies.form.addEntry')}
        </button>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.goal')}</legend>
        <p className="field-hint">{t('studies.form.goalHint')}</p>
        <div className="form-grid">
          {GOAL_TEXTS.flatMap((key) =>
            (['en', 'zh'] as const).map((language) => (
              <Fragment key={`${key}-${language}`}>
                {field(
                  `goal.${key}.${language}`,
                  `${t(`studies.form.goalTexts.${key}`)} (${t(`studies.form.languages.${language}`)})`,
                  (p) => (
                    <textarea
                      {...p}
                      rows={2}
                      lang={language === 'zh' ? 'zh-CN' : 'en'}
                      value={values.goal[key][language]}
                      onChange={(e) =>
                        set('goal', {
                          ...values.goal,
                          [key]: { ...values.goal[key], [language]: e.target.value },
                        })
                      }
                    />
                  ),
                  { wide: true },
                )}
              </Fragment>
            )),
          )}
          {text('commissioner', t('studies.form.commissioner'))}
          {text('practitioner', t('studies.form.practitioner'), t('studies.form.practitionerHint'))}
          {field(
            'scopeLimitationsEn',
            `${t('studies.form.scopeLimitations')} (${t('studies.form.languages.en')})`,
            (p) => (
              <textarea
                {...p}
                rows={3}
                lang="en"
                value={values.scopeLimitationsEn}
                onChange={(e) => set('scopeLimitationsEn', e.target.value)}
              />
            ),
            { hint: t('studies.form.scopeLimitationsHint') },
          )}
          {field(
            'scopeLimitationsZh',
            `${t('studies.form.scopeLimitations')} (${t('studies.form.languages.zh')})`,
            (p) => (
              <textarea
                {...p}
                rows={3}
                lang="zh-CN"
                value={values.scopeLimitationsZh}
                onChange={(e) => set('scopeLimitationsZh', e.target.value)}
              />
            ),
          )}
        </div>
        <div className="checkbox-field">
          <input
            id={`${id}-comparisons`}
            type="checkbox"
            checked={values.comparisonsIntended}
            onChange={(e) => set('comparisonsIntended', e.target.checked)}
          />
          <label htmlFor={`${id}-comparisons`}>{t('studies.form.comparisonsIntended')}</label>
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.report')}</legend>
        <div className="form-grid">
          {text('manufacturer', t('studies.declarations.report.manufacturer'))}
          {text('productIdentification', t('studies.declarations.report.productIdentification'))}
          {text('plantLocation', t('studies.declarations.report.plantLocation'))}
          {numberField('productMass', t('studies.declarations.report.productMassPerDeclaredUnit'))}
          {text('publicStudyUrl', t('studies.declarations.report.publicStudyUrl'), undefined, true)}
          {area('limitations', t('studies.declarations.report.limitations'))}
        </div>
      </fieldset>

      <fieldset className="card form-section">
        <legend>{t('studies.form.sections.attestations')}</legend>
        <p className="field-hint">{t('studies.form.attestationsHint')}</p>
        {suggestions(
          `${id}-requirements`,
          attestable.map((r) => r.id),
        )}
        {values.attestations.map((attestation, i) => {
          const change = (patch: Partial<typeof attestation>) =>
            set(
              'attestations',
              values.attestations.map((a, j) => (j === i ? { ...a, ...patch } : a)),
            );
          return (
            <fieldset key={i} className="row-group">
              <legend>{t('studies.form.attestation', { number: i + 1 })}</legend>
              <div className="form-grid">
                {field(
                  `attestations.${i}.requirementId`,
                  t('studies.form.requirement'),
                  (p) => (
                    <input
                      {...p}
                      type="text"
                      list={`${id}-requirements`}
                      value={attestation.requirementId}
                      onChange={(e) => change({ requirementId: e.target.value })}
                    />
                  ),
                  { wide: true },
                )}
                {field(
                  `attestations.${i}.statement`,
                  t('studies.form.attestationStatement'),
                  (p) => (
                    <textarea
                      {...p}
                      rows={2}
                      value={attestation.statement}
                      onChange={(e) => change({ statement: e.target.value })}
                    />
                  ),
                  { wide: true },
                )}
                {field(`attestations.${i}.by`, t('studies.form.attestationBy'), (p) => (
                  <input
                    {...p}
                    type="text"
                    value={attestation.by}
                    onChange={(e) => change({ by: e.target.value })}
                  />
                ))}
                {field(`attestations.${i}.reference`, t('studies.form.attestationReference'), (p) => (
                  <input
                    {...p}
                    type="text"
                    value={attestation.reference}
                    onChange={(e) => change({ reference: e.target.value })}
                  />
                ))}
              </div>
              <button
                type="button"
                className="button-small button-danger"
                onClick={() =>
                  set(
                    'attestations',
                    values.attestations.filter((_, j) => j !== i),
                  )
                }
              >
                {t('studies.form.removeAttestation', { number: i + 1 })}
              </button>
            </fieldset>
          );
        })}
        <div className="button-row">
          <button
            type="button"
            className="button-small"
            onClick={() =>
              set('attestations', [
                ...values.attestations,
                { requirementId: '', statement: '', by: '', reference: '' },
              ])
            }
          >
            {t('studies.form.addAttestation')}
          </button>
          {attestable
            .filter((r) => !values.attestations.some((a) => a.requirementId === r.id))
            .map((r) => (
              <button
                key={r.id}
                type="button"
                className="button-small"
                onClick={() =>
                  set('attestations', [
                    ...values.attestations,
                    { requirementId: r.id, statement: '', by: '', reference: '' },
                  ])
                }
              >
                {t('studies.form.attest', { clause: r.clause })}
              </button>
            ))}
        </div>
      </fieldset>

      <div className="form-submit">
        <button type="submit" className="button-main" disabled={submitting}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
