import { ApiError } from '@opencfp/client';
import { useTranslation } from 'react-i18next';
import { languageOf } from '../../i18n/i18n';

/** Error codes of the studies' routes with a message of their own (studies.errors.<code>). */
const STUDY_CODES = [
  'ILLEGAL_TRANSITION',
  'INPUTS_CHANGED',
  'PUBLICATION_BLOCKED',
  'INVALID_REFERENCE',
  'VERSION_CONFLICT',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_FOUND',
  'VALIDATION_FAILED',
  'SIGNING_KEY_UNAVAILABLE',
  'NETWORK_ERROR',
] as const;

interface Unmet {
  requirementId: string;
  clause: string;
  message: string;
  messageZh: string;
  fix: string | null;
  fixZh: string | null;
}

/** The mandatory requirements a refused publication names (details.unmet of 422 PUBLICATION_BLOCKED). */
function unmetOf(error: ApiError): Unmet[] {
  const unmet = error.details.unmet;
  if (!Array.isArray(unmet)) return [];
  return unmet.flatMap((u: unknown) => {
    if (typeof u !== 'object' || u === null) return [];
    const r = u as Record<string, unknown>;
    const s = (x: unknown) => (typeof x === 'string' ? x : null);
    return [
      {
        requirementId: s(r.requirementId) ?? '',
        clause: s(r.clause) ?? '',
        message: s(r.message) ?? '',
        messageZh: s(r.messageZh) ?? s(r.message) ?? '',
        fix: s(r.fix),
        fixZh: s(r.fixZh) ?? s(r.fix),
      },
    ];
  });
}

/**
 * A refused change of a study, in the reader's language by the server's code (a move the state does not allow, a
 * model saved since its result, a publication blocked by its rule set with every requirement not met and what to
 * fix …), with the server's own explanation folded below and the request id.
 *
 * @example {move.error && <StudyError error={move.error} />}
 */
export function StudyError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const zh = languageOf(i18n) === 'zh-CN';
  const api = ApiError.is(error) ? error : null;
  const code = STUDY_CODES.find((c) => c === api?.code);
  const unmet = api && api.code === 'PUBLICATION_BLOCKED' ? unmetOf(api) : [];
  return (
    <div className="message message-error" role="alert">
      <p>{code ? t(`studies.errors.${code}`) : t('errors.generic')}</p>
      {unmet.length > 0 && (
        <ul className="study-unmet">
          {unmet.map((u) => (
            <li key={u.requirementId}>
              <strong>{u.clause}</strong> {zh ? u.messageZh : u.message}
              {(zh ? u.fixZh : u.fix) && (
                <span className="block">
                  {t('studies.compliance.howToFix', { fix: zh ? u.fixZh : u.fix })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {api && api.message && api.code !== 'NETWORK_ERROR' && (
        <details className="small">
          <summary>{t('studies.errors.serverSays')}</summary>
          <p lang="en">{api.message}</p>
        </details>
      )}
      {api?.requestId && <p className="muted small">{t('errors.requestId', { id: api.requestId })}</p>}
    </div>
  );
}
