// A label as PDF: one page of the label's exact physical size, vector throughout — the text set in Noto Sans SC
// (embedded subsets with ToUnicode maps, so it can be searched and copied) at the positions the layout computed,
// boxes and the QR code as filled paths.
import PDFDocument from 'pdfkit';
import type { LabelFonts } from './label-fonts.js';
import type { LabelScene } from './label-layout.js';
import { qrRuns } from './qr-code.js';

export interface LabelPdfOptions {
  /** The PDF's creation date (default: now); fix it for byte-identical output. */
  creationDate?: Date;
}

/** PostScript points per millimetre. */
const PT_PER_MM = 72 / 25.4;

/**
 * Renders a laid-out label to PDF bytes; the page is the label's size (e.g. 40 × 25 mm is 113.39 × 70.87 pt).
 *
 * @example await writeFile('label.pdf', await renderLabelPdf(scene, await loadLabelFonts()));
 */
export async function renderLabelPdf(
  scene: LabelScene,
  fonts: LabelFonts,
  options: LabelPdfOptions = {},
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [scene.width * PT_PER_MM, scene.height * PT_PER_MM],
    margin: 0,
    autoFirstPage: true,
    pdfVersion: '1.7',
    lang: scene.language === 'en' ? 'en' : 'zh-Hans',
    displayTitle: true,
    info: {
      Title: scene.title,
      Subject: scene.description,
      Creator: 'OpenCFP',
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
  // Everything below is in millimetres, as the scene is.
  doc.scale(PT_PER_MM);
  for (const item of scene.items) {
    if (item.kind === 'rect') {
      doc.save();
      if (item.radius > 0) doc.roundedRect(item.x, item.y, item.width, item.height, item.radius);
      else doc.rect(item.x, item.y, item.width, item.height);
      if (item.fill && item.stroke) doc.lineWidth(item.strokeWidth).fillAndStroke(item.fill, item.stroke);
      else if (item.fill) doc.fill(item.fill);
      else if (item.stroke) doc.lineWidth(item.strokeWidth).stroke(item.stroke);
      doc.restore();
    } else if (item.kind === 'text') {
      doc
        .font(item.shaped.weight)
        .fontSize((item.shaped.sizePt * 25.4) / 72)
        .fillColor(item.colour)
        .text(item.shaped.text, item.x, item.baseline, { lineBreak: false, baseline: 'alphabetic' });
    } else {
      doc.save();
      for (const run of qrRuns(item.matrix))
        doc.rect(
          item.x + run.col * item.module,
          item.y + run.row * item.module,
          run.length * item.module,
          item.module,
        );
      doc.fill('#000000');
      doc.restore();
    }
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
