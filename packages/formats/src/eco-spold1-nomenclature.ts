import type { Nomenclature } from '@opencfp/core';
import { classifyElementaryCategory } from './guess-nomenclature.js';

/**
 * Segments of FEDEFL context paths ('emission/air/troposphere/rural', 'resource/water/fresh water body', …).
 * EcoSpold 1 has only two category levels, so openLCA's EcoSpold 1 export keeps the last two segments of a
 * FEDEFL context ('troposphere/rural'); these pairs are recognised by this vocabulary.
 */
const FEDEFL_SEGMENTS = new Set([
  'emission',
  'resource',
  'waste',
  'air',
  'water',
  'ground',
  'biotic',
  'soil',
  'troposphere',
  'stratosphere',
  'indoor',
  'rural',
  'urban',
  'low',
  'high',
  'fresh water body',
  'saline water body',
  'river',
  'lake',
  'ocean',
  'sea',
  'subterranean',
  'underground',
  'human-dominated',
  'agricultural',
  'industrial',
  'commercial',
  'terrestrial',
  'forest',
  'shrubland',
  'grassland',
  'wetland',
  'long-term',
]);

const isFedeflPair = (category: string | undefined): boolean => {
  const segs = (category ?? '')
    .split('/')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
  return segs.length > 0 && segs.every((s) => FEDEFL_SEGMENTS.has(s));
};

/**
 * The nomenclature of each elementary flow of an EcoSpold 1 database (same order as `categories`, which are
 * 'category/subCategory' paths).
 *
 * - When FEDEFL contexts ('emission/air', 'resource/ground') outnumber every other recognisable nomenclature,
 *   the database uses FEDEFL (USLCI since 2020): every flow whose two levels are FEDEFL context segments
 *   ('troposphere/rural', 'fresh water body/river') is 'fedefl'.
 * - ILCD/EF and ecoinvent 3 compartments are recognised per flow.
 * - ecoinvent 1/2 compartments ('air/high population density') are shared by ecoinvent 1/2 and the legacy US
 *   LCI database, which EcoSpold 1 cannot tell apart: they stay 'unknown'.
 *
 * @example
 * ecoSpold1Nomenclature(['emission/air', 'troposphere/rural']); // ['fedefl', 'fedefl']
 * ecoSpold1Nomenclature(['air/high population density']);       // ['unknown']
 */
export function ecoSpold1Nomenclature(categories: readonly (string | undefined)[]): Nomenclature[] {
  const clues = categories.map(classifyElementaryCategory);
  const counts = new Map<string, number>();
  for (const c of clues) if (c !== 'ambiguous' && c !== 'unknown') counts.set(c, (counts.get(c) ?? 0) + 1);
  const fedefl = counts.get('fedefl') ?? 0;
  const fedeflDatabase = fedefl > 0 && [...counts].every(([k, n]) => k === 'fedefl' || n < fedefl);
  return clues.map((clue, i) => {
    if (clue === 'fedefl') return 'fedefl';
    if (fedeflDatabase) return isFedeflPair(categories[i]) ? 'fedefl' : 'unknown';
    return clue === 'ilcd-ef' || clue === 'ecoinvent-biosphere3' ? clue : 'unknown';
  });
}
