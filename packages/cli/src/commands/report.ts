import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Calculator } from '@opencfp/core';
import {
  parseStudyFile,
  prepareStudyReport,
  renderReportHtml,
  renderReportPdf,
  reportFontFiles,
  studyReport,
  REPORT_LANGUAGES,
  type ReportLanguage,
} from '@opencfp/study';
import { CliError, UsageError } from '../errors.js';
import { loadDatabase, STARTER_DATABASE } from '../load-database.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

const FORMATS = ['pdf', 'html', 'json'] as const;

/**
 * `cfp report <study.json> [--language en|zh-CN] [--format pdf|html|json] [-o <file>]`: the ISO 14067 / GB/T 24067
 * study report of a study file — its model calculated on the background database it names (the starter database
 * by default), with the analyses it asks for — as PDF (fonts embedded), self-contained HTML or the structured
 * document as JSON (docs/report.md).
 */
export const report: Command = {
  options: {
    language: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string', short: 'o' },
    strict: { type: 'boolean' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1)
      throw new UsageError(
        'usage: cfp report <study.json> [--language en|zh-CN] [--format pdf|html|json] [-o <file>]',
      );
    const language = choiceOption<ReportLanguage>(values, 'language', REPORT_LANGUAGES, 'en');
    const format = choiceOption(values, 'format', FORMATS, 'pdf');
    const target = typeof values.out === 'string' && values.out !== '' ? values.out : undefined;
    if (format === 'pdf' && !target)
      throw new UsageError(
        'a PDF is written to a file: add -o <file.pdf> (or --format html|json to print to stdout)',
      );
    const path = positionals[0];
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      throw new CliError('INVALID_STUDY_FILE', `'${path}' is not JSON: ${e.message}`);
    }
    const file = parseStudyFile(json);
    // A database path in the study file is relative to the study file.
    const where =
      file.background.path === STARTER_DATABASE
        ? STARTER_DATABASE
        : resolve(dirname(path), file.background.path);
    const { db } = await loadDatabase(where, out, { strict: values.strict === true });
    const input = await prepareStudyReport(file, {
      database: db,
      calculator: new Calculator(db),
      versionId: file.background.path === STARTER_DATABASE ? 'starter' : undefined,
    });
    const document = studyReport(input, { language });
    if (document.coverNotice) out.stderr(`cfp: ${document.coverNotice}\n`);
    let bytes: string | Uint8Array;
    if (format === 'json') bytes = `${JSON.stringify(document, null, 2)}\n`;
    else if (format === 'html') bytes = renderReportHtml(document);
    else {
      const fonts = reportFontFiles();
      const [regular, bold] = await Promise.all([readFile(fonts.regular), readFile(fonts.bold)]);
      bytes = await renderReportPdf(document, { regular, bold });
    }
    if (!target) {
      out.stdout(bytes as string);
      return;
    }
    await writeFile(target, bytes);
    const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
    out.stderr(`cfp: wrote ${target} (${format}, ${language}, ${Math.ceil(size / 1024)} kB)\n`);
  },
};
