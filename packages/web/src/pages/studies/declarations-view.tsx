import type { Schema } from '@opencfp/client';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { ComposerRow, ItemFindings } from './item-findings';
import { itemAnchor, itemPath, type StudyField } from './item-path';
import { GOAL_TEXTS } from './study-form-values';
import type { Study } from './study-queries';
import { useStudyNames } from './use-study-names';

type Declarations = Schema<'StudyDeclarations'>;

/** A text of the goal and scope in the reader's language (the other language's when it gives only that one). */
function localText(text: string | { en?: string; zh?: string } | undefined, zh: boolean): string | null {
  if (text === undefined) return null;
  if (typeof text === 'string') return text;
  return (zh ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? null;
}

/** The goal and scope as stated, each text in the reader's language where given. */
function GoalAndScope({ goal }: { goal: NonNullable<Declarations['goalAndScope']> }) {
  const { t, i18n } = useTranslation();
  const zh = languageOf(i18n) === 'zh-CN';
  return (
    <dl className="facts small">
      {GOAL_TEXTS.map((key) => {
        const text = localText(goal[key], zh);
        return text === null ? null : (
          <Fragment key={key}>
            <dt>{t(`studies.form.goalTexts.${key}`)}</dt>
            <dd>{text}</dd>
          </Fragment>
        );
      })}
      {goal.commissioner && (
        <>
          <dt>{t('studies.form.commissioner')}</dt>
          <dd>{goal.commissioner}</dd>
        </>
      )}
      {goal.practitioner && (
        <>
          <dt>{t('studies.form.practitioner')}</dt>
          <dd>{goal.practitioner}</dd>
        </>
      )}
      {goal.comparisonsIntended && (
        <>
          <dt>{t('studies.form.comparisonsIntended')}</dt>
          <dd>✓</dd>
        </>
      )}
      {(goal.limitations ?? []).length > 0 && (
        <>
          <dt>{t('studies.form.scopeLimitations')}</dt>
          <dd>
            <ul className="cell-list">
              {(goal.limitations ?? []).map((l, i) => (
                <li key={i}>{localText(l, zh)}</li>
              ))}
            </ul>
          </dd>
        </>
      )}
    </dl>
  );
}

/** One row: what is stated, where it is (item path: the statement, or the declarations when it is not made). */
interface Row {
  key: string;
  label: string;
  value: ReactNode;
  path: string;
}

/**
 * What the study states, read-only: its fields (rule set, units, boundary, product type) and its declarations
 * (reference period, choices, cut-off, data quality, uncertainty, sensitivity, report information, attestations),
 * each with its findings; a statement not made reads "not stated" (a finding on it is raised on the declarations).
 *
 * @example <DeclarationsView study={study} />
 */
export function DeclarationsView({ study }: { study: Study }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  // the server stores the declarations as validated by StudyDeclarations; the API answers them untyped
  const d = study.declarations as Declarations;
  const choices = d.choices ?? {};
  const none = <span className="muted">{t('studies.compliance.notStated')}</span>;
  const percent = (share: number | undefined) => (share === undefined ? null : format.percent(share));
  const declarationPath = (present: boolean, ...tokens: string[]) =>
    present ? itemPath({ kind: 'declaration', path: tokens }) : itemPath({ kind: 'declaration', path: [] });
  const field = (f: StudyField, value: ReactNode): Row => ({
    key: f,
    label: names.field(f),
    value,
    path: itemPath({ kind: 'field', field: f }),
  });
  const statement = (main: string | null, detail?: string | null) =>
    main === null ? (
      none
    ) : (
      <>
        {main}
        {detail && <span className="cell-note">{detail}</span>}
      </>
    );

  const rows: Row[] = [
    field('ruleSetId', `${names.ruleSet(study.ruleSetId)} (${study.ruleSetVersion})`),
    field('declaredUnit', format.amount(study.declaredUnit.amount, study.declaredUnit.unit)),
    field('functionalUnit', study.functionalUnit ?? none),
    field('boundary', names.boundary(study.boundary)),
    field('productType', names.productType(study.productType)),
    {
      key: 'referencePeriod',
      label: names.declaration(['referencePeriod']),
      value: d.referencePeriod ? t('studies.declarations.referencePeriod.value', d.referencePeriod) : none,
      path: declarationPath(Boolean(d.referencePeriod), 'referencePeriod'),
    },
    {
      key: 'reportDate',
      label: names.declaration(['reportDate']),
      value: d.reportDate ?? none,
      path: declarationPath(Boolean(d.reportDate), 'reportDate'),
    },
    {
      key: 'allocation',
      label: names.declaration(['choices', 'allocation']),
      value: statement(
        choices.allocation ? names.choice('allocation', choices.allocation.method) : null,
        choices.allocation?.justification,
      ),
      path: declarationPath(Boolean(choices.allocation), 'choices', 'allocation'),
    },
    {
      key: 'electricity',
      label: names.declaration(['choices', 'electricity']),
      value: statement(
        choices.electricity ? names.choice('electricity', choices.electricity.accounting) : null,
        choices.electricity?.statement,
      ),
      path: declarationPath(Boolean(choices.electricity), 'choices', 'electricity'),
    },
    {
      key: 'endOfLife',
      label: names.declaration(['choices', 'endOfLife']),
      value: statement(
        choices.endOfLife ? names.choice('endOfLife', choices.endOfLife.approach) : null,
        choices.endOfLife?.statement,
      ),
      path: declarationPath(Boolean(choices.endOfLife), 'choices', 'endOfLife'),
    },
    {
      key: 'cutOff',
      label: names.declaration(['choices', 'cutOff']),
      value: choices.cutOff ? (
        <>
          {choices.cutOff.criteria}
          {choices.cutOff.exclusions.length > 0 && (
            <ul className="cell-list">
              {choices.cutOff.exclusions.map((e, i) => (
                <li key={i}>
                  {e.name}
                  {e.co2e !== undefined && ` · ${format.co2e(e.co2e)}`}
                  {e.share !== undefined && ` · ${format.percent(e.share)}`} — {e.reason}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        none
      ),
      path: declarationPath(Boolean(choices.cutOff), 'choices', 'cutOff'),
    },
    {
      key: 'dataQuality',
      label: names.declaration(['dataQuality']),
      value: d.dataQuality ? (
        <>
          {d.dataQuality.method}
          <span className="cell-note">
            {[
              percent(d.dataQuality.primaryDataShare) &&
                t('studies.declarations.dataQuality.primary', {
                  share: percent(d.dataQuality.primaryDataShare),
                }),
              percent(d.dataQuality.coverage) &&
                t('studies.declarations.dataQuality.coverage', { share: percent(d.dataQuality.coverage) }),
              ...Object.entries(d.dataQuality.ratings ?? {}).map(
                ([indicator, value]) => `${names.indicator(indicator)} ${format.number(value)}`,
              ),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </>
      ) : (
        none
      ),
      path: declarationPath(Boolean(d.dataQuality), 'dataQuality'),
    },
    {
      key: 'uncertainty',
      label: names.declaration(['uncertainty']),
      value: d.uncertainty ? (
        <>
          {d.uncertainty.method}
          <span className="cell-note">
            {[
              d.uncertainty.iterations !== undefined &&
                t('studies.declarations.uncertainty.iterations', { count: d.uncertainty.iterations }),
              d.uncertainty.mean !== undefined &&
                t('studies.declarations.uncertainty.mean', { value: format.co2e(d.uncertainty.mean) }),
              d.uncertainty.standardDeviation !== undefined &&
                t('studies.declarations.uncertainty.sd', {
                  value: format.co2e(d.uncertainty.standardDeviation),
                }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </>
      ) : (
        none
      ),
      path: declarationPath(Boolean(d.uncertainty), 'uncertainty'),
    },
    {
      key: 'uncertaintyStatement',
      label: names.declaration(['choices', 'uncertaintyStatement']),
      value: choices.uncertaintyStatement ?? none,
      path: declarationPath(Boolean(choices.uncertaintyStatement), 'choices', 'uncertaintyStatement'),
    },
    {
      key: 'sensitivity',
      label: names.declaration(['sensitivity']),
      value: d.sensitivity ? (
        <>
          {d.sensitivity.method}
          {d.sensitivity.entries.length > 0 && (
            <ul className="cell-list">
              {d.sensitivity.entries.map((e, i) => (
                <li key={i}>
                  {e.name}: {format.number(e.effect)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        none
      ),
      path: declarationPath(Boolean(d.sensitivity), 'sensitivity'),
    },
    {
      key: 'useProfile',
      label: names.declaration(['choices', 'useProfile']),
      value: choices.useProfile ?? none,
      path: declarationPath(Boolean(choices.useProfile), 'choices', 'useProfile'),
    },
    {
      key: 'report',
      label: names.declaration(['report']),
      value: d.report ? (
        <dl className="facts small">
          {(
            [
              'manufacturer',
              'productIdentification',
              'plantLocation',
              'publicStudyUrl',
              'productMassPerDeclaredUnit',
              'limitations',
            ] as const
          ).map((key) =>
            d.report?.[key] === undefined ? null : (
              <Fragment key={key}>
                <dt>{t(`studies.declarations.report.${key}`)}</dt>
                <dd>{typeof d.report[key] === 'number' ? format.number(d.report[key]) : d.report[key]}</dd>
              </Fragment>
            ),
          )}
        </dl>
      ) : (
        none
      ),
      path: declarationPath(Boolean(d.report), 'report'),
    },
    {
      key: 'goalAndScope',
      label: names.declaration(['goalAndScope']),
      value: d.goalAndScope ? <GoalAndScope goal={d.goalAndScope} /> : none,
      path: declarationPath(Boolean(d.goalAndScope), 'goalAndScope'),
    },
    ...(d.attestations ?? []).map((a, i) => ({
      key: `attestation-${i}`,
      label: t('studies.declarations.attestations.one', { requirement: a.requirementId }),
      value: statement(a.statement, [a.by, a.reference].filter(Boolean).join(' · ') || null),
      path: itemPath({ kind: 'declaration', path: ['attestations', String(i)] }),
    })),
  ];

  return (
    <section className="card" aria-labelledby="declarations-heading">
      <h2 id="declarations-heading">{t('studies.declarations.title')}</h2>
      <div className="table-scroll">
        <table className="declarations-table">
          <caption className="visually-hidden">{t('studies.declarations.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studies.declarations.what')}</th>
              <th scope="col">{t('studies.declarations.stated')}</th>
              <th scope="col" className="nowrap">
                {t('studies.findings.title')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = `declaration:${row.key}`;
              return (
                <Fragment key={row.key}>
                  <tr
                    id={
                      row.path === itemPath({ kind: 'declaration', path: [] })
                        ? undefined
                        : itemAnchor(row.path)
                    }
                  >
                    <th scope="row">{row.label}</th>
                    <td>{row.value}</td>
                    <td>
                      <ItemFindings path={row.path} targetKey={key} />
                    </td>
                  </tr>
                  <ComposerRow targetKey={key} columns={3} />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
