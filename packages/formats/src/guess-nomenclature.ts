import type { Nomenclature } from '@opencfp/core';

/** A single flow's verdict: a nomenclature, or 'ambiguous' when its compartment exists in several. */
export type NomenclatureClue = Nomenclature | 'ambiguous';

const ROOT = /^elementary[ _]flows?$/i;
// ILCD / EF 3.x ('Emissions/Emissions to air/…', 'Resources/Resources from ground') and openLCA's ILCD-based
// reference data ('Emission to air/high population density').
// The plural matters: EcoSpold 1 / legacy USLCI use a singular 'resource' top compartment.
const ILCD_TOP = /^(emissions|resources|land use)$|^(emissions?|resources?) (to|from) /i;
const FEDEFL_TOP = new Set(['emission', 'resource', 'waste']);
const FEDEFL_MEDIA = new Set(['air', 'water', 'ground', 'biotic', 'soil']);

// ecoinvent 3 (biosphere3) compartments that ecoinvent 2 / EcoSpold 1 never used.
const BIOSPHERE3_ONLY = new Set([
  'urban air close to ground',
  'non-urban air or from high stacks',
  'surface water',
  'indoor',
  'fossil well',
]);
// EcoSpold 1 / ecoinvent 2 compartments, as carried by the legacy US LCI database.
const LEGACY_ONLY = new Set([
  'high population density',
  'low population density',
  'low. pop.',
  'stratosphere',
  'river',
  'river, long-term',
  'lake',
  'fossil',
  'fossil-',
  'renewable',
]);
const LEGACY_TOPS = new Set(['resource', 'final-waste-flow', 'non-material', 'others']);
const SHARED_TOPS = new Set(['air', 'water', 'soil']);
const SHARED_SUBS = new Set([
  'unspecified',
  'low population density, long-term',
  'lower stratosphere + upper troposphere',
  'ground-',
  'ground-, long-term',
  'ocean',
  'agricultural',
  'forestry',
  'industrial',
]);

/**
 * Classifies one elementary flow by its category path alone. Rules, first match wins:
 * 1. A leading 'Elementary flows' segment is dropped (openLCA puts every nomenclature under it).
 * 2. 'emission/…', 'waste/…', 'resource/{air,water,ground}' (and 'resource/biotic' under the root) → FEDEFL.
 * 3. First segment 'Emissions', 'Emission to air', 'Resources from ground', … → ILCD/EF.
 * 4. On the last two segments (compartment/sub-compartment): 'natural resource/…' or a biosphere3-only
 *    sub-compartment → ecoinvent biosphere3; 'resource/…' or an EcoSpold 1 sub-compartment ('air/high
 *    population density', 'water/river') → legacy USLCI; a compartment both use ('air/unspecified') →
 *    'ambiguous'.
 * 5. Anything else → 'unknown'.
 *
 * @example
 * classifyElementaryCategory('Elementary flows/emission/air'); // 'fedefl'
 * classifyElementaryCategory('air/urban air close to ground'); // 'ecoinvent-biosphere3'
 * classifyElementaryCategory('air/unspecified');               // 'ambiguous'
 */
export function classifyElementaryCategory(category: string | undefined): NomenclatureClue {
  if (!category) return 'unknown';
  let segs = category
    .split('/')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const hadRoot = segs.length > 0 && ROOT.test(segs[0]);
  if (hadRoot) segs = segs.slice(1);
  if (segs.length === 0) return 'unknown';
  const lower = segs.map((s) => s.toLowerCase());

  if (segs.length >= 2 && FEDEFL_TOP.has(lower[0]) && FEDEFL_MEDIA.has(lower[1])) {
    // 'resource/biotic' is also an EcoSpold 1 compartment; only FEDEFL exports put it under the root.
    if (!(lower[0] === 'resource' && lower[1] === 'biotic' && !hadRoot)) return 'fedefl';
  }
  if (ILCD_TOP.test(segs[0])) return 'ilcd-ef';
  if (segs.length < 2) return 'unknown';

  const top = lower[lower.length - 2];
  const sub = lower[lower.length - 1];
  if (top === 'natural resource' || BIOSPHERE3_ONLY.has(sub)) return 'ecoinvent-biosphere3';
  if (LEGACY_TOPS.has(top) || (SHARED_TOPS.has(top) && LEGACY_ONLY.has(sub))) return 'uslci-legacy';
  if (SHARED_TOPS.has(top) && SHARED_SUBS.has(sub)) return 'ambiguous';
  return 'unknown';
}

/**
 * Guesses the nomenclature of every elementary flow of one database from the category paths (same order as
 * the input). Flows whose compartment is shared by ecoinvent 3 and legacy USLCI ('air/unspecified') take the
 * majority verdict of the database's unambiguous flows, since one export rarely mixes the two; on a tie they
 * stay 'unknown'.
 *
 * @example
 * guessNomenclature(['air/high population density', 'air/unspecified']); // ['uslci-legacy', 'uslci-legacy']
 */
export function guessNomenclature(categories: readonly (string | undefined)[]): Nomenclature[] {
  const clues = categories.map(classifyElementaryCategory);
  let biosphere3 = 0;
  let legacy = 0;
  for (const c of clues) {
    if (c === 'ecoinvent-biosphere3') biosphere3++;
    else if (c === 'uslci-legacy') legacy++;
  }
  const majority: Nomenclature =
    biosphere3 > legacy ? 'ecoinvent-biosphere3' : legacy > biosphere3 ? 'uslci-legacy' : 'unknown';
  return clues.map((c) => (c === 'ambiguous' ? majority : c));
}
