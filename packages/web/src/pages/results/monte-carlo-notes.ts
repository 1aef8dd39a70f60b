/**
 * A note of a Monte Carlo run recognised among those the engine writes (packages/model,
 * monte-carlo-product-model.ts and model-data-quality.ts), to be said in plain words from the catalogues
 * (`results.uncertainty.notes.<key>`, with `values` as placeholders). The engine's text names option and field
 * names (`backgroundUncertainty`, lognormal on the ln scale …) that mean nothing to most readers.
 */
export interface PlainNote {
  key: string;
  values: Record<string, string | number>;
}

/** The engine's notes, each with its catalogue key and the numbers it carries. */
const NOTES: readonly (readonly [RegExp, string, (match: RegExpExecArray) => PlainNote['values']])[] = [
  [/^no parameter or line of the model has an uncertainty/, 'nothingUncertain', () => ({})],
  [/^the background datasets' own uncertainty is not sampled/, 'backgroundNotSampled', () => ({})],
  [
    /^the background's uncertainty was asked for, but this background cannot draw/,
    'backgroundCannotDraw',
    () => ({}),
  ],
  [
    /^(\d+) lines? ha(?:s|ve) pedigree scores and no uncertainty of (?:its|their) own[^(]*\((.+), added to/,
    'pedigree',
    (m) => ({ count: Number(m[1]), factors: m[2] }),
  ],
  [
    /^background: (\d+) of (\d+) iterations needed a fresh factorization/,
    'refactorized',
    (m) => ({ count: Number(m[1]), iterations: Number(m[2]) }),
  ],
  [
    /^(\d+) of (\d+) iterations drew a singular background technology matrix/,
    'singular',
    (m) => ({ count: Number(m[1]), iterations: Number(m[2]) }),
  ],
  [/^the published electricity factors have no uncertainty and stay fixed/, 'electricityFixed', () => ({})],
  [
    /^in (\d+) iterations? the drawn electricity consumption was below the kWh its instruments cover/,
    'electricityTrimmed',
    (m) => ({ count: Number(m[1]) }),
  ],
];

/**
 * The plain-words form of an engine note of a Monte Carlo run, or null for a note it does not know (shown then as
 * the engine wrote it, in English).
 *
 * @example plainNote('1 line has pedigree scores …') // { key: 'pedigree', values: { count: 1, factors: '…' } }
 */
export function plainNote(note: string): PlainNote | null {
  for (const [pattern, key, values] of NOTES) {
    const match = pattern.exec(note);
    if (match) return { key, values: values(match) };
  }
  return null;
}
