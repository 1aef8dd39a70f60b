/**
 * The common units the engine converts between (packages/model/src/common-units.ts, mirrored here because the app
 * talks to the server only through the API and no route lists units yet): each unit's dimension and how many base
 * units one of it is. The server stays the judge — a background dataset may also be measured in units of its own
 * flow properties (kg of a fuel measured in MJ) — so the editor uses this table to offer units and to warn, and
 * refuses only what the server's own rules refuse (a transport mass that is not a mass, electricity that is not
 * energy, an input whose unit cannot become its supplier's or process's unit).
 */
export type Dimension =
  | 'mass'
  | 'energy'
  | 'volume'
  | 'area'
  | 'length'
  | 'goods transport'
  | 'person transport'
  | 'items'
  | 'time';

interface UnitDefinition {
  dimension: Dimension;
  /** base units (kg, MJ, m³, m², m, t·km, p·km, item, h) per one of this unit */
  factor: number;
}

const exact = new Map<string, UnitDefinition>();
/** lower-cased names; null marks a name two units share but for case (mg / Mg), never guessed */
const folded = new Map<string, UnitDefinition | null>();

function define(dimension: Dimension, factor: number, ...names: string[]): void {
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
}

// the same definitions as the engine's (exact SI factors; case matters where SI prefixes differ only by it)
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

/** The units a picker offers per dimension, the usual ones first (every one of them the engine knows). */
export const UNIT_CHOICES: Readonly<Record<Dimension, readonly string[]>> = {
  mass: ['kg', 'g', 't', 'mg', 'lb'],
  energy: ['kWh', 'MJ', 'MWh', 'GJ', 'Wh', 'kJ'],
  volume: ['m3', 'l', 'ml'],
  area: ['m2', 'cm2', 'ha', 'km2'],
  length: ['km', 'm', 'cm', 'mm'],
  'goods transport': ['t*km', 'kg*km'],
  'person transport': ['p*km'],
  items: ['item'],
  time: ['h', 'min', 's', 'd'],
};

/** Every dimension, in the order pickers list them. */
export const DIMENSIONS = Object.keys(UNIT_CHOICES) as Dimension[];

/**
 * The unit of this name (spaces around it ignored; case too where no other unit differs only by case: 'KWH' is
 * kWh, 'MG' is neither mg nor Mg), or undefined.
 *
 * @example unitInfo('t')?.dimension // 'mass'
 */
export function unitInfo(name: string): UnitDefinition | undefined {
  const trimmed = name.trim();
  return exact.get(trimmed) ?? folded.get(trimmed.toLowerCase()) ?? undefined;
}

/** The dimension of a unit the engine knows, else undefined. */
export function dimensionOf(name: string): Dimension | undefined {
  return unitInfo(name)?.dimension;
}

/**
 * How many `to` one `from` is, for units of the table; undefined when either is unknown or they measure different
 * things. Equal names are 1 whatever they are (a dataset's own unit).
 *
 * @example unitFactor('kWh', 'MJ') // 3.6
 */
export function unitFactor(from: string, to: string): number | undefined {
  if (from.trim() === to.trim()) return 1;
  const a = unitInfo(from);
  const b = unitInfo(to);
  if (!a || !b || a.dimension !== b.dimension) return undefined;
  return a.factor / b.factor;
}

/**
 * Whether an amount in `from` can be turned into `to`: 'yes' (same unit, or both known and of one dimension),
 * 'no' (both known, different dimensions), 'unknown' (the table does not know one of them; the server decides,
 * e.g. by the flow properties of a dataset).
 */
export function convertible(from: string, to: string): 'yes' | 'no' | 'unknown' {
  if (unitFactor(from, to) !== undefined) return 'yes';
  return unitInfo(from) && unitInfo(to) ? 'no' : 'unknown';
}

/**
 * The units to offer next to `reference` (a dataset's or a process's unit): those of its dimension, with
 * `reference` itself first when the table does not name it that way.
 *
 * @example compatibleUnits('MJ') // ['MJ', 'kWh', 'MWh', 'GJ', 'Wh', 'kJ']
 */
export function compatibleUnits(reference: string): string[] {
  const dimension = dimensionOf(reference);
  if (!dimension) return reference.trim() ? [reference.trim()] : [];
  const choices = UNIT_CHOICES[dimension];
  return [reference.trim(), ...choices.filter((unit) => unit !== reference.trim())];
}
