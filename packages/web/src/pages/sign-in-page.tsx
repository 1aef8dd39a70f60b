import { ApiError } from '@opencfp/client';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMe, useSignIn } from '../api/session';
import { LanguageSwitch } from '../components/language-switch';
import { ErrorMessage, Loading } from '../components/query-state';

/** Sign-in with e-mail and password (the server sets the HttpOnly session cookie); back to where the user was. */
export default function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const signIn = useSignIn();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailId = useId();
  const passwordId = useId();

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => void navigate(from, { replace: true }) });
  };

  return (
    <div className="sign-in">
      {/* a landmark of its own: nothing of the page outside one */}
      <header className="sign-in-tools">
        <LanguageSwitch />
      </header>
      <main className="sign-in-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          OpenCFP
        </div>
        <h1>{t('signIn.title')}</h1>
        <p className="muted">{t('signIn.intro')}</p>
        <form onSubmit={submit} noValidate={false}>
          <div className="field">
            <label htmlFor={emailId}>{t('signIn.email')}</label>
            <input
              id={emailId}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t('signIn.password')}</label>
            <input
              id={passwordId}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {signIn.error &&
            (ApiError.is(signIn.error, 'UNAUTHENTICATED') ? (
              <div className="message message-error" role="alert">
                <p>{t('signIn.wrong')}</p>
              </div>
            ) : (
              <ErrorMessage error={signIn.error} />
            ))}
          <button type="submit" className="button-primary" disabled={signIn.isPending}>
            {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
        {me.error && <ErrorMessage error={me.error} />}
      </main>
    </div>
  );
}
