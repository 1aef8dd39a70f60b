import { NAMESPACE_URL, uuidV5 } from './simapro-uuid.js';

/** Namespace of the ids of synthetic databases: uuidV5(NAMESPACE_URL, 'https://opencfp.org/ns/synthetic'). */
export const SYNTHETIC_NAMESPACE = uuidV5('https://opencfp.org/ns/synthetic', NAMESPACE_URL);

/**
 * The id of one object of a synthetic database: a name-based UUID (v5) of the seed, the kind of object and its
 * index, so equal seeds give equal ids on every machine and different seeds never share an id.
 *
 * @example
 * syntheticId(42, 'activity', 17); // always the same UUID
 */
export function syntheticId(seed: number, kind: string, index: number | string): string {
  return uuidV5(`${seed}/${kind}/${index}`, SYNTHETIC_NAMESPACE);
}
