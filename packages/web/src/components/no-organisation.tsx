import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignOut } from '../api/session';

/** A signed-in user who belongs to no organisation yet: what to do, and a way out. */
export function NoOrganisation() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <main className="app-main" id="main">
      <h1>{t('organisation.noneTitle')}</h1>
      <p>{t('organisation.noneText')}</p>
      <button
        type="button"
        className="button-secondary"
        onClick={() => signOut.mutate(undefined, { onSuccess: () => void navigate('/sign-in') })}
      >
        {t('nav.signOut')}
      </button>
    </main>
  );
}
