import { FormatError } from './errors.js';

/** The JSON values the writer builds: objects keep their insertion order, undefined members are left out. */
export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/**
 * Compact JSON text (as openLCA writes it) in which every number reads back as the same double:
 * `JSON.stringify` prints the shortest decimal that round-trips, except that it prints −0 as `0`, which
 * would flip signs in results; −0 is written `-0` (valid JSON, and `JSON.parse('-0')` is −0). A number that is
 * not finite has no JSON form and throws a FormatError (INVALID_NUMBER) naming where it is.
 *
 * @example
 * toJsonText({ amount: -0, name: 'x' }, 'processes/p.json'); // '{"amount":-0,"name":"x"}'
 */
export function toJsonText(value: JsonValue, file: string): string {
  const out: string[] = [];
  write(value, out, file, '');
  return out.join('');
}

function write(value: JsonValue, out: string[], file: string, path: string): void {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new FormatError(
        'INVALID_NUMBER',
        `${file}#${path}: ${value} cannot be written to JSON. Fix the value in the database before exporting.`,
        { file },
      );
    }
    out.push(Object.is(value, -0) ? '-0' : JSON.stringify(value));
  } else if (typeof value === 'string' || typeof value === 'boolean') {
    out.push(JSON.stringify(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    value.forEach((v, i) => {
      if (i > 0) out.push(',');
      write(v, out, file, `${path}/${i}`);
    });
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue;
      if (!first) out.push(',');
      first = false;
      out.push(JSON.stringify(key), ':');
      write(v, out, file, `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
    out.push('}');
  }
}
