import type { Database } from '@opencfp/core';
import { detectFormat, type DatabaseFormat, type DetectedFormat } from './detect-format.js';
import type { ReadResult } from './import-issue.js';
import { readEcoSpold1 } from './read-eco-spold1.js';
import { readEcoSpold2 } from './read-eco-spold2.js';
import { readIlcd } from './read-ilcd.js';
import { readJsonLd } from './read-json-ld.js';
import { readSimaProCsv } from './read-simapro-csv.js';

export interface ReadDatabaseOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Skip detection and read as this format. */
  format?: DatabaseFormat;
}

/** A database read by {@link readDatabase}, with the format it was read as. */
export interface DatabaseReadResult extends ReadResult<Database> {
  format: DetectedFormat;
}

/**
 * Reads a database in any supported format — openLCA JSON-LD, EcoSpold 2, EcoSpold 1, ILCD, SimaPro CSV — as
 * a zip, a folder or a single file, telling the format from the content (see {@link detectFormat}).
 *
 * @example
 * const { data, issues, format } = await readDatabase('ecoinvent.zip');
 * console.log(format.format, data.processes.length, issues.length);
 */
export async function readDatabase(
  path: string,
  options: ReadDatabaseOptions = {},
): Promise<DatabaseReadResult> {
  const format: DetectedFormat = options.format
    ? { format: options.format, container: 'file', evidence: 'format given by the caller' }
    : await detectFormat(path);
  const strict = options.strict;
  const read = {
    'json-ld': () => readJsonLd(path, { strict }),
    ecospold2: () => readEcoSpold2(path, { strict }),
    ecospold1: () => readEcoSpold1(path, { strict }),
    ilcd: () => readIlcd(path, { strict }),
    'simapro-csv': () => readSimaProCsv(path, { strict }),
  }[format.format];
  const result = await read();
  return { ...result, format };
}
