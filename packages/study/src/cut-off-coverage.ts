import type { CutOffExclusion } from './study.js';

/** The shares of what a study left out, of the anticipated total (the footprint plus the exclusions). */
export interface CutOffCoverage {
  /** kg CO2e: the footprint plus every exclusion; undefined when it cannot be known. */
  anticipatedTotal: number | undefined;
  /** Each exclusion's share of the anticipated total, 0 … 1; undefined when it has no estimate. */
  shares: (number | undefined)[];
  /** Σ shares; undefined when any share is unknown. */
  excludedShare: number | undefined;
  /** 1 − excludedShare. */
  coveredShare: number | undefined;
}

/**
 * The shares of the exclusions of a cut-off statement, of the anticipated total A = footprint + exclusions. An
 * exclusion gives kg CO2e per declared unit (`co2e`) or its share of A (`share`); with kg K in all and shares S in
 * all, A = (footprint + K) / (1 − S), so that each kg exclusion's share is co2e / A. Exclusions count by magnitude
 * (what was left out, whatever its sign).
 *
 * @example
 * // footprint 96 kg; four exclusions of 1 kg → A = 100, each 1 %, covered 96 %
 * cutOffCoverage(96, [1, 1, 1, 1].map((co2e, i) => ({ name: `x${i}`, co2e, reason: 'small' }))).coveredShare // 0.96
 */
export function cutOffCoverage(footprint: number, exclusions: readonly CutOffExclusion[]): CutOffCoverage {
  let kg = 0;
  let shares = 0;
  let unknown = false;
  for (const x of exclusions) {
    if (x.co2e !== undefined && Number.isFinite(x.co2e)) kg += Math.abs(x.co2e);
    else if (x.share !== undefined && Number.isFinite(x.share) && x.share >= 0) shares += x.share;
    else unknown = true;
  }
  const anticipated = shares < 1 ? (Math.abs(footprint) + kg) / (1 - shares) : undefined;
  const known = anticipated !== undefined && anticipated > 0;
  const each = exclusions.map((x) => {
    if (x.co2e !== undefined && Number.isFinite(x.co2e))
      return known ? Math.abs(x.co2e) / anticipated : undefined;
    if (x.share !== undefined && Number.isFinite(x.share) && x.share >= 0) return x.share;
    return undefined;
  });
  const excluded = unknown || !known ? undefined : each.reduce<number>((s, x) => s + (x as number), 0);
  return {
    anticipatedTotal: known ? anticipated : undefined,
    shares: each,
    excludedShare: excluded,
    coveredShare: excluded === undefined ? undefined : 1 - excluded,
  };
}
