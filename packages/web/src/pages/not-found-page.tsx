import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Any path the app does not know. */
export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </section>
  );
}
