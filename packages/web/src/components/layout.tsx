import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { useSignOut } from '../api/session';
import type { Schema } from '@opencfp/client';
import { LanguageSwitch } from './language-switch';
import { OrganisationSwitch } from './organisation-switch';
import { Loading } from './query-state';

/**
 * The frame of the signed-in pages: a skip link, the header with navigation, organisation, language and
 * sign-out, and the page in `<main>`.
 *
 * @example <Route element={<Layout user={me.user} />}>…</Route>
 */
export function Layout({ user }: { user: Schema<'User'> }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          OpenCFP
        </div>
        <nav aria-label={t('nav.label')}>
          <ul className="nav-list">
            <li>
              <NavLink to="/" end>
                {t('nav.dashboard')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/databases">{t('nav.databases')}</NavLink>
            </li>
            <li>
              <NavLink to="/studies">{t('studies.nav')}</NavLink>
            </li>
          </ul>
        </nav>
        <div className="header-tools">
          <OrganisationSwitch />
          <LanguageSwitch />
          <span className="user-name" title={user.email}>
            {user.name}
          </span>
          <button
            type="button"
            className="button-secondary"
            disabled={signOut.isPending}
            onClick={() =>
              signOut.mutate(undefined, { onSuccess: () => void navigate('/sign-in', { replace: true }) })
            }
          >
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
