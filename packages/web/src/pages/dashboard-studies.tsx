import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganisation } from '../api/organisation';
import { useFormat } from '../i18n/format';
import { studyStatusClass, type StudyRow } from './study-rows';

/**
 * The organisation's studies with their state and how they are verified (self-declared ones labelled so), each a
 * link to its page; links to all studies and to a new one.
 */
export function DashboardStudies({ rows }: { rows: StudyRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { organisation } = useOrganisation();
  const canCreate = organisation.role === 'owner' || organisation.role === 'editor';
  const links = (
    <p className="dashboard-actions">
      <Link to="/studies">{t('studies.dashboard.all')}</Link>
      {canCreate && (
        <>
          {' · '}
          <Link to="/studies/new">{t('studies.dashboard.new')}</Link>
        </>
      )}
    </p>
  );
  if (rows.length === 0)
    return (
      <>
        {links}
        <p className="muted">{t('dashboard.studies.none')}</p>
      </>
    );
  return (
    <>
      {links}
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t('dashboard.studies.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.studies.study')}</th>
              <th scope="col">{t('dashboard.studies.state')}</th>
              <th scope="col">{t('dashboard.studies.verification')}</th>
              <th scope="col">{t('dashboard.studies.updatedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  <Link to={`/studies/${encodeURIComponent(row.id)}`}>{row.title}</Link>
                  <div className="muted small">
                    {[row.productName, row.modelName].filter((name) => name !== null).join(' · ') ||
                      t('dashboard.studies.otherOrganisation')}
                  </div>
                </th>
                <td>
                  <span className={`status status-${studyStatusClass(row.state)}`}>
                    {t(`dashboard.studies.states.${row.state}`)}
                  </span>
                </td>
                <td>
                  {row.selfDeclared ? (
                    <strong>{t('dashboard.studies.selfDeclared')}</strong>
                  ) : (
                    t('dashboard.studies.thirdParty')
                  )}
                </td>
                <td>{format.dateTime(row.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
