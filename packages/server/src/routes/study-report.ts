import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { studies, visibleBackgroundVersion, type Store, type StudySubmission } from '@opencfp/store';
import {
  REPORT_LANGUAGES,
  renderReportHtml,
  renderReportPdf,
  reportFontFiles,
  studyReport,
  type ReportFonts,
  type ReportLanguage,
  type StudyReportDocument,
} from '@opencfp/study';
import { SIGNED_IN } from '../authenticate.js';
import type { CalculatorCache } from '../calculator-cache.js';
import { METHOD_CHOICES, SENSITIVITY } from '../jobs/model-analysis-jobs.js';
import { MONTE_CARLO } from '../jobs/model-jobs.js';
import { orgAccess, principalOf } from '../org-access.js';
import { createRouter, defineRoute, type AppEnv } from '../routing.js';
import { studyRecordSection } from '../statements/study-record-section.js';
import { studyReportInput, type StudyReportSources } from '../statements/study-report-input.js';
import { latestAnalysis } from './model-jobs.js';
import { StudyParams, studyActor } from './study-schemas.js';

/** Changes when the report the server makes of the same study changes (its ETags change with it). */
const REPORT_RENDERER = 'opencfp-server-report@1';

const FORMATS = { html: 'text/html; charset=utf-8', pdf: 'application/pdf' } as const;

/** The HTML report's own policy (its styles are inline; it has no script and loads nothing), served with it too. */
const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

const ReportQuery = z.object({
  language: z
    .enum(REPORT_LANGUAGES as [ReportLanguage, ...ReportLanguage[]])
    .default('en')
    .openapi({ description: "the report's language: English or Simplified Chinese" }),
  format: z.enum(['html', 'pdf']).default('html').openapi({
    description: 'self-contained HTML (no script, no external resource) or PDF (fonts embedded)',
  }),
});

let fonts: Promise<ReportFonts> | undefined;

/** The PDF's fonts (Noto Sans SC, shipped with @opencfp/study), read once. */
function reportFonts(): Promise<ReportFonts> {
  fonts ??= (async () => {
    const files = reportFontFiles();
    const [regular, bold] = await Promise.all([readFile(files.regular), readFile(files.bold)]);
    return { regular, bold };
  })();
  fonts.catch(() => (fonts = undefined));
  return fonts;
}

/**
 * The Content-Disposition of a report: an attachment named by the study's title in ASCII words (else "study"), the
 * language and the extension; `filename*` keeps the title as it is (RFC 6266, RFC 8187).
 *
 * @example reportDisposition('铝支架 B-20', 'zh-CN', 'pdf') // attachment; filename="b-20-report-zh-CN.pdf"; filename*=…
 */
export function reportDisposition(title: string, language: ReportLanguage, format: 'html' | 'pdf'): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 80)
    .replace(/-+$/, '');
  const base = `${ascii || 'study'}-report-${language}.${format}`;
  const full = `${title}-report-${language}.${format}`;
  return `attachment; filename="${base}"; filename*=UTF-8''${encodeURIComponent(full).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** The background version of the study's result, loaded (cached) in the practitioner's organisation's view. */
async function backgroundOf(
  store: Store,
  cache: CalculatorCache,
  submission: StudySubmission,
): Promise<StudyReportSources['background']> {
  const versionId = (submission.result.result as { footprint: { backgroundVersionId?: string | null } })
    .footprint.backgroundVersionId;
  if (!versionId) return undefined;
  const organisationId = submission.study.organisationId;
  const { name, version } = await visibleBackgroundVersion(store, organisationId, versionId);
  const { database } = await cache.get(store, organisationId, versionId);
  return { database, name, version };
}

/**
 * `GET /v1/orgs/{orgId}/studies/{id}/report` (viewer; the invited verifier and certification body too): the ISO
 * 14067 / GB/T 24067 study report of the study as stored, in HTML or PDF, English or Chinese.
 */
export function studyReportRouter(cache: CalculatorCache): OpenAPIHono<AppEnv> {
  const router = createRouter();
  router.openapi(
    defineRoute({
      method: 'get',
      path: '/orgs/{orgId}/studies/{id}/report',
      tags: ['studies'],
      summary: 'The study report, HTML or PDF, English or Chinese (viewer; its verifier too)',
      description:
        'The ISO 14067 / GB/T 24067 CFP study report of the study as stored: goal and scope, units and reference ' +
        'flow, boundary and processes, cut-off, allocation, data sources and quality, electricity, scenarios, GWP ' +
        'set, results by stage and the separately reported items, sensitivity and uncertainty (the newest Monte ' +
        'Carlo, sensitivity and method-choices runs of its result, when there are any), limitations, the rule set ' +
        'with the compliance check (as published, once published), the verification statement, and the study’s ' +
        'record on the platform (state, history from the audit log). An attachment with `ETag`; ' +
        '`If-None-Match` with it answers 304. 404 while the study names no result.',
      security: SIGNED_IN,
      middleware: [orgAccess('viewer')],
      request: { params: StudyParams, query: ReportQuery },
      responses: {
        200: {
          description: 'The report (Content-Disposition: attachment)',
          headers: z.object({
            ETag: z.string().openapi({ description: 'changes whenever the report would' }),
            'Content-Disposition': z.string().openapi({ example: 'attachment; filename="…-report-en.pdf"' }),
          }),
          content: {
            [FORMATS.html]: {
              schema: z.string().openapi({ description: 'the report as one HTML document' }),
            },
            [FORMATS.pdf]: {
              schema: z.string().openapi({ format: 'binary', description: 'the report as PDF' }),
            },
          },
        },
        304: { description: 'Not modified: the report is the one of the ETag sent in If-None-Match' },
      },
    }),
    async (c) => {
      const actor = studyActor(principalOf(c));
      const { id } = c.req.valid('param');
      const { language, format } = c.req.valid('query');
      const store = c.var.store;
      const submission = await studies.submission(store, actor, id);
      const { study, result } = submission;
      const history = await studies.history(store, actor, id);
      // The analyses are the practitioner's jobs, whoever reads the report: they are of the study's result.
      const analysis = (kind: string) => latestAnalysis(store, study.organisationId, kind, result);
      const sources: StudyReportSources = {
        submission,
        history,
        analyses: {
          monteCarlo: await analysis(MONTE_CARLO),
          sensitivity: await analysis(SENSITIVITY),
          methodChoices: await analysis(METHOD_CHOICES),
        },
        background: await backgroundOf(store, cache, submission),
      };
      const report = studyReport(studyReportInput(sources), { language });
      const record = studyRecordSection(sources, language, String(report.sections.length + 1));
      const document: StudyReportDocument = {
        ...report,
        coverNotice: [record.notice, report.coverNotice].filter(Boolean).join(' ') || undefined,
        sections: [...report.sections, record.section],
      };
      const tag = `"${createHash('sha256')
        .update(JSON.stringify({ renderer: REPORT_RENDERER, format, document }))
        .digest('base64url')}"`;
      c.header('ETag', tag);
      c.header('Cache-Control', 'private, no-cache');
      const asked = c.req.header('if-none-match');
      if (asked !== undefined && asked.split(',').some((t) => t.trim() === tag))
        return c.body(null, 304) as never;
      c.header('Content-Disposition', reportDisposition(study.title, language, format));
      if (format === 'html') {
        c.header('Content-Security-Policy', REPORT_CSP);
        return c.body(renderReportHtml(document), 200, { 'content-type': FORMATS.html }) as never;
      }
      // The PDF's date is the study's last change, so the same report gives the same bytes.
      const bytes = await renderReportPdf(document, await reportFonts(), {
        creationDate: history.at(-1)?.at ?? study.updatedAt,
      });
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': FORMATS.pdf }) as never;
    },
  );
  return router;
}
