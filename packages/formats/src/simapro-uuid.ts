import { createHash } from 'node:crypto';

/** RFC 4122 URL namespace; the OpenCFP namespaces below are derived from it. */
const NAMESPACE_URL = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** Namespace of the ids the SimaPro CSV reader derives: uuidV5(NAMESPACE_URL, 'https://opencfp.org/ns/simapro-csv'). */
export const SIMAPRO_NAMESPACE = '809df685-ec28-5906-93d1-6aa04189f261';

/** Namespace of the ids the JSON-LD writer derives: uuidV5(NAMESPACE_URL, 'https://opencfp.org/ns/json-ld'). */
export const JSON_LD_NAMESPACE = '50e1b44e-59d4-593e-a55e-b0993fbd7141';

/**
 * A name-based UUID, version 5 (SHA-1, RFC 4122 §4.3): the same name in the same namespace always gives the
 * same id, in every run and on every machine.
 *
 * @example
 * uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'); // '2ed6657d-e927-568b-95e1-2665a8aea6a2'
 */
export function uuidV5(name: string, namespace: string = SIMAPRO_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`uuidV5: namespace ${namespace} is not a UUID`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export { NAMESPACE_URL };
