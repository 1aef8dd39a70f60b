import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../i18n/format';

/**
 * Previous / next through the pages of a server-paged list, the page in the URL (`?page=`, absent on the first);
 * nothing when everything fits on one page.
 *
 * @example <Pager page={page} pages={pages} />
 */
export function Pager({ page, pages }: { page: number; pages: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [, setParams] = useSearchParams();
  if (pages <= 1) return null;
  const goTo = (next: number) =>
    setParams((previous) => {
      const url = new URLSearchParams(previous);
      if (next > 1) url.set('page', String(next));
      else url.delete('page');
      return url;
    });
  return (
    <nav className="pager" aria-label={t('databases.pages')}>
      <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
        {t('databases.previous')}
      </button>
      <span>{t('databases.page', { page: format.integer(page), pages: format.integer(pages) })}</span>
      <button type="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
        {t('databases.next')}
      </button>
    </nav>
  );
}
