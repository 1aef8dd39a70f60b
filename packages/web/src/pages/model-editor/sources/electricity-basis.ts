import type { Schema } from '@opencfp/client';
import type { ElectricitySource } from '../model-types';

/** Operational CO2 (generation only) or life-cycle CO2e (the electricity carbon-footprint factors). */
export type ElectricityFactorBasis = NonNullable<ElectricitySource['factorBasis']>;

/** An area of GET /v1/reference/electricity with the data years of its grid average per factor basis. */
export type ElectricityRegion = Schema<'ElectricityReference'>['regions'][number];

/** The basis ISO 14067 asks for: the life-cycle emissions of the electricity (docs/electricity.md). */
export const LIFE_CYCLE: ElectricityFactorBasis = 'life-cycle-co2e';
/** The basis a document without `factorBasis` takes (the engine's default), and the only one of provinces. */
export const OPERATIONAL: ElectricityFactorBasis = 'operational-co2';

/** The area of the reference that a source's `region` names (published or English name). */
export function findRegion(
  regions: readonly ElectricityRegion[],
  name: string,
): ElectricityRegion | undefined {
  const wanted = name.trim();
  return regions.find((r) => r.name === wanted || r.nameEnglish.toLowerCase() === wanted.toLowerCase());
}

/**
 * The factor basis and year a new electricity input, or one moved to another area, starts with: life-cycle CO2e
 * where the area's grid has life-cycle factors (today the national grid only), operational CO2 where it has only
 * those (regional grids and provinces). The year: the latest with a factor on that basis that China's
 * residual-like factor also covers (`residualYears`, the reference's `residualMix`), so that market-based and
 * residual-mix accounting — in the input or in a scenario — calculate too (the residual-like factor is published
 * a year behind the life-cycle factors); else the latest. Undefined for an area with no factor at all.
 *
 * @example electricityDefault(national, [2021, 2022, 2023]) // { factorBasis: 'life-cycle-co2e', year: 2023 }
 */
export function electricityDefault(
  region: ElectricityRegion | undefined,
  residualYears: readonly number[] = [],
): { factorBasis: ElectricityFactorBasis; year: number } | undefined {
  if (!region) return undefined;
  for (const factorBasis of [LIFE_CYCLE, OPERATIONAL]) {
    const years = region.years[factorBasis];
    if (years.length === 0) continue;
    const everyAccounting = years.filter((year) => residualYears.includes(year));
    return { factorBasis, year: Math.max(...(everyAccounting.length > 0 ? everyAccounting : years)) };
  }
  return undefined;
}

/** Whether an area's grid has life-cycle factors (else only operational CO2 ones are published for it). */
export const hasLifeCycle = (region: ElectricityRegion | undefined): boolean =>
  (region?.years[LIFE_CYCLE].length ?? 0) > 0;
