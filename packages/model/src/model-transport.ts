// Transport legs of a product model: the mass of the goods moved times the distance, in t·km, at a background
// transport dataset or a carrier's factor. The line's amount is the mass (so its uncertainty and bounds are in
// mass units); the distance, which may be a formula, multiplies it at each evaluation.
import type { CompiledFormula } from '@opencfp/core';
import { requireCommonUnitFactor } from './common-units.js';
import { ModelError } from './errors.js';
import { amountValue } from './prepare-product-model.js';
import type { ModelInput, ModelTransportSource } from './product-model-document.js';

/** A transport leg, ready to evaluate. */
export interface PreparedTransport {
  mode: ModelTransportSource['mode'];
  distance: number | CompiledFormula;
  distanceText: string | undefined;
  distancePath: string;
  /** km in one distance unit. */
  toKm: number;
  /** t in one unit of the input's mass. */
  toTonnes: number;
  /** A carrier's or published factor, when the leg links no dataset. */
  factor?: NonNullable<ModelTransportSource['factor']>;
}

/** The units of a transport leg checked and its distance compiled. */
export function prepareTransport(
  input: ModelInput,
  source: ModelTransportSource,
  path: string,
  compile: (value: number | string, path: string) => number | CompiledFormula,
): PreparedTransport {
  const distancePath = `${path}/source/distance`;
  return {
    mode: source.mode,
    distance: compile(source.distance, distancePath),
    distanceText: typeof source.distance === 'string' ? source.distance : undefined,
    distancePath,
    toKm: requireCommonUnitFactor(
      source.distanceUnit,
      'km',
      `${path}/source/distanceUnit`,
      `the distance of '${input.name}'`,
    ),
    toTonnes: requireCommonUnitFactor(
      input.unit,
      't',
      `${path}/unit`,
      `the goods of transport leg '${input.name}'`,
    ),
    ...(source.factor === undefined ? {} : { factor: source.factor }),
  };
}

/** The leg's distance in km with these parameter values; a negative one is refused. */
export function transportDistanceKm(t: PreparedTransport, values: ReadonlyMap<string, number>): number {
  const distance = amountValue(t.distance, t.distanceText, values, t.distancePath);
  if (!(distance >= 0))
    throw new ModelError(
      'INVALID_MODEL',
      t.distancePath,
      `the distance is ${distance}: a distance cannot be negative`,
    );
  return distance * t.toKm;
}

/** t·km per unit of the leg's mass (its distance in km times tonnes per mass unit). */
export function tonneKilometresPerUnit(t: PreparedTransport, values: ReadonlyMap<string, number>): number {
  return transportDistanceKm(t, values) * t.toTonnes;
}

/** How many units of a line's quantity one unit of its amount is: t·km per mass unit for a leg, else 1. */
export function lineMultiplier(
  line: { transport?: PreparedTransport },
  values: ReadonlyMap<string, number>,
): number {
  return line.transport ? tonneKilometresPerUnit(line.transport, values) : 1;
}
