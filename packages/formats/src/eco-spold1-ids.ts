import { createHash } from 'node:crypto';

/**
 * A name-based (version 3, MD5) UUID for EcoSpold 1 entities, which carry no UUIDs of their own. The key is the
 * parts trimmed, joined with '/' and lower-cased (absent parts count as ''), hashed like Java's
 * `UUID.nameUUIDFromBytes` — the scheme openLCA's `KeyGen` uses — so that e.g. an elementary flow gets the id
 * openLCA's EcoSpold 1 import gives it, and the same flow in two datasets gets the same id.
 *
 * @example
 * nameBasedUuid('emission', 'air', 'Carbon dioxide', 'kg'); // same id in every dataset and every run
 */
export function nameBasedUuid(...parts: (string | undefined)[]): string {
  const key = parts
    .map((p) => (p ?? '').trim())
    .join('/')
    .toLowerCase();
  const hash = createHash('md5').update(key, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x30; // version 3
  hash[8] = (hash[8] & 0x3f) | 0x80; // IETF variant
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
