// The label's physical sizes, for packaging, and the legibility rule every text on them keeps.

export const LABEL_SIZES = ['small', 'medium', 'large'] as const;
export type LabelSizeName = (typeof LABEL_SIZES)[number];

/** A label size: its trimmed size in millimetres and the smallest text it may print. */
export interface LabelSize {
  name: LabelSizeName;
  width: number;
  height: number;
  /** No text on the label is smaller than this (points; 1 pt = 25.4/72 mm). */
  minimumTextPt: number;
  /** The smallest x-height (Latin) and ideograph height (Chinese) that rule stands for, in mm. */
  minimumXHeightMm: number;
  minimumIdeographMm: number;
  /** What it is meant for. */
  use: string;
}

/**
 * The sizes. The legibility rule borrows the two regulations that set minimum text sizes on packaging:
 * Regulation (EU) No 1169/2011, Article 13(2)–(3) — an x-height of at least 1.2 mm, or 0.9 mm on packages whose
 * largest surface is under 80 cm² — and China's 产品标识标注规定 (1997) with GB 7718-2011 — characters at least
 * 1.8 mm high. In Noto Sans SC the x-height is 0.543 em and an ideograph (国) 0.875 em tall, so 6 pt gives 1.15 mm
 * and 1.85 mm (small packages), 7 pt 1.34 mm and 2.16 mm (the rest). label-layout.test.ts checks every text of
 * every layout against its size's minimum, and the minimum against the millimetres.
 */
export const LABEL_SIZE: Record<LabelSizeName, LabelSize> = {
  small: {
    name: 'small',
    width: 40,
    height: 25,
    minimumTextPt: 6,
    minimumXHeightMm: 0.9,
    minimumIdeographMm: 1.8,
    use: 'small packages (largest surface under 80 cm²): the value, declared unit, boundary, class and verification; the rest behind the QR code',
  },
  medium: {
    name: 'medium',
    width: 60,
    height: 40,
    minimumTextPt: 7,
    minimumXHeightMm: 1.2,
    minimumIdeographMm: 1.8,
    use: 'most retail packaging: adds the product, the rule set and the year',
  },
  large: {
    name: 'large',
    width: 90,
    height: 60,
    minimumTextPt: 7,
    minimumXHeightMm: 1.2,
    minimumIdeographMm: 1.8,
    use: 'cartons, battery packs and data plates: adds the company, the verifier and the statement id',
  },
};
