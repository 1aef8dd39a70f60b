import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../api/api-context';
import { useOrganisation } from '../../api/organisation';
import { ErrorMessage, Loading } from '../../components/query-state';
import { useFormat } from '../../i18n/format';
import { StudyError } from './study-error';

/** The owner's form to revoke one key: why (kept, not published), and the confirmation. */
function RevokeForm({
  kid,
  pending,
  onRevoke,
  onCancel,
}: {
  kid: string;
  pending: boolean;
  onRevoke(reason: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim()) onRevoke(reason.trim());
  };
  const missing = tried && reason.trim() === '';
  return (
    <form
      className="action-panel"
      aria-labelledby={`${id}-title`}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <h3 id={`${id}-title`}>{t('studies.keys.revokeTitle', { kid })}</h3>
      <p>{t('studies.keys.revokeText')}</p>
      <div className={`field${missing ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>{t('studies.keys.revokeReason')}</label>
        <textarea
          id={`${id}-reason`}
          rows={2}
          maxLength={1000}
          value={reason}
          autoFocus
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${id}-issue` : undefined}
          onChange={(e) => setReason(e.target.value)}
        />
        {missing && (
          <p id={`${id}-issue`} className="field-issues issue-error">
            {t('studies.form.issues.required')}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button-danger" disabled={pending}>
          {t('studies.keys.revokeConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('studies.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The organisation's signing keys (`/signing-keys`): the Ed25519 keys its statements are signed with — the active
 * one, those retired by a rotation (they still verify what they signed) and those revoked (they verify nothing) —
 * with where they are published (JWKS). Owners rotate the key (a new one signs from then on) and revoke a key that
 * may be compromised, with the reason.
 */
export default function SigningKeysPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const api = useApi();
  const queries = useQueryClient();
  const { organisation } = useOrganisation();
  const orgId = organisation.id;
  const [confirming, setConfirming] = useState(false);
  const [revoking, setRevoking] = useState<string | null>(null);
  const keys = useQuery({
    queryKey: ['signing-keys', orgId],
    queryFn: async () =>
      (await api.GET('/v1/orgs/{orgId}/signing-keys', { params: { path: { orgId } } })).data,
  });
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['signing-keys', orgId] });
    // statements show the state of the key that signed them
    await queries.invalidateQueries({ queryKey: ['statements'] });
  };
  const rotate = useMutation({
    mutationFn: async () =>
      (await api.POST('/v1/orgs/{orgId}/signing-keys', { params: { path: { orgId } } })).data,
    onSuccess: async () => {
      setConfirming(false);
      await refresh();
    },
  });
  const revoke = useMutation({
    mutationFn: async ({ kid, reason }: { kid: string; reason: string }) =>
      (
        await api.POST('/v1/orgs/{orgId}/signing-keys/{kid}/revoke', {
          params: { path: { orgId, kid } },
          body: { reason },
        })
      ).data,
    onSuccess: async () => {
      setRevoking(null);
      await refresh();
    },
  });
  const owner = organisation.role === 'owner';
  const jwks = keys.data
    ? new URL(keys.data.jwks, globalThis.location?.origin ?? 'http://localhost').toString()
    : '';
  const statusClass = { active: 'succeeded', retired: 'queued', revoked: 'failed' } as const;
  return (
    <div className="page studies-page">
      <p className="breadcrumb">
        <Link to="/studies">{t('studies.list.title')}</Link> › {t('studies.keys.title')}
      </p>
      <h1>{t('studies.keys.title')}</h1>
      <p className="muted">{t('studies.keys.intro')}</p>
      {keys.isPending ? (
        <Loading />
      ) : keys.error ? (
        <ErrorMessage error={keys.error} />
      ) : (
        <>
          <p>
            {t('studies.keys.published')}{' '}
            <a href={jwks} className="break">
              {jwks}
            </a>
          </p>
          {keys.data.keys.length === 0 ? (
            <p className="muted">{t('studies.keys.none')}</p>
          ) : (
            <div className="table-scroll card">
              <table>
                <caption className="visually-hidden">{t('studies.keys.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('studies.keys.kid')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('studies.keys.algorithm')}
                    </th>
                    <th scope="col">{t('studies.keys.validFrom')}</th>
                    <th scope="col">{t('studies.keys.validUntil')}</th>
                    <th scope="col">{t('studies.keys.status')}</th>
                    {owner && <th scope="col">{t('studies.keys.revoke')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {keys.data.keys.map((key) => (
                    <Fragment key={key.kid}>
                      <tr>
                        <th scope="row">
                          <code>{key.kid}</code>
                          <span className="cell-note mono break">{key.x}</span>
                        </th>
                        <td className="hide-narrow">{`${key.alg} (${key.crv})`}</td>
                        <td className="nowrap">{format.dateTime(key.validFrom)}</td>
                        <td className="nowrap">{key.validUntil ? format.dateTime(key.validUntil) : '—'}</td>
                        <td>
                          <span className={`status status-${statusClass[key.status]}`}>
                            {t(`studies.keys.statuses.${key.status}`)}
                          </span>
                          {key.revokedAt && (
                            <span className="cell-note">
                              {t('studies.keys.revokedOn', { time: format.dateTime(key.revokedAt) })}
                            </span>
                          )}
                          {key.revocationReason && <span className="cell-note">{key.revocationReason}</span>}
                        </td>
                        {owner && (
                          <td>
                            {key.status !== 'revoked' && (
                              <button
                                type="button"
                                className="button-small button-danger"
                                aria-label={t('studies.keys.revokeKey', { kid: key.kid })}
                                aria-expanded={revoking === key.kid}
                                onClick={() => {
                                  revoke.reset();
                                  setRevoking(key.kid);
                                }}
                              >
                                {t('studies.keys.revoke')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                      {revoking === key.kid && (
                        <tr className="composer-row">
                          <td colSpan={6}>
                            <RevokeForm
                              kid={key.kid}
                              pending={revoke.isPending}
                              onCancel={() => setRevoking(null)}
                              onRevoke={(reason) => revoke.mutate({ kid: key.kid, reason })}
                            />
                            {revoke.error && <StudyError error={revoke.error} />}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {revoke.isSuccess && (
            <p className="message message-info" role="status">
              {t('studies.keys.revokedMessage', { kid: revoke.data.kid })}
            </p>
          )}
          <section className="card section-gap" aria-labelledby="rotate-heading">
            <h2 id="rotate-heading">{t('studies.keys.rotateTitle')}</h2>
            <p>{t('studies.keys.rotateText')}</p>
            {!owner ? (
              <p className="muted">{t('studies.keys.ownersOnly')}</p>
            ) : confirming ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button-main"
                  disabled={rotate.isPending}
                  onClick={() => rotate.mutate()}
                >
                  {t('studies.keys.rotateConfirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('studies.cancel')}
                </button>
              </div>
            ) : (
              <button type="button" onClick={() => setConfirming(true)}>
                {t('studies.keys.rotate')}
              </button>
            )}
            {rotate.isSuccess && (
              <p className="message message-info" role="status">
                {t('studies.keys.rotated', { kid: rotate.data.key.kid })}
              </p>
            )}
            {rotate.error && <StudyError error={rotate.error} />}
          </section>
        </>
      )}
    </div>
  );
}
