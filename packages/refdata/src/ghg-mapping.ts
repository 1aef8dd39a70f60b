import type { Flow, ImpactFactor, ImpactMethod } from '@opencfp/core';
import {
  GHG_BASE_NAMES,
  GHG_CAS,
  GHG_CODE_ALIASES,
  GHG_FULL_NAMES,
  GHG_QUALIFIERS,
  type GhgKind,
} from './ghg-names.js';
import { DEFAULT_GWP_SET_ID, gwpSet, gwpSets, gwpValue, type GwpSet } from './gwp-sets.js';

export type { GhgKind } from './ghg-names.js';

/** A flow recognised as a greenhouse gas: the species of the GWP sets and, for CO2 and CH4, the origin. */
export interface GhgMapping {
  species: string;
  kind?: GhgKind;
  /**
   * True when the flow's category names no compartment at all (EcoSpold 2 exports without master data, a bare
   * 'Elementary flows'): the gas is taken to be an emission to air (or, named '… in air', taken from air), and a
   * footprint says so. A flow with a non-air compartment is never mapped.
   */
  compartmentAssumed?: true;
}

type Compartment = 'air' | 'resource-air' | 'other' | 'none';

const segments = (category: string | undefined): string[] =>
  (category ?? '')
    .split('/')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');

/**
 * Where the flow goes to or comes from: emission to air ('Elementary flows/air/…', 'air/low population
 * density', 'Emission to air', 'Emissions/Emissions to air', 'emission/air', '大气'/'空气'), a resource from air
 * ('resource/in air', 'Resources/Resources from air'), another compartment, or none recognised.
 */
function compartment(flow: Flow): Compartment {
  const s = segments(flow.category);
  const isAir = (x: string) =>
    x === 'air' ||
    /^air\b/.test(x) ||
    /^emissions? to air\b/.test(x) ||
    /^(emission|emissions)\s*to\s*air$/.test(x) ||
    x.includes('大气') ||
    x.includes('空气') ||
    // FEDEFL contexts as EcoSpold 1 keeps them: category 'troposphere', sub-category 'rural' / 'urban'
    /^troposphere\b/.test(x) ||
    /\bstratosphere\b/.test(x);
  const isResource = s.some((x) => /^resources?\b/.test(x) || x.includes('资源'));
  if (isResource) {
    const fromAir = s.some((x) => isAir(x) || x === 'in air' || /resources? from air/.test(x));
    return fromAir || /\bin air\b/i.test(flow.name) ? 'resource-air' : 'other';
  }
  if (s.some(isAir)) return 'air';
  const other = s.some((x) =>
    /^(water|soil|ground|sea ?water|fresh ?water|emissions? to (water|soil|fresh water|sea water)|resource|waste|economic|product)/.test(
      x,
    ),
  );
  return other ? 'other' : 'none';
}

/** '000124-38-9' → '124-38-9'; undefined for an empty or malformed number. */
export function normaliseCas(cas: string | undefined): string | undefined {
  const m = /^\s*0*(\d+)-(\d\d)-(\d)\s*$/.exec(cas ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * The species of a flow that carries an already characterised total, 'Greenhouse gases, CO2 equivalent
 * (pre-aggregated)' (sources that publish only a CO2e figure, e.g. grid life-cycle factors): factor 1 in every
 * set, counted as fossil, and reported as such because its GWP basis is the source's, not the study's.
 */
export const PREAGGREGATED_SPECIES = 'CO2e';
const PREAGGREGATED = /^greenhouse gas(es)?, co2[- ]?(eq|equivalent)\b|^温室气体, ?二氧化碳当量/;

/** Every species of every GWP set, keyed by upper case without '-' and spaces. */
const SPECIES_BY_CODE = new Map(
  gwpSets.flatMap((s) => s.factors.map((f) => [f.species.replace(/[-\s]/g, '').toUpperCase(), f.species])),
);

/** Strips decorations ('[Inorganic emissions to air]'), trims and lower-cases; full-width punctuation → ASCII. */
function cleanName(name: string): string {
  return name
    .replace(/\[[^\]]*\]/g, '')
    .replace(/，/g, ',')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Base name and qualifiers: 'carbon dioxide, fossil' / 'carbon dioxide (fossil)' → ['carbon dioxide', ['fossil']]. */
function splitName(clean: string): [string, string[]] {
  const m = /^([^,(]*)(.*)$/.exec(clean) as RegExpExecArray;
  const quals = m[2]
    .split(/[,()]/)
    .map((q) => q.trim())
    .filter((q) => q !== '');
  return [m[1].trim(), quals];
}

/** The kind given by qualifiers, or null when one of them is not a known qualifier. */
function kindOf(quals: string[]): GhgKind | null {
  let kind: GhgKind = 'unspecified';
  for (const q of quals) {
    const k = GHG_QUALIFIERS[q];
    if (k === undefined) return null;
    if (k !== 'unspecified') kind = k;
  }
  return kind;
}

/** The species named by a trailing code label: '…, HFC-134a' → 'HFC134a', '…, Halon 1301' → 'Halon1301'. */
function speciesFromCode(clean: string): string | undefined {
  const m = /(?:^|,)\s*((?:h?c?fc|pfc|fc|hcc|halon|r)[-\s]?\d+[a-z]*)\s*$/.exec(clean);
  if (!m) return undefined;
  const code = m[1].replace(/[-\s]/g, '').toUpperCase();
  return GHG_CODE_ALIASES[code] ?? SPECIES_BY_CODE.get(code);
}

const withKind = (species: string, kind: GhgKind | undefined): GhgMapping =>
  species === 'CO2' || species === 'CH4' ? { species, kind: kind ?? 'unspecified' } : { species };

/**
 * The greenhouse gas an elementary flow is, when it is emitted to air (or, for CO2, taken from air: kind
 * 'uptake'). Matched by CAS number (leading zeros ignored), else by name: base name with qualifiers
 * ('Carbon dioxide, fossil', 'methane (biogenic)', '二氧化碳'), else by a trailing halocarbon code label
 * ('Ethane, 1,1,1,2-tetrafluoro-, HFC-134a'). The kind of CO2 and CH4 comes from the name's qualifier
 * (non-fossil → biogenic); without one it is 'unspecified'. Undefined for anything else (see
 * {@link ghgLikeButUnmapped} for names that look like a greenhouse gas but are not mapped).
 */
export function mapGreenhouseGas(flow: Flow): GhgMapping | undefined {
  if (flow.type !== 'elementary') return undefined;
  const where = compartment(flow);
  if (where === 'other') return undefined;
  const clean = cleanName(flow.name);
  if (where === 'none') {
    const m = mapGreenhouseGas({ ...flow, category: /\bin air\b/.test(clean) ? 'resource/in air' : 'air' });
    return m && { ...m, compartmentAssumed: true };
  }
  if (where === 'air' && PREAGGREGATED.test(clean)) return { species: PREAGGREGATED_SPECIES };
  const [base, quals] = splitName(clean);
  const kind = kindOf(quals);
  const byName = GHG_BASE_NAMES[base];
  const cas = normaliseCas(flow.cas);
  let species = cas !== undefined ? GHG_CAS[cas] : undefined;
  let mappedKind: GhgKind | undefined = kind ?? undefined;
  if (species === undefined && byName !== undefined && kind !== null) species = byName;
  if (species === undefined) species = GHG_FULL_NAMES[clean] ?? speciesFromCode(clean);
  if (species === undefined) return undefined;
  if (where === 'resource-air') return species === 'CO2' ? { species, kind: 'uptake' } : undefined;
  if (mappedKind === 'uptake') mappedKind = undefined; // 'in air' on an emission: not an origin
  return withKind(species, mappedKind);
}

const GHG_LIKE =
  /carbon dioxide|(?<![-\w])methane\b|nitrous|dinitrogen|hexafluoride|trifluoride|\bh?c?fcs?\b|\bhfcs?\b|\bpfcs?\b|\bhalon\b|fluoro|二氧化碳|甲烷|氧化亚氮|一氧化二氮|六氟化硫|三氟化氮/i;
// Pesticides and other large organics with a fluorinated group ('N-(2,4-difluorophenyl)…', '…trifluoromethyl…')
// are not greenhouse gases of the IPCC tables.
const NOT_GHG =
  /non-methane|other than methane|phenyl|phenoxy|pyri|benz|amide|amino|acid|furan|carbamoyl|sulf[oa]m|triazol|urea/i;

/** Whether a name looks like a greenhouse gas (a cheap screen; mapping decides). */
export function looksLikeGhg(name: string): boolean {
  return GHG_LIKE.test(name) && !NOT_GHG.test(name);
}

/**
 * Elementary flows emitted to air — or with no recognisable compartment at all — whose name looks like a
 * greenhouse gas but which {@link mapGreenhouseGas} does not map: group flows ('HFCs and HCFCs, unspecified'),
 * gases without a GWP, unknown names. To report, never to drop silently.
 */
export function ghgLikeButUnmapped(flows: readonly Flow[]): Flow[] {
  return flows.filter((f) => {
    if (f.type !== 'elementary' || !looksLikeGhg(f.name)) return false;
    const where = compartment(f);
    if (where === 'other') return false;
    return mapGreenhouseGas(f) === undefined;
  });
}

/**
 * The value a mapped gas takes in a set, per kg emitted (undefined when the set has no value for it): CH4 by
 * origin when the set distinguishes it (AR6: fossil 29.8, non-fossil 27.0; unstated origin as fossil), else
 * 'CH4'; pre-aggregated CO2e 1.
 *
 * @example
 * gwpFactorOf({ species: 'CH4', kind: 'fossil' }, gwpSet('ipcc-ar6-gwp100')); // 29.8
 */
export function gwpFactorOf(m: GhgMapping, set: GwpSet): number | undefined {
  if (m.species === PREAGGREGATED_SPECIES) return 1;
  if (m.species !== 'CH4') return gwpValue(set, m.species);
  const has = (s: string) => gwpValue(set, s) !== undefined;
  // Methane of unstated origin is counted as fossil, the conservative choice (29.8 rather than AR6's 27.9).
  if ((m.kind === 'fossil' || m.kind === 'unspecified') && has('CH4-fossil'))
    return gwpValue(set, 'CH4-fossil');
  if (m.kind === 'biogenic' && has('CH4-non-fossil')) return gwpValue(set, 'CH4-non-fossil');
  return gwpValue(set, 'CH4');
}

/**
 * A climate-change impact method from a GWP set: one category 'Climate change (<set name>)' in kg CO2 eq with
 * a factor per mapped flow (per kg, the flows' reference unit).
 *
 * - CH4: fossil → 'CH4-fossil', biogenic → 'CH4-non-fossil' when the set has them; otherwise (and for
 *   land-transformation methane) 'CH4'; methane of unstated origin as fossil where the set distinguishes it.
 * - CO2 fossil, land transformation, unspecified: 1. Biogenic CO2 emissions: also 1 — the model has no field to
 *   mark a factor as biogenic; the ISO 14067 split of biogenic carbon is done separately, later.
 * - CO2 taken from air (resource 'Carbon dioxide, in air'): −1, as in openLCA and ecoinvent methods. The
 *   calculator enters factors of input flows negated (core impact-matrix.ts) while B holds inputs as −a
 *   (docs/calculation.md), so a factor applies to the extracted amount: −1 gives −1 kg CO2 eq per kg taken up.
 *
 * `unmapped` lists the GHG-like flows not mapped ({@link ghgLikeButUnmapped}) and the mapped flows whose species
 * the set has no value for.
 */
export function gwpImpactMethod(
  flows: readonly Flow[],
  setId: string = DEFAULT_GWP_SET_ID,
): { method: ImpactMethod; unmapped: Flow[] } {
  const set = gwpSet(setId);
  const factors: ImpactFactor[] = [];
  const unmapped = ghgLikeButUnmapped(flows);
  for (const flow of flows) {
    const m = mapGreenhouseGas(flow);
    if (m === undefined) continue;
    const value = gwpFactorOf(m, set);
    if (value === undefined) unmapped.push(flow);
    else factors.push({ flowId: flow.id, value: m.kind === 'uptake' ? -value : value });
  }
  const method: ImpactMethod = {
    id: `gwp-${set.id}`,
    name: set.name,
    categories: [
      { id: `climate-change-${set.id}`, name: `Climate change (${set.name})`, unit: 'kg CO2 eq', factors },
    ],
  };
  return { method, unmapped };
}
