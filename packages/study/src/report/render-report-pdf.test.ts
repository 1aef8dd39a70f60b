// The PDF report read back by an independent reader (Mozilla's pdf.js): its text, in Chinese and English, comes out
// of the embedded fonts' ToUnicode maps as the report wrote it, the fonts are embedded subsets (no system font), the
// first page carries the verification label, every page its number, and long tables continue with their header.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { bracketReportInput } from '../test-support/report-fixture.js';
import type { ReportLanguage, StudyReportDocument } from './report-document.js';
import { reportFontFiles } from './report-fonts.js';
import { renderReportPdf, type ReportFonts } from './render-report-pdf.js';
import { studyReport } from './study-report.js';

let fonts: Promise<ReportFonts> | undefined;
function loadFonts(): Promise<ReportFonts> {
  const files = reportFontFiles();
  fonts ??= Promise.all([readFile(files.regular), readFile(files.bold)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  return fonts;
}

/** The text of every page, as pdf.js extracts it (items joined, whitespace collapsed). */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({
    data: pdf.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str : ''))
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }
  await document.destroy();
  return pages;
}

/** The PDF's bytes as Latin-1 text, to look at its objects. */
const raw = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');

const reports = new Map<ReportLanguage, Promise<{ report: StudyReportDocument; pdf: Uint8Array }>>();
function rendered(language: ReportLanguage) {
  let found = reports.get(language);
  if (!found) {
    found = (async () => {
      const report = studyReport(await bracketReportInput(), { language });
      return {
        report,
        pdf: await renderReportPdf(report, await loadFonts(), {
          creationDate: new Date('2025-06-30T00:00:00Z'),
        }),
      };
    })();
    reports.set(language, found);
  }
  return found;
}

test('the Chinese PDF reads back in Chinese: title, label, headings, figures, page numbers', async () => {
  const { report, pdf } = await rendered('zh-CN');
  const pages = await pageTexts(pdf);
  const first = pages[0];
  assert.match(first, /自我声明：未经第三方核查/);
  assert.match(first, /产品碳足迹研究报告/);
  assert.match(first, /B-20 铝支架产品碳足迹/);
  assert.match(first, new RegExp(`${report.keyFigures[0].value} kg CO2e`));
  const all = pages.join('\n');
  for (const heading of [
    '目的与范围',
    '功能单位/声明单位与基准流',
    '系统边界与过程清单',
    '取舍准则',
    '数据来源与数据质量',
    '敏感性分析与不确定性分析',
    '局限性',
    '核查声明',
  ])
    assert.ok(all.includes(heading), `the PDF has no '${heading}'`);
  pages.forEach((text, i) =>
    assert.ok(text.includes(`第 ${i + 1} 页，共 ${pages.length} 页`), `page ${i + 1} has its number`),
  );
  // The process names of the model, in Chinese, and a number of a table.
  assert.ok(all.includes('支架机加工'));
  assert.ok(all.includes('0.004492'));
});

test('the English PDF reads back in English with the same figures', async () => {
  const { report, pdf } = await rendered('en');
  const pages = await pageTexts(pdf);
  assert.match(pages[0], /Self-declared: not verified by a third party/);
  assert.match(pages[0], /Carbon footprint of a product — study report/);
  assert.ok(pages[0].includes(`${report.keyFigures[0].value} kg CO2e`));
  pages.forEach((text, i) => assert.ok(text.includes(`Page ${i + 1} of ${pages.length}`)));
  assert.ok(
    pages
      .slice(1)
      .every((text) =>
        text.includes('Carbon footprint of a product — study report | Carbon footprint of the B-20'),
      ),
  );
});

test('the fonts are embedded subsets with ToUnicode maps, and no other font is used', async () => {
  const { pdf } = await rendered('zh-CN');
  const text = raw(pdf);
  const fontNames = [...text.matchAll(/\/BaseFont \/([A-Za-z0-9+-]+)/g)].map((m) => m[1]);
  assert.ok(fontNames.length > 0);
  // Subset fonts are named with a six-letter tag; pdfkit's standard fonts (Helvetica …) would be bare names.
  for (const name of new Set(fontNames)) assert.match(name, /^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
  assert.equal([...text.matchAll(/\/FontFile2 /g)].length, 2, 'both fonts embedded as TrueType');
  assert.ok([...text.matchAll(/\/ToUnicode /g)].length >= 2);
  // A subset: the whole Noto Sans SC Regular is over 10 MB, the report a fraction of it.
  const full = (await loadFonts()).regular.length;
  assert.ok(pdf.length < full / 20, `the PDF is ${pdf.length} bytes`);
});

test('a table longer than a page continues on the next with its header row', async () => {
  const { report } = await rendered('en');
  const rows = Array.from({ length: 120 }, (_, i) => [`Row ${i + 1} 第${i + 1}行`, String(i + 1)]);
  const long: StudyReportDocument = {
    ...report,
    sections: [
      {
        id: 'long',
        number: '1',
        heading: 'A long table',
        subsections: [],
        blocks: [
          {
            kind: 'table',
            id: 'long',
            caption: 'Long',
            columns: [
              { label: 'Name column', align: 'left' },
              { label: 'Value column', align: 'right' },
            ],
            rows,
            total: ['Total', '7260'],
          },
        ],
      },
    ],
  };
  const pages = await pageTexts(await renderReportPdf(long, await loadFonts()));
  const withRows = pages.filter((p) => p.includes('Row '));
  assert.ok(withRows.length >= 2, `the table spans ${withRows.length} page(s)`);
  for (const page of withRows) assert.ok(page.includes('Name column Value column'), 'the header is repeated');
  const all = pages.join(' ');
  for (const [name] of rows) assert.ok(all.includes(name), `${name} is in the PDF`);
  assert.ok(pages.at(-1)?.includes('Total 7260'));
});

test('names from the model are text, not PDF syntax', async () => {
  const { report } = await rendered('en');
  const hostile = ') Tj /Evil (x) <</JS (app.alert(1))>> \\ 名称';
  const pdf = await renderReportPdf({ ...report, studyTitle: hostile }, await loadFonts());
  const pages = await pageTexts(pdf);
  assert.ok(pages[0].includes(hostile), 'the title reads back exactly');
  // The hostile text is inside string objects only: the document has no action or script of its own.
  assert.ok(!/\/S\s*\/JavaScript|\/OpenAction|\/AA\s*<</.test(raw(pdf)), 'no JavaScript action was written');
});
