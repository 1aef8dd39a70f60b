import { ApiError } from '@opencfp/client';
import { useTranslation } from 'react-i18next';

/** Error codes with a message of their own in the catalogues (errors.<code>); others get errors.generic. */
const KNOWN_CODES = [
  'NETWORK_ERROR',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'VALIDATION_FAILED',
] as const;

/**
 * A failed request, in the reader's language (by the API's error code), with the request id to find it in the
 * server's log.
 *
 * @example {products.error && <ErrorMessage error={products.error} />}
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const code = ApiError.is(error) ? error.code : undefined;
  const known = KNOWN_CODES.find((c) => c === code);
  return (
    <div className="message message-error" role="alert">
      <p>{known ? t(`errors.${known}`) : t('errors.generic')}</p>
      {ApiError.is(error) && error.requestId && (
        <p className="muted small">{t('errors.requestId', { id: error.requestId })}</p>
      )}
    </div>
  );
}

/**
 * Shown while something loads (announced to screen readers politely).
 *
 * @example {products.isPending && <Loading />}
 */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status" aria-live="polite">
      {t('common.loading')}
    </p>
  );
}
