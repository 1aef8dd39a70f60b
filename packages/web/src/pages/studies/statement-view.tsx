import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { saveFile } from './save-file';
import { verificationKey } from './study-controls';
import { useStatement, type Study } from './study-queries';

/** The public address of a statement: the one the server gives, else this origin's. */
export function statementAddress(study: Pick<Study, 'statementId' | 'statementUrl'>, origin: string): string {
  if (study.statementUrl) return new URL(study.statementUrl, origin).toString();
  return `${origin}/v1/public/statements/${encodeURIComponent(study.statementId ?? '')}`;
}

/**
 * The signed statement of a published study: its id, status and issuer; the public link; downloads of the signed
 * statement (the compact JWS, `application/vc+jwt`) and of the credential it carries (JSON); and how anyone checks
 * it with `cfp verify`, online or offline with the issuer's published keys.
 *
 * @example <StatementView study={study} />
 */
export function StatementView({ study }: { study: Study }) {
  const { t } = useTranslation();
  const format = useFormat();
  const statement = useStatement(study.statementId);
  const [copied, setCopied] = useState(false);
  if (study.statementId === null) return null;
  const origin = globalThis.location?.origin ?? '';
  const address = statementAddress(study, origin);
  const keys = `${origin}/.well-known/jwks.json`;
  const command = `npx cfp verify ${address}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const id = study.statementId;
  return (
    <section className="card" aria-labelledby="statement-heading">
      <h2 id="statement-heading">{t('studies.statement.title')}</h2>
      {statement.isPending ? (
        <Loading />
      ) : statement.error ? (
        <ErrorMessage error={statement.error} />
      ) : (
        <>
          {statement.data.signingKey.status === 'revoked' && (
            <div className="message message-error" role="alert">
              <p>
                {t('studies.statement.keyRevoked', {
                  time: statement.data.signingKey.revokedAt
                    ? format.dateTime(statement.data.signingKey.revokedAt)
                    : '—',
                })}
              </p>
            </div>
          )}
          <dl className="facts">
            <dt>{t('studies.statement.id')}</dt>
            <dd>
              <code>{statement.data.id}</code>
            </dd>
            <dt>{t('studies.statement.status')}</dt>
            <dd>
              <span
                className={`status status-${statement.data.status === 'published' ? 'succeeded' : 'failed'}`}
              >
                {t(`studies.statement.statuses.${statement.data.status}`)}
              </span>
            </dd>
            <dt>{t('studies.statement.issuer')}</dt>
            <dd>{statement.data.issuer.name}</dd>
            <dt>{t('studies.statement.publishedAt')}</dt>
            <dd>{format.dateTime(statement.data.publishedAt)}</dd>
            {statement.data.withdrawnAt && (
              <>
                <dt>{t('studies.statement.withdrawnAt')}</dt>
                <dd>{format.dateTime(statement.data.withdrawnAt)}</dd>
              </>
            )}
            <dt>{t('studies.statement.verification')}</dt>
            <dd>
              {statement.data.selfDeclared ? (
                <strong className="self-declared">{t('studies.verification.selfDeclared')}</strong>
              ) : (
                t(
                  `studies.verification.${verificationKey(statement.data.verification.label) ?? 'verified'}`,
                  {
                    defaultValue: statement.data.verification.label,
                  },
                )
              )}
            </dd>
            <dt>{t('studies.statement.signingKey')}</dt>
            <dd>
              <code>{statement.data.signingKey.kid}</code>{' '}
              <span
                className={`status status-${statement.data.signingKey.status === 'revoked' ? 'failed' : 'succeeded'}`}
              >
                {t(`studies.statement.keyStatuses.${statement.data.signingKey.status}`)}
              </span>
            </dd>
            <dt>{t('studies.statement.publicLink')}</dt>
            <dd>
              <a href={address} className="break">
                {address}
              </a>
            </dd>
            {statement.data.supersedes && (
              <>
                <dt>{t('studies.statement.supersedes')}</dt>
                <dd>
                  <code>{statement.data.supersedes}</code>
                </dd>
              </>
            )}
            {statement.data.supersededBy && (
              <>
                <dt>{t('studies.statement.supersededBy')}</dt>
                <dd>
                  <code>{statement.data.supersededBy}</code>
                </dd>
              </>
            )}
          </dl>
          <div className="button-row section-gap">
            <button
              type="button"
              onClick={() =>
                saveFile(
                  `statement-${id}.jws`,
                  new Blob([statement.data.jws], { type: 'application/vc+jwt' }),
                )
              }
            >
              {t('studies.statement.downloadJws')}
            </button>
            <button
              type="button"
              onClick={() =>
                saveFile(
                  `statement-${id}.credential.json`,
                  new Blob([JSON.stringify(statement.data.credential, null, 2)], {
                    type: 'application/json',
                  }),
                )
              }
            >
              {t('studies.statement.downloadCredential')}
            </button>
          </div>
          <h3>{t('studies.statement.howToCheck')}</h3>
          <p>{t('studies.statement.checkOnline')}</p>
          <div className="command">
            <code>{command}</code>
            <button type="button" className="button-small" onClick={() => void copy()}>
              {copied ? t('studies.statement.copied') : t('studies.statement.copy')}
            </button>
          </div>
          <p>{t('studies.statement.checkOffline')}</p>
          <div className="command">
            <code>{`npx cfp verify statement-${id}.jws --keys jwks.json`}</code>
          </div>
          <p className="small">
            {t('studies.statement.keys')}{' '}
            <a href={keys} className="break">
              {keys}
            </a>
          </p>
          <p className="small muted">{t('studies.statement.proves')}</p>
        </>
      )}
    </section>
  );
}
