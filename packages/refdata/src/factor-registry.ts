// One searchable list of every factor the reference data hold, each with its source and licence: the China
// electricity factors (kind 'electricity') and every value of every IPCC GWP/GTP set (kind 'gwp'). Other modules
// add their records by passing providers (functions returning records) — e.g. the starter database registering its
// datasets — without editing this file.
import { chinaElectricityFactors, type ChinaElectricityFactor } from './china-electricity.js';
import { RefdataError } from './errors.js';
import { GHG_BASE_NAMES, GHG_CAS } from './ghg-names.js';
import { gwpSets, type GwpFactor, type GwpSet } from './gwp-sets.js';

/** 'electricity', 'gwp', or a kind another provider brings. */
export type FactorKind = 'electricity' | 'gwp' | (string & {});

export interface FactorSourceReference {
  issuer: string;
  document: string;
  /** Publication date (YYYY-MM-DD) or year. */
  date?: string;
  url?: string;
}

/** One factor with its source. */
export interface FactorRecord {
  /** Unique across the registry, e.g. 'cn-co2-location-average-2023-jiangsu', 'ipcc-ar6-gwp100:N2O'. */
  id: string;
  kind: FactorKind;
  name: string;
  nameChinese?: string;
  value: number;
  unit: string;
  /** Area in English ('Jiangsu', 'China'); absent for a global value such as a GWP. */
  region?: string;
  regionChinese?: string;
  /** Data year (electricity) or publication year (GWP sets). */
  year?: number;
  /** What the value covers, in a few words (gas, scope, variant; metric and horizon). */
  basis: string;
  notes?: string;
  /** The greenhouse gas of a GWP value, as named in gwp-sets.ts. */
  species?: string;
  /** More words a search should find the record by (other names, CAS numbers, generation type). */
  keywords?: readonly string[];
  source: FactorSourceReference;
  licence: string;
}

/** Brings records into the registry; called once per search, so it should return a prepared list. */
export type FactorProvider = () => readonly FactorRecord[];

export interface FactorFilters {
  /** Area in English or Chinese ('East China', '华东', 'Jiangsu', '江苏'), any case; exact match. */
  region?: string;
  year?: number;
  kind?: string;
}

function electricityRecord(f: ChinaElectricityFactor): FactorRecord {
  const variant = {
    'location-average': 'location average',
    'excluding-market-traded-non-fossil': 'excluding market-traded non-fossil electricity',
    'fossil-only': 'fossil-fuel electricity only',
    'generation-type': `generation type: ${f.generationType}`,
    'transmission-distribution': `transmission & distribution, line losses ${f.lineLosses}`,
  }[f.basis.variant];
  const grids = f.regionalGrids
    ? ` Regional grid: ${f.regionalGrids.join(', ')} (membership not cited, see CHINA_REGIONAL_GRID_MEMBERSHIP_NOTE).`
    : '';
  return {
    id: f.id,
    kind: 'electricity',
    name: f.name,
    nameChinese: f.nameChinese,
    value: f.value,
    unit: f.unit,
    region: f.regionEnglish,
    regionChinese: f.region,
    year: f.year,
    basis: `${f.basis.gas}, ${f.basis.scope}, ${variant}`,
    notes: f.notes + grids,
    keywords: [f.level, ...(f.generationType ? [f.generationType] : [])],
    source: {
      issuer: f.source.issuer,
      document: f.source.document,
      date: f.source.publicationDate,
      ...(f.source.url ? { url: f.source.url } : {}),
    },
    licence: f.source.licence,
  };
}

/** Species → their names in the flow nomenclatures (English and Chinese) and CAS numbers, from ghg-names.ts. */
function speciesNames(): Map<string, { english: string[]; chinese: string[]; cas: string[] }> {
  const names = new Map<string, { english: string[]; chinese: string[]; cas: string[] }>();
  const entry = (species: string) => {
    let e = names.get(species);
    if (!e) names.set(species, (e = { english: [], chinese: [], cas: [] }));
    return e;
  };
  for (const [name, species] of Object.entries(GHG_BASE_NAMES))
    (/[\u4e00-\u9fff]/.test(name) ? entry(species).chinese : entry(species).english).push(name);
  for (const [cas, species] of Object.entries(GHG_CAS)) entry(species).cas.push(cas);
  return names;
}

function gwpRecord(
  set: GwpSet,
  factor: GwpFactor,
  names: Map<string, { english: string[]; chinese: string[]; cas: string[] }>,
): FactorRecord {
  // CH4-fossil / CH4-non-fossil are methane with a qualifier (化石 / 非化石, as in GHG_QUALIFIERS)
  const base = factor.species.replace(/-(non-)?fossil$/, '');
  const qualifier = factor.species.endsWith('-non-fossil')
    ? '非化石'
    : factor.species.endsWith('-fossil')
      ? '化石'
      : '';
  const known = names.get(base);
  const chinese = known?.chinese[0];
  return {
    id: `${set.id}:${factor.species}`,
    kind: 'gwp',
    name: `${factor.species}, ${set.name}`,
    ...(chinese ? { nameChinese: `${chinese}${qualifier ? `（${qualifier}）` : ''}, ${set.name}` } : {}),
    value: factor.value,
    unit: set.unit,
    year: set.year,
    basis: `${set.metric} ${set.horizon}-year horizon, IPCC ${set.version}`,
    species: factor.species,
    keywords: [...(known?.english ?? []), ...(known?.cas ?? []), set.id],
    source: { issuer: 'IPCC', document: factor.source ?? set.source, date: String(set.year) },
    licence: set.licence,
  };
}

let builtIn: readonly FactorRecord[] | undefined;

/** The registry's own records: every China electricity factor and every GWP value of every set. */
export function builtInFactorRecords(): readonly FactorRecord[] {
  if (builtIn === undefined) {
    const names = speciesNames();
    builtIn = Object.freeze(
      [
        ...chinaElectricityFactors.map(electricityRecord),
        ...gwpSets.flatMap((set) => set.factors.map((f) => gwpRecord(set, f, names))),
      ].map((r) => Object.freeze(r)),
    );
  }
  return builtIn;
}

/**
 * Every record: the built-in ones, then those of each provider in order.
 *
 * @throws RefdataError `DUPLICATE_FACTOR_ID` when two records share an id (a provider must prefix its ids).
 * @example factorRecords([() => starterDatasetRecords]).length
 */
export function factorRecords(providers: readonly FactorProvider[] = []): readonly FactorRecord[] {
  if (providers.length === 0) return builtInFactorRecords();
  const records = [...builtInFactorRecords(), ...providers.flatMap((provide) => provide())];
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.id))
      throw new RefdataError(
        'DUPLICATE_FACTOR_ID',
        `two factor records have the id '${record.id}': give the records of a provider their own id prefix.`,
      );
    seen.add(record.id);
  }
  return records;
}

/**
 * The records matching a search text and filters, in registry order. Every whitespace-separated word of the text
 * must occur (case-insensitive; a Latin word at the start of a word, Chinese anywhere) in the record's id, names
 * (English or Chinese), region (either language), species or keywords; the region filter matches the area's English or Chinese name exactly, any case.
 *
 * @example searchFactors('华东', { year: 2023 }).map((r) => r.value) // [0.55]
 * @example searchFactors('N2O', { kind: 'gwp' }).length // one per set
 * @example searchFactors(undefined, { region: 'Jiangsu' }, [() => myRecords])
 */
export function searchFactors(
  text?: string,
  filters: FactorFilters = {},
  providers: readonly FactorProvider[] = [],
): FactorRecord[] {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const region = filters.region?.trim().toLowerCase();
  const kind = filters.kind?.trim().toLowerCase();
  return factorRecords(providers).filter((record) => {
    if (filters.year !== undefined && record.year !== filters.year) return false;
    if (kind !== undefined && record.kind.toLowerCase() !== kind) return false;
    if (
      region !== undefined &&
      record.region?.toLowerCase() !== region &&
      record.regionChinese?.toLowerCase() !== region
    )
      return false;
    if (words.length === 0) return true;
    const haystack = [
      record.id,
      record.name,
      record.nameChinese,
      record.region,
      record.regionChinese,
      record.species,
      ...(record.keywords ?? []),
    ]
      .filter((field) => field !== undefined)
      .join('\n')
      .toLowerCase();
    return words.every((word) => matchesWord(haystack, word));
  });
}

/**
 * Whether a search word occurs in the text: a Latin word or number at the start of a word (so 'east' finds
 * 'East China' but not 'Northeast China'), Chinese anywhere (Chinese has no spaces between words).
 */
function matchesWord(text: string, word: string): boolean {
  if (!/^[a-z0-9]/.test(word)) return text.includes(word);
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1))
    if (at === 0 || !/[a-z0-9]/.test(text[at - 1])) return true;
  return false;
}
