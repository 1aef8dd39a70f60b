import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context';
import { saveFile } from './save-file';
import { StudyError } from './study-error';

type ReportLanguage = 'en' | 'zh-CN';
type ReportFormat = 'html' | 'pdf';

const REPORTS: readonly { language: ReportLanguage; format: ReportFormat }[] = [
  { language: 'en', format: 'html' },
  { language: 'en', format: 'pdf' },
  { language: 'zh-CN', format: 'html' },
  { language: 'zh-CN', format: 'pdf' },
];

/** The file name the server gives (Content-Disposition), else one made of the study id, language and format. */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) return decodeURIComponent(star);
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * The ISO 14067 / GB/T 24067 study report (GET …/studies/{id}/report) to download: HTML or PDF, in English or
 * Chinese, whatever the page's language. The report is the server's, of the study as stored.
 *
 * @example <ReportDownloads orgId={orgId} studyId={study.id} />
 */
export function ReportDownloads({ orgId, studyId }: { orgId: string; studyId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (language: ReportLanguage, format: ReportFormat) => {
    const key = `${language}-${format}`;
    setBusy(key);
    setError(null);
    try {
      const { data, response } = await api.GET('/v1/orgs/{orgId}/studies/{id}/report', {
        params: { path: { orgId, id: studyId }, query: { language, format } },
        parseAs: 'blob',
      });
      // parseAs 'blob' makes the body a Blob (the route's type names the text of the HTML)
      const blob: unknown = data;
      if (!(blob instanceof Blob)) throw new Error('the report came without a body');
      saveFile(fileNameOf(response, `study-${studyId}-report-${language}.${format}`), blob);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-labelledby="report-heading">
      <h2 id="report-heading">{t('studies.report.title')}</h2>
      <p className="muted">{t('studies.report.intro')}</p>
      <div className="button-row">
        {REPORTS.map(({ language, format }) => (
          <button
            key={`${language}-${format}`}
            type="button"
            disabled={busy !== null}
            aria-busy={busy === `${language}-${format}` || undefined}
            onClick={() => void download(language, format)}
          >
            {t('studies.report.download', {
              language: t(`studies.report.languages.${language}`),
              format: format.toUpperCase(),
            })}
          </button>
        ))}
      </div>
      {busy && (
        <p className="muted small" role="status">
          {t('studies.report.preparing')}
        </p>
      )}
      {error !== null && <StudyError error={error} />}
    </section>
  );
}
