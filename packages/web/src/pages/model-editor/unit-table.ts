import type { Schema } from '@opencfp/client';

/** The engine's table of common units as the server answers it (GET /v1/reference/units). */
export type UnitReference = Schema<'UnitReference'>;
/** A dimension of the table: mass, energy, volume, area, length, goods or person transport, items, time. */
export type Dimension = UnitReference['dimensions'][number]['dimension'];

/** A unit of the table: its dimension and how many base units one of it is. */
export interface UnitInfo {
  dimension: Dimension;
  factor: number;
}

/**
 * The units a calculation accepts and converts, with the engine's rules for names, over the table the server
 * answers — the single source is packages/model's common-units.ts, read through GET /v1/reference/units. A
 * background dataset may also be measured in units of its own flow properties (kg of a fuel measured in MJ):
 * GET …/processes/{processId} lists those per product.
 */
export interface UnitTable {
  /** Every dimension, in the order pickers list them. */
  readonly dimensions: readonly Dimension[];
  /** The units a picker offers for a dimension: the base unit first, then by size (each unit by its main name). */
  choices(dimension: Dimension): readonly string[];
  /**
   * The unit of this name (spaces around it ignored; case too where no other unit differs only by case: 'KWH' is
   * kWh, 'MG' is neither mg nor Mg), or undefined.
   */
  info(name: string): UnitInfo | undefined;
  /** The dimension of a unit the table knows, else undefined. */
  dimensionOf(name: string): Dimension | undefined;
  /**
   * How many `to` one `from` is; undefined when either is unknown or they measure different things. Equal names are
   * 1 whatever they are (a dataset's own unit).
   */
  factor(from: string, to: string): number | undefined;
  /**
   * Whether an amount in `from` can become `to`: 'yes' (same name, or both known and of one dimension), 'no' (both
   * known, different dimensions), 'unknown' (the table does not know one of them; the server decides, e.g. by the
   * flow properties of a dataset).
   */
  convertible(from: string, to: string): 'yes' | 'no' | 'unknown';
  /** The units to offer next to `reference` (a dataset's or a process's unit): those of its dimension, it first. */
  compatible(reference: string): string[];
}

/**
 * The table of the server's answer, with the lookups the editor needs.
 *
 * @example const units = unitTable(reference); units.factor('kWh', 'MJ') // 3.6
 */
export function unitTable(reference: UnitReference): UnitTable {
  const exact = new Map<string, UnitInfo>();
  // lower-cased names; null marks a name two units share but for case (mg / Mg), never guessed
  const folded = new Map<string, UnitInfo | null>();
  const choices = new Map<Dimension, string[]>();
  for (const { dimension, units } of reference.dimensions) {
    choices.set(
      dimension,
      units.map((u) => u.name),
    );
    for (const unit of units)
      for (const name of [unit.name, ...unit.synonyms]) {
        const info = { dimension, factor: unit.factor };
        exact.set(name, info);
        const key = name.toLowerCase();
        const other = folded.get(key);
        folded.set(
          key,
          other === undefined ||
            (other !== null && other.factor === info.factor && other.dimension === dimension)
            ? info
            : null,
        );
      }
  }
  const info = (name: string) => {
    const trimmed = name.trim();
    return exact.get(trimmed) ?? folded.get(trimmed.toLowerCase()) ?? undefined;
  };
  const factor = (from: string, to: string) => {
    if (from.trim() === to.trim()) return 1;
    const a = info(from);
    const b = info(to);
    if (!a || !b || a.dimension !== b.dimension) return undefined;
    return a.factor / b.factor;
  };
  return {
    dimensions: reference.dimensions.map((d) => d.dimension),
    choices: (dimension) => choices.get(dimension) ?? [],
    info,
    dimensionOf: (name) => info(name)?.dimension,
    factor,
    convertible: (from, to) =>
      factor(from, to) !== undefined ? 'yes' : info(from) && info(to) ? 'no' : 'unknown',
    compatible(unit) {
      const dimension = info(unit)?.dimension;
      const trimmed = unit.trim();
      if (!dimension) return trimmed ? [trimmed] : [];
      return [trimmed, ...(choices.get(dimension) ?? []).filter((u) => u !== trimmed)];
    },
  };
}
