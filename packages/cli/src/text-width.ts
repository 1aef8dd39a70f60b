// Terminal columns of text, so that tables line up when names are Chinese: East Asian wide and fullwidth
// characters (Unicode East Asian Width W and F) take two columns, everything else one.

/**
 * Wide and fullwidth ranges: Hangul Jamo, CJK radicals to Yi, Hangul syllables, CJK compatibility ideographs,
 * CJK compatibility forms, fullwidth forms, fullwidth signs, and the supplementary ideographic planes.
 */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * Columns a string takes in a terminal: East Asian wide characters take two.
 *
 * @example textWidth('华东 grid') // 9
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/**
 * The text padded with spaces to `width` terminal columns, on the right ('start', the default) or on the left
 * ('end', for numbers); text already as wide or wider is returned as it is.
 *
 * @example padToWidth('西南', 6) // '西南  '
 * @example padToWidth('1.5', 5, 'end') // '  1.5'
 */
export function padToWidth(text: string, width: number, align: 'start' | 'end' = 'start'): string {
  const padding = ' '.repeat(Math.max(0, width - textWidth(text)));
  return align === 'start' ? text + padding : padding + text;
}
