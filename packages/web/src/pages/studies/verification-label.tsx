import { useTranslation } from 'react-i18next';
import type { Schema } from '@opencfp/client';
import { verificationKey } from './study-controls';

/**
 * How a study is verified, in the reader's language, labelled so wherever a study is shown: a self-declared one
 * stands out ("Self-declared: not verified by a third party"); a label the catalogues do not know is the server's.
 *
 * @example <VerificationLabel study={study} />
 */
export function VerificationLabel({
  study,
}: {
  study: Pick<Schema<'Study'>, 'selfDeclared' | 'verification'>;
}) {
  const { t } = useTranslation();
  const key = verificationKey(study.verification.label);
  const text = key ? t(`studies.verification.${key}`) : study.verification.label;
  return study.selfDeclared ? (
    <strong className="badge badge-self-declared">{text}</strong>
  ) : (
    <span className="badge badge-third-party">{text}</span>
  );
}
