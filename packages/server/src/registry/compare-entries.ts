import type { RegistryEntry } from '@opencfp/store';

/** A point a reader of a comparison must know. */
export interface ComparisonCaution {
  code:
    | 'RULE_SETS_DIFFER'
    | 'BOUNDARIES_DIFFER'
    | 'REFERENCE_YEARS_DIFFER'
    | 'VERIFICATION_DIFFERS'
    | 'NOT_CURRENT';
  /** English, for the API; pages say it in their language from `code` and `values`. */
  message: string;
  /** What differs (rule sets, boundaries, years, verification modes, the entries not current). */
  values: string[];
}

/** Why entries cannot be compared at all, with what differs. */
export interface ComparisonRefusal {
  message: string;
  details: Record<string, unknown>;
}

const distinct = <T>(values: T[]) => [...new Set(values)];
const categoryOf = (e: RegistryEntry) =>
  e.product.category ? `${e.product.category.scheme ?? ''} ${e.product.category.code}`.trim() : '(none)';
const unitOf = (e: RegistryEntry) => `${e.footprint.declaredUnit.amount} ${e.footprint.declaredUnit.unit}`;

/**
 * Whether footprints can be set side by side (one category, one declared unit; ISO 14067 6.6 and the rule sets
 * allow comparisons only on the same functional or declared unit), and the cautions when they can: different rule
 * sets (different boundaries, cut-offs and allocation rules make numbers differ for reasons other than the
 * product), boundaries, reference years or verification, and versions that are no longer current.
 *
 * @example compareEntries([a, b]).cautions; // [{ code: 'RULE_SETS_DIFFER', message: '…' }]
 */
export function compareEntries(entries: readonly RegistryEntry[]): {
  cautions: ComparisonCaution[];
  refusal?: ComparisonRefusal;
} {
  const categories = distinct(entries.map(categoryOf));
  const units = distinct(entries.map(unitOf));
  if (categories.length > 1 || units.length > 1 || categories[0] === '(none)')
    return {
      cautions: [],
      refusal: {
        message:
          'footprints can be compared only within one product category and one declared unit: ' +
          (categories.length > 1 ? `these are of categories ${categories.join(', ')}` : '') +
          (categories.length > 1 && units.length > 1 ? '; ' : '') +
          (units.length > 1 ? `they are per ${units.join(', per ')}` : '') +
          (categories[0] === '(none)' && categories.length === 1 ? 'these have no category' : '') +
          ' — choose entries of one category and declared unit',
        details: { categories, declaredUnits: units },
      },
    };
  const cautions: ComparisonCaution[] = [];
  const ruleSets = distinct(entries.map((e) => `${e.ruleSet.id} ${e.ruleSet.version}`));
  if (ruleSets.length > 1)
    cautions.push({
      code: 'RULE_SETS_DIFFER',
      values: ruleSets,
      message: `these footprints follow different rule sets (${ruleSets.join(', ')}): their system boundaries, cut-off, allocation and data rules differ, so a difference in the numbers need not be a difference between the products`,
    });
  const boundaries = distinct(entries.map((e) => e.boundary));
  if (boundaries.length > 1)
    cautions.push({
      code: 'BOUNDARIES_DIFFER',
      values: boundaries,
      message: `the system boundaries differ (${boundaries.join(', ')}): a cradle-to-grave footprint includes use and end of life, which a cradle-to-gate one leaves out`,
    });
  const years = distinct(entries.map((e) => String(e.referenceYear ?? 'not stated')));
  if (years.length > 1)
    cautions.push({
      code: 'REFERENCE_YEARS_DIFFER',
      values: years,
      message: `the reference years differ (${years.join(', ')}): electricity mixes and processes change over time`,
    });
  const verification = distinct(entries.map((e) => e.verification.mode));
  if (verification.length > 1)
    cautions.push({
      code: 'VERIFICATION_DIFFERS',
      values: verification,
      message: `not all of them were verified by a third party (${verification.join(', ')}): a self-declared footprint was not checked independently`,
    });
  const old = entries.filter((e) => e.status !== 'published');
  if (old.length > 0)
    cautions.push({
      code: 'NOT_CURRENT',
      values: old.map((e) => `${e.product.nameEn} (${e.status})`),
      message: `${old.map((e) => `${e.product.nameEn} (${e.status})`).join(', ')}: not the current version of ${old.length === 1 ? 'its' : 'their'} product`,
    });
  return { cautions };
}
