import type { LabelData } from './label-data.js';
import { loadLabelFonts, type LabelFonts } from './label-fonts.js';
import { layoutLabel, type LabelOptions, type LabelScene } from './label-layout.js';
import { renderLabelPdf } from './render-label-pdf.js';
import { renderLabelPng } from './render-label-png.js';
import { renderLabelSvg } from './render-label-svg.js';

export const LABEL_FORMATS = ['svg', 'png', 'pdf'] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export const LABEL_MEDIA_TYPES: Record<LabelFormat, string> = {
  svg: 'image/svg+xml',
  png: 'image/png',
  pdf: 'application/pdf',
};

export interface RenderLabelOptions extends LabelOptions {
  format: LabelFormat;
  /** PNG only: dots per inch (default 300). */
  dpi?: number;
  /** PDF only: its creation date (default: now). */
  creationDate?: Date;
  /** The fonts (default: loadLabelFonts()). */
  fonts?: LabelFonts;
}

export interface RenderedLabel {
  bytes: Uint8Array;
  mediaType: string;
  scene: LabelScene;
}

/**
 * Lays out and renders a label in one call: SVG (text as outlines), PNG (300 dpi by default) or PDF (vector, the
 * label's exact size).
 *
 * @example
 * const { bytes } = await renderLabel(data, { format: 'png', language: 'bilingual', size: 'large', classScheme });
 * await writeFile('label.png', bytes);
 */
export async function renderLabel(data: LabelData, options: RenderLabelOptions): Promise<RenderedLabel> {
  const fonts = options.fonts ?? (await loadLabelFonts());
  const scene = layoutLabel(data, options, fonts);
  let bytes: Uint8Array;
  if (options.format === 'pdf')
    bytes = await renderLabelPdf(scene, fonts, { creationDate: options.creationDate });
  else {
    const svg = renderLabelSvg(scene, fonts);
    bytes =
      options.format === 'svg'
        ? new TextEncoder().encode(svg)
        : renderLabelPng(svg, scene, { dpi: options.dpi });
  }
  return { bytes, mediaType: LABEL_MEDIA_TYPES[options.format], scene };
}
