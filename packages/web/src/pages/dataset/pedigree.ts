/**
 * The five indicators of the pedigree matrix (Weidema et al. 2013, the ecoinvent data quality guideline; openLCA's
 * "ecoinvent data quality system"), in the order a data-quality entry gives their scores. Their names and the
 * meaning of each score are in the catalogues under process.pedigree.<indicator>.
 */
export const PEDIGREE_INDICATORS = [
  'reliability',
  'completeness',
  'temporal',
  'geographical',
  'technological',
] as const;
export type PedigreeIndicator = (typeof PEDIGREE_INDICATORS)[number];

/** The scores a pedigree indicator takes: 1 (best) to 5 (worst). */
export const PEDIGREE_SCORES = [1, 2, 3, 4, 5] as const;

/** A data-quality entry read into its scores. */
export interface DataQualityReading {
  /** One per position of the entry: 1…5, or null where the entry gives none ('n.a.', '-', empty). */
  scores: (number | null)[];
  /** Five scores: read as the pedigree matrix's indicators; otherwise the database's system is another one. */
  pedigree: boolean;
}

const NOT_GIVEN = new Set(['', 'n.a.', 'na', 'n/a', '-', 'x']);

/**
 * Reads a data-quality entry as the databases write it — openLCA "(1;2;1;1;3)", EcoSpold "(2,3,1,1,1)", with or
 * without brackets and spaces — into its scores; null when it is not a list of scores 1…5 (then show the entry as
 * it is: an unknown notation must not be explained as something it may not be).
 *
 * @example readDataQuality('(1;2;n.a.;1;3)') // { scores: [1, 2, null, 1, 3], pedigree: true }
 * @example readDataQuality('good') // null
 */
export function readDataQuality(entry: string): DataQualityReading | null {
  const inner = entry
    .trim()
    .replace(/^[([{]\s*/, '')
    .replace(/\s*[)\]}]$/, '');
  if (inner === '') return null;
  const scores: (number | null)[] = [];
  for (const part of inner.split(/[;,]/)) {
    const text = part.trim().toLowerCase();
    if (NOT_GIVEN.has(text)) scores.push(null);
    else if (/^[1-5]$/.test(text)) scores.push(Number(text));
    else return null;
  }
  if (scores.every((s) => s === null)) return null;
  return { scores, pedigree: scores.length === PEDIGREE_INDICATORS.length };
}
