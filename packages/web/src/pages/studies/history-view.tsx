import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { StudyDetail } from './study-queries';
import { useStudyNames } from './use-study-names';

/** The details of an event the history shows (the audit log keeps more: ids of users and organisations). */
const SHOWN_DETAILS = [
  'reason',
  'note',
  'fields',
  'itemPath',
  'resultId',
  'frozenInputsHash',
  'statementId',
  'supersededBy',
  'successorId',
];

/**
 * Every action on the study from the audit log, oldest first: when, who (and their organisation), what, the state
 * it moved from and to, and what it concerned (a reason, a note, the changed fields, the frozen hash …).
 *
 * @example <HistoryView study={study} />
 */
export function HistoryView({ study }: { study: StudyDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const names = useStudyNames();
  const organisation = (id: string | null) =>
    id === study.organisationId
      ? study.organisationName
      : id === study.verifier?.organisationId
        ? study.verifier.organisationName
        : id === study.certificationBody?.organisationId
          ? study.certificationBody.organisationName
          : '';
  const detail = (value: unknown) =>
    Array.isArray(value)
      ? value.map((field) => names.field(String(field))).join(', ')
      : typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
  return (
    <section className="card" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('studies.history.title')}</h2>
      <div className="table-scroll" role="region" aria-labelledby="history-heading" tabIndex={0}>
        <table>
          <caption className="visually-hidden">{t('studies.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('studies.history.when')}</th>
              <th scope="col">{t('studies.history.who')}</th>
              <th scope="col">{t('studies.history.action')}</th>
              <th scope="col">{t('studies.history.move')}</th>
              <th scope="col">{t('studies.history.details')}</th>
            </tr>
          </thead>
          <tbody>
            {study.history.map((event, i) => (
              <tr key={i}>
                <td className="nowrap">{format.dateTime(event.at)}</td>
                <td>
                  {event.actorName ?? t('studies.findings.someone')}
                  {organisation(event.actorOrganisationId) && (
                    <span className="cell-note">{organisation(event.actorOrganisationId)}</span>
                  )}
                </td>
                <th scope="row" className="nowrap">
                  {t(`studies.history.actions.${event.action}`, { defaultValue: event.action })}
                </th>
                <td>
                  {event.from === null ? '—' : names.state(event.from)} →{' '}
                  {event.to === null ? '—' : names.state(event.to)}
                </td>
                <td>
                  <dl className="event-details">
                    {SHOWN_DETAILS.filter(
                      (key) => event.details[key] !== undefined && event.details[key] !== null,
                    ).map((key) => (
                      <div key={key}>
                        <dt>{t(`studies.history.detailNames.${key}`)}</dt>
                        <dd className={key.endsWith('Hash') || key.endsWith('Id') ? 'mono' : undefined}>
                          {detail(event.details[key])}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
