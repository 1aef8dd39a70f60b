// The look of a label at each size: type sizes, the QR code's size, spacing, colours, and which rows it shows in
// one language and in two. label-layout.ts places them; docs/labels.md shows what each size holds.
import type { LabelSizeName } from './label-sizes.js';

/** Colours chosen for contrast on white paper (all ≥ 7:1 but the class scale's own colours). */
export const LABEL_COLOURS = {
  paper: '#ffffff',
  ink: '#1b1f23',
  muted: '#41474e',
  accent: '#0b6e4f',
  onAccent: '#ffffff',
  selfDeclared: '#7a4300',
};

export type RowName =
  | 'product'
  | 'company'
  | 'value'
  | 'perUnit'
  | 'boundary'
  | 'perUnitBoundary'
  | 'classScale'
  | 'scheme'
  | 'ruleSet'
  | 'year'
  | 'ruleSetYear'
  | 'verification'
  | 'verificationShort'
  | 'statement';

export interface Style {
  /** Width of the frame's stroke (mm); the header band lies inside it. */
  frame: number;
  padding: number;
  headerPt: number;
  valuePt: number;
  unitPt: number;
  textPt: number;
  /** Side of the QR code with its quiet zone (mm). */
  qr: number;
  /** Print "scan for details" under the QR code. */
  scanCaption: boolean;
  classBox: { width: number; height: number };
  /** Vertical space between rows (mm). */
  rowGap: number;
  productLines: number;
  /** The rows, top to bottom, for one language and for both (which carry every text twice, so show less). */
  rows: { single: RowName[]; bilingual: RowName[] };
}

export const STYLE: Record<LabelSizeName, Style> = {
  small: {
    frame: 0.35,
    padding: 1.1,
    headerPt: 7,
    valuePt: 14,
    unitPt: 7,
    textPt: 6,
    qr: 14.5,
    scanCaption: false,
    classBox: { width: 2.6, height: 2.6 },
    rowGap: 0.35,
    productLines: 1,
    rows: {
      single: ['value', 'perUnit', 'boundary', 'verificationShort'],
      bilingual: ['value', 'perUnit', 'boundary', 'verificationShort'],
    },
  },
  medium: {
    frame: 0.4,
    padding: 1.4,
    headerPt: 8,
    valuePt: 16,
    unitPt: 10,
    textPt: 7,
    qr: 16,
    scanCaption: false,
    classBox: { width: 3.2, height: 3.1 },
    rowGap: 0.35,
    productLines: 1,
    rows: {
      single: ['product', 'value', 'perUnitBoundary', 'classScale', 'scheme', 'ruleSetYear', 'verification'],
      bilingual: ['product', 'value', 'perUnitBoundary', 'classScale', 'scheme', 'verificationShort'],
    },
  },
  large: {
    frame: 0.5,
    padding: 1.8,
    headerPt: 10,
    valuePt: 20,
    unitPt: 10,
    textPt: 7.5,
    qr: 21,
    scanCaption: true,
    classBox: { width: 4, height: 3.6 },
    rowGap: 0.5,
    productLines: 2,
    rows: {
      single: [
        'product',
        'company',
        'value',
        'perUnitBoundary',
        'classScale',
        'scheme',
        'ruleSet',
        'year',
        'verification',
        'statement',
      ],
      bilingual: [
        'product',
        'company',
        'value',
        'perUnitBoundary',
        'classScale',
        'scheme',
        'ruleSetYear',
        'verification',
        'statement',
      ],
    },
  },
};

/** Green to yellow to red, for schemes that give no colours. */
export function defaultClassColour(index: number, count: number): string {
  const stops = [
    [0x1a, 0x96, 0x41],
    [0xff, 0xdf, 0x3f],
    [0xd7, 0x19, 0x1c],
  ];
  const t = count === 1 ? 0 : (index / (count - 1)) * 2;
  const i = Math.min(1, Math.floor(t));
  const f = t - i;
  return `#${stops[i]
    .map((c, k) => Math.round(c + (stops[i + 1][k] - c) * f))
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Ink or white, whichever contrasts more with a fill. */
export function readableOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.05 ? LABEL_COLOURS.paper : LABEL_COLOURS.ink;
}
