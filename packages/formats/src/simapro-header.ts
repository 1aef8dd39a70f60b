/** What the `{…}` lines at the top of a SimaPro CSV export declare. */
export interface SimaProHeader {
  /** e.g. '9.1.0.7' from `{SimaPro 9.1.0.7}`. */
  version: string;
  /** What was exported: 'processes', 'methods', … (the bare `{…}` line). */
  content?: string;
  /** Cell separator: ';', ',' or '\t'. */
  separator?: string;
  /** '.' or ','. */
  decimal?: string;
  /** Java-style pattern such as 'dd.MM.yyyy'. */
  shortDateFormat?: string;
  project?: string;
  library?: string;
  /** Every entry as written, by its key ('CSV separator' → 'Semicolon'). */
  entries: Map<string, string>;
}

const SEPARATORS: { [name: string]: string } = { semicolon: ';', comma: ',', tab: '\t' };

/**
 * Reads one header line (`{Key: value}` or `{value}`) into `header`. Returns a problem to report, or undefined.
 *
 * @example
 * const h: SimaProHeader = { version: '', entries: new Map() };
 * readHeaderLine('{CSV separator: Semicolon}', h); // h.separator === ';'
 */
export function readHeaderLine(line: string, header: SimaProHeader): string | undefined {
  const inner = line.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  const version = /^SimaPro\s+(.*)$/i.exec(inner);
  if (version) {
    header.version = version[1].trim();
    return undefined;
  }
  const colon = inner.indexOf(':');
  if (colon < 0) {
    header.content ??= inner;
    header.entries.set(inner, '');
    return undefined;
  }
  const key = inner.slice(0, colon).trim();
  const value = inner.slice(colon + 1).trim();
  header.entries.set(key, value);
  switch (key.toLowerCase()) {
    case 'csv separator': {
      const sep = SEPARATORS[value.toLowerCase()];
      if (sep === undefined)
        return `Unknown CSV separator '${value}' (SimaPro writes Semicolon, Comma or Tab); the separator is guessed from the data.`;
      header.separator = sep;
      return undefined;
    }
    case 'decimal separator':
      if (value !== '.' && value !== ',')
        return `Unknown decimal separator '${value}' (SimaPro writes '.' or ','); it is guessed from the separator.`;
      header.decimal = value;
      return undefined;
    case 'short date format':
      header.shortDateFormat = value;
      return undefined;
    case 'project':
      header.project = value;
      return undefined;
    case 'library':
    case 'open library':
      header.library = value.replace(/^'(.*)'$/, '$1');
      return undefined;
    default:
      return undefined;
  }
}

/**
 * The cell separator when the header does not say: the one that most data lines contain (';' first, then tab,
 * then ',', since ',' also appears inside names).
 *
 * @example
 * guessSeparator(['kg;Mass;1;kg']); // ';'
 */
export function guessSeparator(lines: readonly string[]): string {
  const count = (sep: string): number => lines.filter((l) => l.includes(sep)).length;
  const semicolon = count(';');
  const tab = count('\t');
  const comma = count(',');
  if (semicolon >= tab && semicolon >= comma && semicolon > 0) return ';';
  if (tab >= comma && tab > 0) return '\t';
  return comma > 0 ? ',' : ';';
}
