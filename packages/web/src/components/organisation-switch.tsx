import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisation } from '../api/organisation';

/**
 * The current organisation: its name, and a switch when the user belongs to several.
 *
 * @example <OrganisationSwitch />
 */
export function OrganisationSwitch() {
  const { t } = useTranslation();
  const { organisation, organisations, choose } = useOrganisation();
  const id = useId();
  if (organisations.length === 1)
    return (
      <p className="organisation-name">
        <span className="visually-hidden">{t('organisation.label')}: </span>
        {organisation.name}
      </p>
    );
  return (
    <div className="field-inline">
      <label htmlFor={id}>{t('organisation.label')}</label>
      <select id={id} value={organisation.id} onChange={(event) => choose(event.target.value)}>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}
