// The study report as a PDF, with pdfkit: A4, the fonts embedded (subset to the glyphs used, with ToUnicode maps so
// the text can be searched and copied), the verification label on the first page, running headers and footers with
// page numbers, tables that continue over pages with their header row repeated, and bookmarks for the sections.
import PDFDocument from 'pdfkit';
import type { ReportBlock, ReportSection, ReportTable, StudyReportDocument } from './report-document.js';

/** The font files a PDF report embeds (TrueType or OpenType bytes): one with Chinese and Latin glyphs, and its bold. */
export interface ReportFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export interface ReportPdfOptions {
  /** The PDF's creation date (default: now); fix it for byte-identical output. */
  creationDate?: Date;
}

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 64, bottom: 62, left: 54, right: 54 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;
const COLOURS = {
  ink: '#1b1f23',
  muted: '#57606a',
  rule: '#d0d7de',
  band: '#f3f5f7',
  accent: '#0b6e4f',
  warn: '#9a6700',
  bad: '#b42318',
};
const LABEL_COLOUR: Record<StudyReportDocument['label']['kind'], string> = {
  'self-declared': COLOURS.warn,
  'third-party-verified': COLOURS.accent,
  'critical-review': COLOURS.accent,
  'not-verified': COLOURS.bad,
};
const SIZE = { body: 9.5, table: 7.8, small: 7.5, h1: 14.5, h2: 12, h3: 10.5 };
const CELL_PAD = 3;

type Doc = PDFKit.PDFDocument;

/**
 * Renders a study report to PDF bytes. The fonts are the caller's (the package ships Noto Sans SC:
 * reportFontFiles()); nothing is read from disk here and no system font is needed.
 *
 * @example
 * const fonts = { regular: await readFile(files.regular), bold: await readFile(files.bold) };
 * await writeFile('report.pdf', await renderReportPdf(studyReport(input, { language: 'zh-CN' }), fonts));
 */
export async function renderReportPdf(
  report: StudyReportDocument,
  fonts: ReportFonts,
  options: ReportPdfOptions = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: report.language,
    displayTitle: true,
    pdfVersion: '1.7',
    info: {
      Title: `${report.studyTitle} — ${report.title}`,
      Subject: report.product,
      Creator: report.generator,
      Producer: 'OpenCFP (pdfkit)',
      CreationDate: options.creationDate ?? new Date(),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', Buffer.from(fonts.regular));
  doc.registerFont('bold', Buffer.from(fonts.bold));
  doc.font('regular').fillColor(COLOURS.ink);

  cover(doc, report);
  doc.addPage();
  for (const s of report.sections) section(doc, s, 1);
  runningHeadersAndFooters(doc, report);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Room left on the page from the current position. */
const room = (doc: Doc) => BOTTOM - doc.y;

function ensureRoom(doc: Doc, height: number): void {
  if (room(doc) < height) doc.addPage();
}

function cover(doc: Doc, report: StudyReportDocument): void {
  const colour = LABEL_COLOUR[report.label.kind];
  // The verification label: a framed band across the top of the first page.
  doc.font('bold').fontSize(10.5);
  const labelHeight = doc.heightOfString(report.label.text, { width: CONTENT_WIDTH - 20 }) + 12;
  doc
    .lineWidth(1.5)
    .roundedRect(MARGIN.left, MARGIN.top, CONTENT_WIDTH, labelHeight, 3)
    .strokeColor(colour)
    .stroke();
  doc
    .fillColor(colour)
    .text(report.label.text, MARGIN.left + 10, MARGIN.top + 6, { width: CONTENT_WIDTH - 20 });
  doc.y = MARGIN.top + labelHeight + 28;
  doc
    .fillColor(COLOURS.ink)
    .font('bold')
    .fontSize(22)
    .text(report.title, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.4);
  doc.font('regular').fontSize(14).text(report.studyTitle, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc.fillColor(COLOURS.muted).fontSize(11).text(report.product, { width: CONTENT_WIDTH });
  doc.moveDown(1.2);

  // Key figures: boxes side by side.
  const gap = 10;
  const count = report.keyFigures.length;
  const boxWidth = (CONTENT_WIDTH - gap * (count - 1)) / Math.max(count, 1);
  const top = doc.y;
  doc.font('regular').fontSize(8.5);
  const boxHeight = Math.max(
    ...report.keyFigures.map((f) => doc.heightOfString(f.label, { width: boxWidth - 16 }) + 42),
  );
  report.keyFigures.forEach((f, i) => {
    const x = MARGIN.left + i * (boxWidth + gap);
    doc.lineWidth(0.8).roundedRect(x, top, boxWidth, boxHeight, 4).strokeColor(COLOURS.rule).stroke();
    doc
      .fillColor(COLOURS.ink)
      .font('bold')
      .fontSize(18)
      .text(f.value, x + 8, top + 8, { width: boxWidth - 16 });
    // The unit on the value's baseline: the smaller size starts lower by the difference of their ascents.
    const valueWidth = doc.widthOfString(f.value);
    doc
      .font('regular')
      .fontSize(9)
      .text(f.unit, x + 8 + valueWidth + 4, top + 8 + (18 - 9) * 0.88, { lineBreak: false });
    doc
      .fillColor(COLOURS.muted)
      .fontSize(8.5)
      .text(f.label, x + 8, top + 34, { width: boxWidth - 16 });
  });
  doc.x = MARGIN.left;
  doc.y = top + boxHeight + 18;
  doc.fillColor(COLOURS.ink);
  facts(
    doc,
    report.cover.map((f) => ({ label: f.label, value: f.value })),
  );
  if (report.coverNotice) notice(doc, 'warning', report.coverNotice);
}

function heading(doc: Doc, s: ReportSection, depth: number): void {
  const size = depth === 1 ? SIZE.h1 : depth === 2 ? SIZE.h2 : SIZE.h3;
  // Keep a heading with what follows it.
  ensureRoom(doc, size * 2 + 60);
  doc.moveDown(depth === 1 ? 0.9 : 0.6);
  const text = `${s.number}  ${s.heading}`;
  doc
    .font('bold')
    .fontSize(size)
    .fillColor(COLOURS.ink)
    .text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  if (depth === 1) {
    const y = doc.y + 2;
    doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y)
      .lineWidth(0.8)
      .strokeColor(COLOURS.rule)
      .stroke();
    doc.y = y + 4;
  } else doc.moveDown(0.2);
  doc.outline.addItem(text);
}

function section(doc: Doc, s: ReportSection, depth: number): void {
  heading(doc, s, depth);
  for (const b of s.blocks) blockOf(doc, b);
  for (const x of s.subsections) section(doc, x, depth + 1);
}

function blockOf(doc: Doc, b: ReportBlock): void {
  doc.x = MARGIN.left;
  switch (b.kind) {
    case 'paragraph':
      paragraph(doc, b.text);
      break;
    case 'notice':
      notice(doc, b.tone, b.text);
      break;
    case 'list':
      for (const item of b.items) {
        doc.font('regular').fontSize(SIZE.body);
        const h = doc.heightOfString(item, { width: CONTENT_WIDTH - 12 });
        ensureRoom(doc, Math.min(h, 40));
        const y = doc.y;
        doc.fillColor(COLOURS.ink).text('•', MARGIN.left + 2, y);
        doc.text(item, MARGIN.left + 12, y, { width: CONTENT_WIDTH - 12 });
        doc.moveDown(0.15);
      }
      doc.moveDown(0.3);
      break;
    case 'facts':
      facts(doc, b.facts);
      break;
    case 'table':
      table(doc, b);
      break;
  }
}

function paragraph(doc: Doc, text: string): void {
  doc.font('regular').fontSize(SIZE.body).fillColor(COLOURS.ink);
  // A paragraph that introduces what follows (it ends with a colon) keeps some of it on its page.
  const introduces = /[:：]$/.test(text) ? 40 : 0;
  ensureRoom(
    doc,
    Math.min(doc.heightOfString(text, { width: CONTENT_WIDTH }), 3 * SIZE.body * 1.4) + introduces,
  );
  doc.text(text, MARGIN.left, doc.y, { width: CONTENT_WIDTH, lineGap: 1.5 });
  doc.moveDown(0.4);
}

function notice(doc: Doc, tone: 'info' | 'warning', text: string): void {
  doc.font('regular').fontSize(SIZE.body);
  const height = doc.heightOfString(text, { width: CONTENT_WIDTH - 16 }) + 10;
  ensureRoom(doc, height + 6);
  const y = doc.y + 2;
  doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(COLOURS.band);
  doc.rect(MARGIN.left, y, 3, height).fill(tone === 'warning' ? COLOURS.bad : COLOURS.accent);
  doc.fillColor(COLOURS.ink).text(text, MARGIN.left + 10, y + 5, { width: CONTENT_WIDTH - 16 });
  doc.y = y + height + 6;
  doc.x = MARGIN.left;
}

/** Label–value pairs as a two-column grid (the label muted). */
function facts(doc: Doc, entries: { label: string; value: string }[]): void {
  const labelWidth = CONTENT_WIDTH * 0.32;
  const valueWidth = CONTENT_WIDTH - labelWidth - 8;
  for (const f of entries) {
    doc.font('regular').fontSize(SIZE.body);
    const h = Math.max(
      doc.heightOfString(f.label, { width: labelWidth }),
      doc.heightOfString(f.value, { width: valueWidth }),
    );
    ensureRoom(doc, h + 4);
    const y = doc.y;
    doc.fillColor(COLOURS.muted).text(f.label, MARGIN.left, y, { width: labelWidth });
    doc.fillColor(COLOURS.ink).text(f.value, MARGIN.left + labelWidth + 8, y, { width: valueWidth });
    doc.y = y + h + 3;
    doc
      .moveTo(MARGIN.left, doc.y - 1.5)
      .lineTo(MARGIN.left + CONTENT_WIDTH, doc.y - 1.5)
      .lineWidth(0.3)
      .strokeColor(COLOURS.rule)
      .stroke();
  }
  doc.x = MARGIN.left;
  doc.moveDown(0.5);
}

/**
 * Column widths that fit the content: each column gets at least its longest word (so words are not cut where
 * the page allows) and the rest of the width in proportion to how much more its longest cell needs.
 */
function columnWidths(doc: Doc, t: ReportTable): number[] {
  const rows = [...t.rows, ...(t.total ? [t.total] : [])];
  const widest = (text: string, font: 'regular' | 'bold') => {
    doc.font(font).fontSize(SIZE.table);
    return doc.widthOfString(text);
  };
  const longestWord = (text: string, font: 'regular' | 'bold') =>
    Math.max(0, ...text.split(/[\s/—]+/).map((w) => Math.min(widest(w, font), 90)));
  const minimum = t.columns.map(
    (c, i) =>
      Math.max(
        longestWord(c.label, 'bold'),
        ...rows.map((r) =>
          t.columns[i].align === 'right' ? widest(r[i] ?? '', 'regular') : longestWord(r[i] ?? '', 'regular'),
        ),
      ) +
      2 * CELL_PAD,
  );
  const natural = t.columns.map((c, i) =>
    Math.max(
      minimum[i],
      Math.min(widest(c.label, 'bold'), 120) + 2 * CELL_PAD,
      ...rows.map((r) => widest(r[i] ?? '', 'regular') + 2 * CELL_PAD),
    ),
  );
  const sumMin = minimum.reduce((s, x) => s + x, 0);
  const sumNatural = natural.reduce((s, x) => s + x, 0);
  if (sumNatural <= CONTENT_WIDTH) {
    // Everything fits on one line: spread what is left over the columns in proportion.
    return natural.map((w) => (w * CONTENT_WIDTH) / sumNatural);
  }
  if (sumMin >= CONTENT_WIDTH) return minimum.map((w) => (w * CONTENT_WIDTH) / sumMin);
  const spare = CONTENT_WIDTH - sumMin;
  const wanted = sumNatural - sumMin;
  return minimum.map((w, i) => w + (spare * (natural[i] - minimum[i])) / wanted);
}

function rowHeight(doc: Doc, cells: string[], widths: number[], font: 'regular' | 'bold'): number {
  doc.font(font).fontSize(SIZE.table);
  return (
    Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: widths[i] - 2 * CELL_PAD }))) +
    2 * CELL_PAD
  );
}

function drawRow(
  doc: Doc,
  cells: string[],
  widths: number[],
  t: ReportTable,
  y: number,
  height: number,
  style: 'header' | 'body' | 'total',
): void {
  if (style === 'header') doc.rect(MARGIN.left, y, CONTENT_WIDTH, height).fill(COLOURS.band);
  doc
    .font(style === 'body' ? 'regular' : 'bold')
    .fontSize(SIZE.table)
    .fillColor(COLOURS.ink);
  let x = MARGIN.left;
  cells.forEach((c, i) => {
    doc.text(c, x + CELL_PAD, y + CELL_PAD, {
      width: widths[i] - 2 * CELL_PAD,
      align: t.columns[i]?.align === 'right' ? 'right' : 'left',
      lineBreak: true,
    });
    x += widths[i];
  });
  doc
    .moveTo(MARGIN.left, y + height)
    .lineTo(MARGIN.left + CONTENT_WIDTH, y + height)
    .lineWidth(style === 'body' ? 0.3 : 0.8)
    .strokeColor(style === 'body' ? COLOURS.rule : COLOURS.ink)
    .stroke();
}

/** A table over as many pages as it needs, its caption kept with its first rows and its header row repeated. */
function table(doc: Doc, t: ReportTable): void {
  const widths = columnWidths(doc, t);
  const header = t.columns.map((c) => c.label);
  const headerHeight = rowHeight(doc, header, widths, 'bold');
  doc.font('bold').fontSize(SIZE.body);
  const captionHeight = doc.heightOfString(t.caption, { width: CONTENT_WIDTH }) + 3;
  const firstRow = t.rows.length > 0 ? rowHeight(doc, t.rows[0], widths, 'regular') : 0;
  ensureRoom(doc, captionHeight + headerHeight + firstRow + 4);
  doc.fillColor(COLOURS.ink).text(t.caption, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
  doc.y += 3;
  let y = doc.y;
  drawRow(doc, header, widths, t, y, headerHeight, 'header');
  y += headerHeight;
  const rows: [string[], 'body' | 'total'][] = [
    ...t.rows.map((r): [string[], 'body'] => [r, 'body']),
    ...(t.total ? [[t.total, 'total'] as [string[], 'total']] : []),
  ];
  for (const [cells, style] of rows) {
    const height = rowHeight(doc, cells, widths, style === 'body' ? 'regular' : 'bold');
    if (y + height > BOTTOM) {
      doc.addPage();
      y = MARGIN.top;
      drawRow(doc, header, widths, t, y, headerHeight, 'header');
      y += headerHeight;
    }
    drawRow(doc, cells, widths, t, y, height, style);
    y += height;
  }
  doc.x = MARGIN.left;
  doc.y = y + 4;
  for (const note of t.notes ?? []) {
    doc.font('regular').fontSize(SIZE.small).fillColor(COLOURS.muted);
    ensureRoom(doc, Math.min(doc.heightOfString(note, { width: CONTENT_WIDTH }), 30));
    doc.text(note, MARGIN.left, doc.y, { width: CONTENT_WIDTH });
    doc.moveDown(0.15);
  }
  doc.fillColor(COLOURS.ink);
  doc.moveDown(0.6);
}

/** On every page but the first a header (report and study title); on every page the footer and "Page n of N". */
function runningHeadersAndFooters(doc: Doc, report: StudyReportDocument): void {
  const range = doc.bufferedPageRange();
  const pages = range.count;
  for (let i = range.start; i < range.start + pages; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: margins.left, right: margins.right };
    doc.font('regular').fontSize(SIZE.small).fillColor(COLOURS.muted);
    if (i > range.start) {
      doc.text(`${report.title} | ${report.studyTitle}`, MARGIN.left, 30, {
        width: CONTENT_WIDTH,
        lineBreak: false,
        ellipsis: true,
      });
      doc
        .moveTo(MARGIN.left, 44)
        .lineTo(MARGIN.left + CONTENT_WIDTH, 44)
        .lineWidth(0.5)
        .strokeColor(COLOURS.rule)
        .stroke();
    }
    const footerY = PAGE.height - 40;
    doc
      .moveTo(MARGIN.left, footerY - 6)
      .lineTo(MARGIN.left + CONTENT_WIDTH, footerY - 6)
      .lineWidth(0.5)
      .strokeColor(COLOURS.rule)
      .stroke();
    const pageText = report.pageLabel
      .replace('{page}', String(i - range.start + 1))
      .replace('{pages}', String(pages));
    const pageWidth = doc.widthOfString(pageText);
    doc.text(report.footer, MARGIN.left, footerY, {
      width: CONTENT_WIDTH - pageWidth - 16,
      lineBreak: false,
      ellipsis: true,
    });
    doc.text(pageText, MARGIN.left + CONTENT_WIDTH - pageWidth, footerY, { lineBreak: false });
    doc.page.margins = margins;
  }
}
