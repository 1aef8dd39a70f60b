/**
 * Builds an RFC 6901 JSON pointer from path segments, escaping '~' and '/' in keys.
 *
 * @example
 * jsonPointer('exchanges', 3, 'amount'); // '/exchanges/3/amount'
 */
export function jsonPointer(...segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number' || !/[~/]/.test(s)) out += '/' + s;
    else out += '/' + s.replace(/~/g, '~0').replace(/\//g, '~1');
  }
  return out;
}
