// The label's typeface: Noto Sans SC (Chinese with Latin), Regular and Bold, from the package the study report
// already uses (SIL Open Font License 1.1). Text is shaped here with fontkit — the engine pdfkit uses — so the
// positions the layout computes are the ones the SVG (glyph outlines) and the PDF (embedded text) draw.
import { readFile } from 'node:fs/promises';
import * as fontkit from 'fontkit';
import { reportFontFiles } from '@opencfp/study';
import { LabelError } from './errors.js';

/** The font files a label uses (TrueType bytes): one with Chinese and Latin glyphs, and its bold. */
export interface LabelFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export type FontWeight = keyof LabelFonts;

/** Millimetres per PostScript point. */
export const MM_PER_PT = 25.4 / 72;

let loaded: Promise<LabelFonts> | undefined;

/**
 * Reads the Noto Sans SC Regular and Bold files the repository ships (once per process).
 *
 * @example const svg = renderLabelSvg(layoutLabel(data, options, await loadLabelFonts()));
 */
export function loadLabelFonts(): Promise<LabelFonts> {
  const files = reportFontFiles();
  loaded ??= Promise.all([readFile(files.regular), readFile(files.bold)]).then(([regular, bold]) => ({
    regular,
    bold,
  }));
  return loaded;
}

/** A glyph of shaped text: its id in the font and its origin, in mm from the text's start on the baseline. */
export interface PlacedGlyph {
  id: number;
  x: number;
  /** Upwards from the baseline (font convention). */
  y: number;
}

/** Text shaped at a size: its advance width and its ink extent above and below the baseline (mm). */
export interface ShapedText {
  text: string;
  weight: FontWeight;
  sizePt: number;
  width: number;
  inkAbove: number;
  inkBelow: number;
  glyphs: PlacedGlyph[];
}

/** Measures and shapes text in the label's fonts; one per LabelFonts (see typesetterFor). */
export class Typesetter {
  private readonly faces: Record<FontWeight, fontkit.Font>;
  private readonly paths = new Map<string, string>();

  constructor(fonts: LabelFonts) {
    const open = (bytes: Uint8Array) => fontkit.create(Buffer.from(bytes)) as fontkit.Font;
    this.faces = { regular: open(fonts.regular), bold: open(fonts.bold) };
  }

  /** The font's units per em (the scale of glyphPath). */
  unitsPerEm(weight: FontWeight): number {
    return this.faces[weight].unitsPerEm;
  }

  /** The x-height and the height of a typical ideograph (国), as fractions of the font size. */
  proportions(): { xHeight: number; ideograph: number } {
    const face = this.faces.regular;
    const box = face.glyphForCodePoint(0x56fd).bbox;
    return { xHeight: face.xHeight / face.unitsPerEm, ideograph: (box.maxY - box.minY) / face.unitsPerEm };
  }

  /**
   * Shapes one line of text. A character the font has no glyph for is an error naming it and `what` it is in
   * (a label must not print a blank box).
   */
  shape(text: string, weight: FontWeight, sizePt: number, what: string): ShapedText {
    const face = this.faces[weight];
    const run = face.layout(text);
    const scale = (sizePt * MM_PER_PT) / face.unitsPerEm;
    const missing = [...text].find(
      (ch) => ch.trim() !== '' && !face.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0),
    );
    if (missing !== undefined)
      throw new LabelError(
        'MISSING_GLYPH',
        `${what} has the character '${missing}' (U+${(missing.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}), which the label's font (Noto Sans SC) cannot print: write it without that character`,
      );
    const glyphs: PlacedGlyph[] = [];
    let pen = 0;
    run.glyphs.forEach((glyph, i) => {
      const position = run.positions[i];
      glyphs.push({ id: glyph.id, x: (pen + position.xOffset) * scale, y: position.yOffset * scale });
      pen += position.xAdvance;
    });
    const box = run.bbox;
    const empty = !Number.isFinite(box.maxY) || box.maxY < box.minY;
    return {
      text,
      weight,
      sizePt,
      width: pen * scale,
      inkAbove: empty ? 0 : box.maxY * scale,
      inkBelow: empty ? 0 : -box.minY * scale,
      glyphs,
    };
  }

  /** A glyph's outline as SVG path data, in font units with y up (cached). */
  glyphPath(weight: FontWeight, id: number): string {
    const key = `${weight}:${id}`;
    let path = this.paths.get(key);
    if (path === undefined) {
      path = this.faces[weight].getGlyph(id).path.toSVG();
      this.paths.set(key, path);
    }
    return path;
  }
}

const typesetters = new WeakMap<LabelFonts, Typesetter>();

/** The Typesetter of a LabelFonts object, made once (parsing the fonts takes a moment). */
export function typesetterFor(fonts: LabelFonts): Typesetter {
  let found = typesetters.get(fonts);
  if (!found) {
    found = new Typesetter(fonts);
    typesetters.set(fonts, found);
  }
  return found;
}
