// Where everything on a label goes, in millimetres from its top left corner: a coloured header band with the
// heading, the QR code (with its quiet zone) on the right below it, and the rows of text to its left, flowing to
// the full width once they are below the QR code. The renderers (SVG, PNG, PDF) draw exactly this scene; the tests
// check it — every text inside the label and off the QR code's quiet zone, no two texts overlapping, none smaller
// than the size's minimum.
import { performanceClass, type ClassScheme, type PerformanceClass } from './class-scheme.js';
import { LabelError } from './errors.js';
import { parseLabelData, type LabelData, type LabelLanguage, type LocalText } from './label-data.js';
import {
  MM_PER_PT,
  typesetterFor,
  type FontWeight,
  type LabelFonts,
  type ShapedText,
  type Typesetter,
} from './label-fonts.js';
import { LABEL_SIZE, type LabelSize, type LabelSizeName } from './label-sizes.js';
import { labelTexts, type LabelTexts } from './label-text.js';
import { QR_MINIMUM_MODULE_MM, QR_QUIET_ZONE, qrMatrix, type QrMatrix } from './qr-code.js';
import {
  defaultClassColour,
  LABEL_COLOURS,
  readableOn,
  STYLE,
  type RowName,
  type Style,
} from './label-style.js';

/** What to make of the data: the language, the size and, optionally, a performance class scheme. */
export interface LabelOptions {
  language: LabelLanguage;
  size: LabelSizeName;
  classScheme?: ClassScheme;
}

export interface LabelRect {
  kind: 'rect';
  role: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string | null;
  stroke: string | null;
  strokeWidth: number;
  radius: number;
}

/** A line of text: shaped glyphs placed with their origin at (x, baseline). */
export interface LabelText {
  kind: 'text';
  role: string;
  x: number;
  baseline: number;
  shaped: ShapedText;
  colour: string;
}

/** The QR code: its symbol's top left corner (inside the quiet zone), its module size and modules. */
export interface LabelQr {
  kind: 'qr';
  role: 'qr';
  x: number;
  y: number;
  module: number;
  matrix: QrMatrix;
  url: string;
}

export type LabelItem = LabelRect | LabelText | LabelQr;

/** A laid-out label: its size in mm and what is drawn, in painting order. */
export interface LabelScene {
  width: number;
  height: number;
  size: LabelSize;
  language: LabelLanguage;
  items: LabelItem[];
  /** The heading, and every text of the label in reading order (for the SVG's title and description). */
  title: string;
  description: string;
  performance?: PerformanceClass;
}

const LINE_HEIGHT = 1.18;
/** Where the baseline sits in a line box, as a fraction of the font size (ideographs reach 0.84 em up). */
const BASELINE = 0.93;
const ELLIPSIS = '…';

/** A piece of a line: one font, size and colour. */
interface Segment {
  text: string;
  weight: FontWeight;
  sizePt: number;
  colour: string;
  role: string;
  /** Shift of the baseline downwards (mm), for a subscript. */
  drop?: number;
}

const pt = (sizePt: number) => sizePt * MM_PER_PT;

/** Break opportunities: each CJK character, each run of other non-blank characters, each run of blanks. */
function tokens(text: string): string[] {
  const raw = text.match(
    /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+|\s+/gu,
  );
  const out: string[] = [];
  // Closing punctuation never starts a line: it stays with what it closes.
  for (const t of raw ?? [])
    if (/^[，。；：、）」』！？》】]$/u.test(t) && out.length > 0) out[out.length - 1] += t;
    else if (out.length > 0 && /[（「『《【]$/u.test(out[out.length - 1])) out[out.length - 1] += t;
    else out.push(t);
  return out;
}

/** Lays out one label. */
class Layout {
  readonly items: LabelItem[] = [];
  readonly reading: string[] = [];
  private y = 0;
  private readonly left: number;
  private readonly right: number;
  private readonly bottom: number;
  private qrTop = 0;
  private qrBottom = 0;
  private qrLeft = 0;

  constructor(
    private readonly typesetter: Typesetter,
    private readonly size: LabelSize,
    private readonly style: Style,
    private readonly language: LabelLanguage,
  ) {
    this.left = style.frame + style.padding;
    this.right = size.width - style.frame - style.padding;
    this.bottom = size.height - style.frame - style.padding * 0.8;
  }

  shape(segment: Segment, what: string): ShapedText {
    if (segment.sizePt < this.size.minimumTextPt - 1e-9)
      throw new Error(`internal: ${what} at ${segment.sizePt} pt is under the minimum`);
    return this.typesetter.shape(segment.text, segment.weight, segment.sizePt, what);
  }

  /** The frame, the paper and the header band with the heading. */
  frameAndHeader(texts: LabelTexts): void {
    const { width, height } = this.size;
    const { frame, padding, headerPt } = this.style;
    this.items.push({
      kind: 'rect',
      role: 'paper',
      x: 0,
      y: 0,
      width,
      height,
      fill: LABEL_COLOURS.paper,
      stroke: null,
      strokeWidth: 0,
      radius: 0,
    });
    const heading = this.pick(this.size.name === 'small' ? texts.headingShort : texts.heading, ' ');
    const band = pt(headerPt) * 1.45;
    this.items.push({
      kind: 'rect',
      role: 'header',
      x: frame / 2,
      y: frame / 2,
      width: width - frame,
      height: band + frame / 2,
      fill: LABEL_COLOURS.accent,
      stroke: null,
      strokeWidth: 0,
      radius: 0,
    });
    const shaped = this.shape(
      { text: heading, weight: 'bold', sizePt: headerPt, colour: LABEL_COLOURS.onAccent, role: 'heading' },
      'the heading',
    );
    if (shaped.width > width - 2 * (frame + padding))
      throw new LabelError('DOES_NOT_FIT', `the heading does not fit on a ${this.size.name} label`);
    this.items.push({
      kind: 'text',
      role: 'heading',
      x: this.left,
      baseline: frame + band / 2 + (pt(headerPt) * 0.78) / 2,
      shaped,
      colour: LABEL_COLOURS.onAccent,
    });
    this.reading.push(heading);
    this.items.push({
      kind: 'rect',
      role: 'frame',
      x: frame / 2,
      y: frame / 2,
      width: width - frame,
      height: height - frame,
      fill: null,
      stroke: LABEL_COLOURS.accent,
      strokeWidth: frame,
      radius: 0,
    });
    this.y = frame + band + padding * 0.7;
  }

  /** The QR code at the right, below the header: its quiet zone is white space that also pads the text. */
  qr(url: string, texts: LabelTexts): void {
    const matrix = qrMatrix(url);
    const side = this.style.qr;
    const module = side / (matrix.size + 2 * QR_QUIET_ZONE);
    if (module < QR_MINIMUM_MODULE_MM)
      throw new LabelError(
        'QR_TOO_DENSE',
        `the product page URL (${url.length} characters) needs a QR code of ${matrix.size} modules, too fine to print on a ${this.size.name} label ` +
          `(${module.toFixed(3)} mm a module, at least ${QR_MINIMUM_MODULE_MM} mm): use a larger size or a shorter URL`,
      );
    // A hair's gap from the frame, so that no anti-aliased edge of it falls in the quiet zone.
    const boxLeft = this.size.width - this.style.frame - 0.15 - side;
    const boxTop = this.y - this.style.padding * 0.7 + 0.1;
    this.qrTop = boxTop;
    this.qrLeft = boxLeft;
    this.qrBottom = boxTop + side;
    this.items.push({
      kind: 'qr',
      role: 'qr',
      x: boxLeft + QR_QUIET_ZONE * module,
      y: boxTop + QR_QUIET_ZONE * module,
      module,
      matrix,
      url,
    });
    if (this.style.scanCaption) {
      let y = this.qrBottom + 0.1;
      for (const text of this.paragraphs(texts.scan)) {
        const shaped = this.shape(
          {
            text,
            weight: 'regular',
            sizePt: this.size.minimumTextPt,
            colour: LABEL_COLOURS.muted,
            role: 'scan',
          },
          'the scan caption',
        );
        const lineHeight = pt(this.size.minimumTextPt) * LINE_HEIGHT;
        this.items.push({
          kind: 'text',
          role: 'scan',
          x: boxLeft + (side - shaped.width) / 2,
          baseline: y + pt(this.size.minimumTextPt) * BASELINE,
          shaped,
          colour: LABEL_COLOURS.muted,
        });
        y += lineHeight;
      }
      this.qrBottom = y;
    }
  }

  /** The texts of a LocalText in the label's language (both, Chinese first, when bilingual). */
  private paragraphs(text: LocalText): string[] {
    if (this.language === 'zh') return [text.zh];
    if (this.language === 'en') return [text.en];
    return text.zh === text.en ? [text.zh] : [text.zh, text.en];
  }

  /** A LocalText as one string in the label's language (joined by `separator` when bilingual). */
  private pick(text: LocalText, separator: string): string {
    return this.paragraphs(text).join(separator);
  }

  /** The width free for a line from `top` to `top + height`: beside the QR code, or the full width below it. */
  private widthAt(top: number, height: number): number {
    const besideQr = top < this.qrBottom && top + height > this.qrTop;
    return (besideQr ? this.qrLeft - 0.2 : this.right) - this.left;
  }

  private lineHeight(sizePt: number): number {
    return pt(sizePt) * LINE_HEIGHT;
  }

  /** Places one line of segments at the current position (baseline shared) and moves down. */
  private placeLine(segments: Segment[], shapedSegments: ShapedText[], gap: number): void {
    const sizePt = Math.max(...segments.map((s) => s.sizePt));
    const baseline = this.y + pt(sizePt) * BASELINE;
    let x = this.left;
    segments.forEach((segment, i) => {
      const shaped = shapedSegments[i];
      this.items.push({
        kind: 'text',
        role: segment.role,
        x,
        baseline: baseline + (segment.drop ?? 0),
        shaped,
        colour: segment.colour,
      });
      x += shaped.width + (i < segments.length - 1 && !segments[i + 1].drop && !segment.drop ? gap : 0);
    });
    this.y += this.lineHeight(sizePt);
  }

  /**
   * A paragraph wrapped to the free width, at most `maxLines` lines (the last one then ends in an ellipsis:
   * only names are given a limit; the label's own statements are never cut).
   */
  paragraph(text: string, segment: Omit<Segment, 'text'>, what: string, maxLines = Infinity): void {
    this.reading.push(text);
    const parts = tokens(text);
    let lines = 0;
    while (parts.length > 0) {
      while (parts.length > 0 && /^\s+$/u.test(parts[0])) parts.shift();
      if (parts.length === 0) break;
      const width = this.widthAt(this.y, this.lineHeight(segment.sizePt));
      let line = '';
      while (parts.length > 0) {
        const next = line + parts[0];
        if (this.measure(next.trimEnd(), segment, what) <= width) {
          line = next;
          parts.shift();
        } else if (line === '') {
          // One word wider than the line: break it between characters.
          const chars = [...parts[0]];
          let fit = chars[0];
          for (const ch of chars.slice(1)) {
            if (this.measure(fit + ch, segment, what) > width) break;
            fit += ch;
          }
          line = fit;
          parts[0] = chars.slice([...fit].length).join('');
          break;
        } else break;
      }
      lines += 1;
      if (lines === maxLines && parts.some((p) => !/^\s+$/u.test(p))) {
        line = line.trimEnd();
        while (line !== '' && this.measure(line + ELLIPSIS, segment, what) > width)
          line = [...line].slice(0, -1).join('');
        line = line.trimEnd() + ELLIPSIS;
        parts.length = 0;
      }
      const shaped = this.shape({ ...segment, text: line.trimEnd() }, what);
      this.placeLine([{ ...segment, text: line.trimEnd() }], [shaped], 0);
    }
  }

  private measure(text: string, segment: Omit<Segment, 'text'>, what: string): number {
    return this.typesetter.shape(text, segment.weight, segment.sizePt, what).width;
  }

  /**
   * A text in the label's language; when bilingual, Chinese then English — on one line when both fit, else each
   * in its own paragraph.
   */
  localised(text: LocalText, segment: Omit<Segment, 'text'>, what: string, maxLines = Infinity): void {
    const parts = this.paragraphs(text);
    if (parts.length === 2) {
      // Both on one line, parted by a slash, when they fit.
      const gap = pt(segment.sizePt) * 0.35;
      const line: Segment[] = [
        { ...segment, text: parts[0] },
        { ...segment, text: '/', colour: LABEL_COLOURS.muted, weight: 'regular' },
        { ...segment, text: parts[1] },
      ];
      const shaped = line.map((s) => this.shape(s, what));
      const width = this.widthAt(this.y, this.lineHeight(segment.sizePt));
      if (shaped.reduce((sum, s) => sum + s.width, 0) + 2 * gap <= width) {
        this.reading.push(...parts);
        this.placeLine(line, shaped, gap);
        return;
      }
    }
    for (const part of parts) this.paragraph(part, segment, what, maxLines);
  }

  /** The value, big, and its unit with CO2's 2 as a subscript (when the subscript stays legible). */
  value(texts: LabelTexts): void {
    const { unitPt } = this.style;
    let valuePt = this.style.valuePt;
    const subscriptPt = unitPt * 0.7;
    const unit: Segment[] =
      subscriptPt >= this.size.minimumTextPt
        ? [
            { text: 'kg CO', weight: 'regular', sizePt: unitPt, colour: LABEL_COLOURS.ink, role: 'unit' },
            {
              text: '2',
              weight: 'regular',
              sizePt: subscriptPt,
              colour: LABEL_COLOURS.ink,
              role: 'unit',
              drop: pt(unitPt) * 0.2,
            },
            { text: 'e', weight: 'regular', sizePt: unitPt, colour: LABEL_COLOURS.ink, role: 'unit' },
          ]
        : [{ text: texts.unit, weight: 'regular', sizePt: unitPt, colour: LABEL_COLOURS.ink, role: 'unit' }];
    const unitShaped = unit.map((s) => this.shape(s, 'the unit'));
    const unitWidth = unitShaped.reduce((sum, s) => sum + s.width, 0);
    for (;;) {
      const segment: Segment = {
        text: texts.value,
        weight: 'bold',
        sizePt: valuePt,
        colour: LABEL_COLOURS.ink,
        role: 'value',
      };
      const shaped = this.shape(segment, 'the value');
      const gap = pt(unitPt) * 0.45;
      const width = this.widthAt(this.y, this.lineHeight(valuePt) * 0.9);
      if (shaped.width + gap + unitWidth <= width) {
        // A big figure needs less leading than text: the line box is tightened to the digits.
        const before = this.y;
        this.y -= pt(valuePt) * 0.12;
        this.placeLine([segment, ...unit], [shaped, ...unitShaped], gap);
        this.y = before + pt(valuePt) * 1.02;
        this.reading.push(`${texts.value} ${texts.unit}`);
        return;
      }
      if (valuePt <= unitPt * 1.2)
        throw new LabelError(
          'DOES_NOT_FIT',
          `the value ${texts.value} ${texts.unit} does not fit on a ${this.size.name} label: use a larger size`,
        );
      valuePt = Math.max(unitPt * 1.2, valuePt - 1);
    }
  }

  /** The class scale: a box per class, the footprint's class raised and outlined, then its name. */
  classScale(performance: PerformanceClass, texts: LabelTexts): void {
    const { width: boxWidth, height: boxHeight } = this.style.classBox;
    const classes = performance.scheme.classes;
    const raise = 0.45;
    const top = this.y + raise;
    const letterPt = Math.max(this.size.minimumTextPt, (boxHeight / MM_PER_PT) * 0.62);
    let x = this.left;
    classes.forEach((c, i) => {
      const active = i === performance.index;
      const colour = c.colour ?? defaultClassColour(i, classes.length);
      const y = active ? top - raise : top;
      const height = active ? boxHeight + 2 * raise : boxHeight;
      this.items.push({
        kind: 'rect',
        role: active ? 'class-active' : 'class',
        x,
        y,
        width: boxWidth,
        height,
        fill: colour,
        stroke: active ? LABEL_COLOURS.ink : null,
        strokeWidth: active ? 0.3 : 0,
        radius: 0.25,
      });
      const letter = this.shape(
        {
          text: c.class,
          weight: 'bold',
          sizePt: letterPt,
          colour: readableOn(colour),
          role: 'class-letter',
        },
        'a class name',
      );
      this.items.push({
        kind: 'text',
        role: active ? 'class-letter-active' : 'class-letter',
        x: x + (boxWidth - letter.width) / 2,
        baseline: y + height / 2 + (pt(letterPt) * 0.72) / 2,
        shaped: letter,
        colour: readableOn(colour),
      });
      x += boxWidth + 0.3;
    });
    const name = this.pick(texts.className ?? { en: '', zh: '' }, ' ');
    const shaped = this.shape(
      {
        text: name,
        weight: 'bold',
        sizePt: this.style.textPt,
        colour: LABEL_COLOURS.ink,
        role: 'class-name',
      },
      'the class',
    );
    const nameX = x + 0.8;
    if (nameX + shaped.width > this.left + this.widthAt(this.y, boxHeight + 2 * raise))
      throw new LabelError('DOES_NOT_FIT', `the class scale does not fit on a ${this.size.name} label`);
    this.items.push({
      kind: 'text',
      role: 'class-name',
      x: nameX,
      baseline: top + boxHeight / 2 + (pt(this.style.textPt) * 0.75) / 2,
      shaped,
      colour: LABEL_COLOURS.ink,
    });
    this.reading.push(name);
    this.y = top + boxHeight + raise + 0.25;
  }

  gap(): void {
    this.y += this.style.rowGap;
  }

  /** Where the next row begins (to spread the rows later). */
  mark(): number {
    return this.items.length;
  }

  /**
   * Spreads the rows over the height left below them (up to 2.5 row gaps more between two rows), so that a label
   * with less to say is not top-heavy. Rows only move down: a line laid out below the QR code stays below it.
   */
  spread(rowStarts: number[]): void {
    const free = this.bottom - this.y;
    if (free <= 0 || rowStarts.length < 2) return;
    const extra = Math.min(free / (rowStarts.length - 1), this.style.rowGap * 2.5);
    rowStarts.forEach((start, row) => {
      const end = row + 1 < rowStarts.length ? rowStarts[row + 1] : this.items.length;
      for (const item of this.items.slice(start, end)) {
        if (item.kind === 'text') item.baseline += row * extra;
        else if (item.kind === 'rect') item.y += row * extra;
      }
    });
    this.y += (rowStarts.length - 1) * extra;
  }

  /** Fails when the rows ran past the bottom: nothing on a label is dropped silently. */
  checkFits(): void {
    if (this.y > this.bottom + 1e-9)
      throw new LabelError(
        'DOES_NOT_FIT',
        `the label's content needs ${(this.y + this.style.frame + this.style.padding * 0.8).toFixed(1)} mm of height, ` +
          `the ${this.size.name} label is ${this.size.height} mm high: use a larger size or shorter names`,
      );
  }
}

/** The same text for both languages (printed once on a bilingual label). */
const bothAs = (text: string): LocalText => ({ en: text, zh: text });

/** A row of text: its texts (a paragraph each), how it is set, and what it is (for messages). */
interface TextRow {
  texts: LocalText[];
  sizePt: number;
  colour: string;
  weight: FontWeight;
  role: string;
  what: string;
  /** Names only: they end in an ellipsis after this many lines. */
  maxLines?: number;
}

/** Two texts on one line: "per 1 kWh, cradle to gate" / "每 1 千瓦时，从摇篮到大门". */
const joined = (first: LocalText, second: LocalText): LocalText => ({
  en: `${first.en}, ${second.en.toLowerCase()}`,
  zh: `${first.zh}，${second.zh}`,
});

/** The text rows a label can have (the size's row list picks among them). */
function textRowsOf(
  texts: LabelTexts,
  data: LabelData,
  language: LabelLanguage,
  style: Style,
  size: LabelSize,
): Partial<Record<RowName, TextRow>> {
  const bilingual = language === 'bilingual';
  const row = (
    role: string,
    what: string,
    text: LocalText | LocalText[],
    colour = LABEL_COLOURS.ink,
    sizePt = style.textPt,
    weight: FontWeight = 'regular',
    maxLines?: number,
  ): TextRow => ({
    texts: Array.isArray(text) ? text : [text],
    sizePt,
    colour,
    weight,
    role,
    what,
    maxLines,
  });
  const verified =
    data.verification.status === 'self-declared' ? LABEL_COLOURS.selfDeclared : LABEL_COLOURS.accent;
  const { muted } = LABEL_COLOURS;
  const small = size.minimumTextPt;
  return {
    product: row(
      'product',
      'the product name',
      texts.product,
      LABEL_COLOURS.ink,
      style.textPt,
      'bold',
      bilingual ? 1 : style.productLines,
    ),
    company: row('company', 'the company', bothAs(texts.company), muted, style.textPt, 'regular', 1),
    perUnit: row('declared-unit', 'the declared unit', texts.perDeclaredUnit),
    boundary: row('boundary', 'the boundary', texts.boundary),
    perUnitBoundary: row('declared-unit', 'the declared unit', joined(texts.perDeclaredUnit, texts.boundary)),
    ...(texts.scheme ? { scheme: row('scheme', 'the class scheme', texts.scheme, muted, small) } : {}),
    ruleSet: row('rule-set', 'the rule set', texts.ruleSet, muted),
    year: row('year', 'the year', texts.year, muted),
    ruleSetYear: row('rule-set', 'the rule set', joined(texts.ruleSet, texts.year), muted),
    verification: row(
      'verification',
      'the verification',
      // Never cut: it is the label's claim (a name too long to fit makes the label not fit).
      bilingual ? texts.verificationBilingual.map(bothAs) : texts.verification,
      verified,
      style.textPt,
      'bold',
    ),
    verificationShort: row(
      'verification',
      'the verification',
      texts.verificationShort,
      verified,
      style.textPt,
      'bold',
    ),
    // Bilingual: the id once, after both words for it.
    statement: row(
      'statement',
      'the statement id',
      bilingual ? bothAs(texts.statement.zh.replace(data.statementId, texts.statement.en)) : texts.statement,
      muted,
      small,
    ),
  };
}

/**
 * Lays out a label: checks the data (LabelDataSchema), classifies it when a scheme is given, and places every
 * text, box and the QR code. Content that would not fit legibly is an error (DOES_NOT_FIT), never shrunk below the
 * size's minimum text size or cut — except product and company names, which end in an ellipsis after their lines.
 *
 * @example
 * const scene = layoutLabel(data, { language: 'bilingual', size: 'medium' }, await loadLabelFonts());
 */
export function layoutLabel(data: LabelData, options: LabelOptions, fonts: LabelFonts): LabelScene {
  const checked = parseLabelData(data);
  const size = LABEL_SIZE[options.size];
  const style = STYLE[options.size];
  const performance = options.classScheme ? performanceClass(checked, options.classScheme) : undefined;
  const texts = labelTexts(checked, performance);
  const layout = new Layout(typesetterFor(fonts), size, style, options.language);
  layout.frameAndHeader(texts);
  layout.qr(checked.productPageUrl, texts);
  const rows = style.rows[options.language === 'bilingual' ? 'bilingual' : 'single'];
  if (performance && !rows.includes('classScale'))
    throw new LabelError(
      'DOES_NOT_FIT',
      `a performance class needs a medium or large label: the ${size.name} one has no room to show the class and name its scheme`,
    );
  const textRows = textRowsOf(texts, checked, options.language, style, size);
  const rowStarts: number[] = [];
  for (const row of rows) {
    if (row === 'classScale' && !performance) continue;
    const spec = textRows[row];
    if (row !== 'value' && row !== 'classScale' && spec === undefined) continue;
    rowStarts.push(layout.mark());
    if (row === 'value') layout.value(texts);
    else if (row === 'classScale' && performance) layout.classScale(performance, texts);
    else if (spec)
      for (const text of spec.texts)
        layout.localised(
          text,
          { sizePt: spec.sizePt, colour: spec.colour, weight: spec.weight, role: spec.role },
          spec.what,
          spec.maxLines,
        );
    layout.gap();
  }
  layout.checkFits();
  layout.spread(rowStarts);
  return {
    width: size.width,
    height: size.height,
    size,
    language: options.language,
    items: layout.items,
    title: layout.reading[0],
    description: layout.reading.slice(1).join(' · '),
    ...(performance ? { performance } : {}),
  };
}
