import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { languageOf } from '../../i18n/i18n';
import { ComposerRow, ItemFindings } from './item-findings';
import { evidenceItemPath, type ItemRoots } from './item-path';
import type { ComplianceReport, ComplianceRow, Evidence } from './read-compliance';
import { useStudyNames } from './use-study-names';

/** The status as a word and a mark that does not rely on colour alone. */
const MARKS: Record<ComplianceRow['status'], string> = {
  met: '✓',
  'not-met': '✗',
  'not-applicable': '–',
  'needs-evidence': '?',
};

function EvidenceList({ evidence }: { evidence: Evidence[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (evidence.length === 0) return null;
  const value = (v: Evidence['value']) =>
    v === null ? t('studies.compliance.notStated') : typeof v === 'number' ? format.number(v) : String(v);
  return (
    <details className="evidence">
      <summary>{t('studies.compliance.evidence', { count: evidence.length })}</summary>
      <ul className="plain-list">
        {evidence.map((e, i) => (
          <li key={i}>
            <code className="item-path">{e.path}</code> = {value(e.value)}
            {e.note && <span className="muted"> ({e.note})</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * The study checked against its rule set: the counts, whether publication is blocked (each mandatory requirement
 * not met, with what to fix), and every requirement with its clause, level, status, what the check found (in the
 * reader's language, as the checker words it), its evidence and how to fix it. The invited verifier may raise a
 * finding on a requirement (on the item its evidence points at).
 *
 * @example <ComplianceView report={compliance.data} roots={roots} editHref="/studies/…/edit" />
 */
export function ComplianceView({
  report,
  roots,
  editHref,
}: {
  report: ComplianceReport;
  roots: ItemRoots;
  /** Where the practitioner changes the study (null: the reader cannot now). */
  editHref: string | null;
}) {
  const { t, i18n } = useTranslation();
  const names = useStudyNames();
  const zh = languageOf(i18n) === 'zh-CN';
  const local = (text: { en: string; zh: string }) => (zh ? text.zh : text.en);
  const blocking = report.rows.filter((row) => row.blocking);
  return (
    <section className="card" aria-labelledby="compliance-heading">
      <h2 id="compliance-heading">{t('studies.compliance.title')}</h2>
      <p>
        {t('studies.compliance.against', {
          ruleSet: names.ruleSet(report.ruleSetId),
          version: report.ruleSetVersion,
        })}
      </p>
      <ul className="compliance-counts" aria-label={t('studies.compliance.countsLabel')}>
        <li className="compliance-met">{t('studies.compliance.counts.met', { count: report.counts.met })}</li>
        <li className="compliance-not-met">
          {t('studies.compliance.counts.notMet', { count: report.counts.notMet })}
        </li>
        <li className="compliance-needs-evidence">
          {t('studies.compliance.counts.needsEvidence', { count: report.counts.needsEvidence })}
        </li>
        <li className="compliance-not-applicable">
          {t('studies.compliance.counts.notApplicable', { count: report.counts.notApplicable })}
        </li>
      </ul>
      {report.blocksPublication ? (
        <div className="message message-error publication-blocked" role="status">
          <p>
            <strong>{t('studies.compliance.blocked', { count: blocking.length })}</strong>
          </p>
          <ul>
            {blocking.map((row) => (
              <li key={row.requirementId}>
                <strong>{row.clause}</strong> {local(row.message)}
                {row.fix && (
                  <span className="block">{t('studies.compliance.howToFix', { fix: local(row.fix) })}</span>
                )}
              </li>
            ))}
          </ul>
          {editHref && (
            <p>
              <Link to={editHref}>{t('studies.compliance.editToFix')}</Link>
            </p>
          )}
        </div>
      ) : (
        <div className="message message-info" role="status">
          <p>{t('studies.compliance.notBlocked')}</p>
        </div>
      )}
      <div className="table-scroll">
        <table className="compliance-table">
          <caption className="visually-hidden">{t('studies.compliance.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studies.compliance.requirement')}</th>
              <th scope="col">{t('studies.compliance.level')}</th>
              <th scope="col">{t('studies.compliance.status')}</th>
              <th scope="col">{t('studies.compliance.found')}</th>
              <th scope="col" className="nowrap">
                {t('studies.findings.title')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const path = evidenceItemPath(row.evidence[0]?.path ?? '', roots);
              const key = `compliance:${row.requirementId}`;
              return (
                <Fragment key={row.requirementId}>
                  <tr
                    className={`compliance-row compliance-${row.status}${row.blocking ? ' compliance-blocking' : ''}`}
                  >
                    <th scope="row">
                      {row.clause}
                      <span className="cell-note">
                        {t(`studies.compliance.topics.${row.topic}`, { defaultValue: row.topic })}
                      </span>
                      <span className="cell-note mono">{row.requirementId}</span>
                    </th>
                    <td className="nowrap">
                      {t(`studies.compliance.levels.${row.level}`, { defaultValue: row.level })}
                    </td>
                    <td className="nowrap">
                      <span className={`compliance-status status-mark-${row.status}`}>
                        <span aria-hidden="true">{MARKS[row.status]} </span>
                        {t(`studies.compliance.statuses.${row.status}`)}
                      </span>
                      {row.blocking && (
                        <span className="cell-note blocking-note">
                          {t('studies.compliance.blocksPublication')}
                        </span>
                      )}
                    </td>
                    <td>
                      <p className="compliance-message">{local(row.message)}</p>
                      {row.fix && (row.status === 'not-met' || row.status === 'needs-evidence') && (
                        <p className="compliance-fix">
                          {t('studies.compliance.howToFix', { fix: local(row.fix) })}
                        </p>
                      )}
                      {row.toBeConfirmed.length > 0 && (
                        <p className="cell-note">
                          {t('studies.compliance.toBeConfirmed')}{' '}
                          <span lang="en">{row.toBeConfirmed.join('; ')}</span>
                        </p>
                      )}
                      <EvidenceList evidence={row.evidence} />
                    </td>
                    <td>
                      <ItemFindings
                        path={path}
                        targetKey={key}
                        text={`${row.clause} (${row.requirementId}): `}
                      />
                    </td>
                  </tr>
                  <ComposerRow targetKey={key} columns={5} />
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
