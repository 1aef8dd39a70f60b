import { ModelError } from './errors.js';

/** A unit of the common-units table: its dimension and how many base units one of it is. */
interface CommonUnit {
  dimension: string;
  /** Base units (kg, MJ, m³, m², m, t·km, p·km, item, h) per one of this unit. */
  factor: number;
}

/** The definitions in the order written: one entry per unit, its first name canonical, the others synonyms. */
const definitions: { dimension: string; factor: number; names: readonly string[] }[] = [];
const exact = new Map<string, CommonUnit>();
/** Lower-cased names; null marks one that two units share ('mg' and 'Mg'), so case is never guessed there. */
const folded = new Map<string, CommonUnit | null>();
const define = (dimension: string, factor: number, ...names: string[]) => {
  definitions.push({ dimension, factor, names });
  for (const name of names) {
    const unit = { dimension, factor };
    exact.set(name, unit);
    const key = name.toLowerCase();
    const other = folded.get(key);
    folded.set(
      key,
      other === undefined || (other !== null && other.factor === factor && other.dimension === dimension)
        ? unit
        : null,
    );
  }
};
// Exact definitions (SI, and the international avoirdupois pound of 1959); no rounded conversions. Case matters
// where SI prefixes differ only by it (mg / Mg, mWh / MWh, ml / Ml).
define('mass', 1e3, 'Mg', 'megagram');
define('mass', 1e9, 'Mt');
define('energy', 3.6e-9, 'mWh');
define('volume', 1e3, 'Ml', 'ML', 'megalitre');
define('mass', 1, 'kg', 'kilogram', '千克', '公斤');
define('mass', 1e-3, 'g', 'gram', '克');
define('mass', 1e-6, 'mg', 'milligram');
define('mass', 1e3, 't', 'tonne', 'metric ton', '吨');
define('mass', 1e6, 'kt');
define('mass', 0.45359237, 'lb', 'lbs', 'pound');
define('energy', 1, 'MJ', 'megajoule');
define('energy', 1e-3, 'kJ');
define('energy', 1e3, 'GJ');
define('energy', 1e6, 'TJ');
define('energy', 3.6, 'kWh', '千瓦时', '度');
define('energy', 3.6e-3, 'Wh');
define('energy', 3.6e3, 'MWh');
define('energy', 3.6e6, 'GWh');
define('volume', 1, 'm3', 'm³', 'cubic metre', 'cubic meter', '立方米');
define('volume', 1e-3, 'l', 'litre', 'liter', 'dm3', 'dm³', '升');
define('volume', 1e-6, 'ml', 'cm3', 'cm³');
define('area', 1, 'm2', 'm²', 'square metre', 'square meter', '平方米');
define('area', 1e-4, 'cm2', 'cm²');
define('area', 1e4, 'ha', 'hectare');
define('area', 1e6, 'km2', 'km²');
define('length', 1, 'm', 'metre', 'meter', '米');
define('length', 1e3, 'km', 'kilometre', 'kilometer', '公里');
define('length', 1e-2, 'cm');
define('length', 1e-3, 'mm');
define('goods transport', 1, 't*km', 'tkm', 't km', 't·km', '吨公里');
define('goods transport', 1e-3, 'kg*km', 'kgkm', 'kg km', 'kg·km');
define('person transport', 1, 'p*km', 'pkm', 'person*km', 'person km', '人公里');
define(
  'items',
  1,
  'item',
  'items',
  'p',
  'pc',
  'pcs',
  'piece',
  'pieces',
  'unit',
  'units',
  'Item(s)',
  '件',
  '个',
);
define('time', 1, 'h', 'hour', 'hr', '小时');
define('time', 1 / 60, 'min', 'minute');
define('time', 1 / 3600, 's', 'second');
define('time', 24, 'd', 'day', '天');

/**
 * The common unit of this name (surrounding spaces ignored; case too, where no other unit differs from it only
 * by case: 'KWH' is kWh, but 'MG' is neither mg nor Mg), or undefined.
 */
export function commonUnit(name: string): CommonUnit | undefined {
  const trimmed = name.trim();
  return exact.get(trimmed) ?? folded.get(trimmed.toLowerCase()) ?? undefined;
}

/**
 * How many `to` are one `from`, for units of the common-units table (mass, energy, volume, area, length,
 * transport, items, time); undefined when either is unknown or they measure different things.
 *
 * @example commonUnitFactor('t', 'kg'); // 1000
 * commonUnitFactor('kWh', 'MJ');        // 3.6
 */
export function commonUnitFactor(from: string, to: string): number | undefined {
  if (from.trim() === to.trim()) return 1;
  const a = commonUnit(from);
  const b = commonUnit(to);
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  return a.factor / b.factor;
}

/** The units a name could mean when only its case differs from theirs ('MG' → ['Mg', 'mg']); [] when none or one. */
export function caseVariants(name: string): string[] {
  const lower = name.trim().toLowerCase();
  if (folded.get(lower) !== null) return [];
  return [...exact.keys()].filter((k) => k.toLowerCase() === lower);
}

/** Like {@link commonUnitFactor}, but a ModelError UNIT_MISMATCH (at `path`) when there is no conversion. */
export function requireCommonUnitFactor(from: string, to: string, path: string, what: string): number {
  const k = commonUnitFactor(from, to);
  if (k !== undefined) return k;
  const a = commonUnit(from);
  const b = commonUnit(to);
  const variants = caseVariants(from);
  throw new ModelError(
    'UNIT_MISMATCH',
    path,
    variants.length > 1
      ? `unit '${from}' of ${what} is ambiguous: write it as ${variants.map((v) => `'${v}'`).join(' or ')} (case matters for SI prefixes)`
      : !a
        ? `unit '${from}' of ${what} is not a known unit: use one of kg, g, t, MJ, kWh, m3, l, m2, m, km, t*km, p*km, item, h (or the exact unit name of the linked dataset)`
        : !b
          ? `unit '${to}' that ${what} links to is not a known unit, so '${from}' cannot be converted to it: give ${what} in '${to}'`
          : `${what} is in '${from}' (${a.dimension}) but what it links to is measured in '${to}' (${b.dimension}): give the amount in ${b.dimension}`,
  );
}

/** The dimensions of the common-units table, in the order pickers list them. */
export const COMMON_UNIT_DIMENSIONS = [
  'mass',
  'energy',
  'volume',
  'area',
  'length',
  'goods transport',
  'person transport',
  'items',
  'time',
] as const;

/** One dimension of the common-units table: its base unit and every unit with its other names and factor. */
export interface CommonUnitDimension {
  dimension: (typeof COMMON_UNIT_DIMENSIONS)[number];
  /** The unit whose factor is 1 (kg, MJ, m3, m2, m, t*km, p*km, item, h). */
  baseUnit: string;
  /** The base unit first, then by factor; `factor` is base units per one of the unit. */
  units: { name: string; synonyms: string[]; factor: number }[];
}

/**
 * The common-units table as data — what {@link commonUnit} and {@link commonUnitFactor} know — for clients that
 * offer units (the web app's model editor through GET /v1/reference/units), so that there is one table.
 *
 * @example commonUnitTable().find((d) => d.dimension === 'energy')?.units.map((u) => u.name) // ['MJ', 'mWh', …]
 */
export function commonUnitTable(): CommonUnitDimension[] {
  return COMMON_UNIT_DIMENSIONS.map((dimension) => {
    const units = definitions
      .filter((d) => d.dimension === dimension)
      .map((d) => ({ name: d.names[0], synonyms: d.names.slice(1), factor: d.factor }))
      .sort((a, b) => Number(a.factor !== 1) - Number(b.factor !== 1) || a.factor - b.factor);
    return { dimension, baseUnit: units[0].name, units };
  });
}
