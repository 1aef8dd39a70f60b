import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { EcoSpold2Converter, EcoSpold2IssueLog } from './eco-spold2-converter.js';
import { FormatError } from './errors.js';
import type { ReadResult } from './import-issue.js';
import { readFolderEntries } from './read-folder-entries.js';
import { DEFAULT_ZIP_LIMITS, endsLikeZip, readZipEntries, type ZipLimits } from './read-zip-entries.js';
import type { XmlLimits } from './xml/parse-xml.js';

export interface ReadEcoSpold2Options {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Zip-bomb limits (defaults: `DEFAULT_ZIP_LIMITS`); `maxEntryBytes` also caps files of a folder or a lone file. */
  limits?: Partial<ZipLimits>;
  /** Limits of the XML parser per file (defaults: `DEFAULT_XML_LIMITS`). */
  xmlLimits?: XmlLimits;
  /** Database name; defaults to the file or folder name without extension. */
  name?: string;
}

export interface ReadEcoSpold2EntriesOptions {
  strict?: boolean;
  xmlLimits?: XmlLimits;
  name?: string;
  /** Where the entries come from, for messages. */
  source?: string;
}

function noEcoSpold2Error(source: string): FormatError {
  return new FormatError(
    'UNKNOWN_FORMAT',
    `${source} contains no EcoSpold 2 datasets (.spold or .xml files with an <ecoSpold> root holding an ` +
      'activityDataset). Pass an ecoinvent release (the zip, its datasets folder or one .spold file) or an ' +
      'EcoSpold 2 export.',
    { file: source },
  );
}

/**
 * Reads an EcoSpold 2 database — ecoinvent's format — into the core model: a zip of .spold files (ecoinvent
 * releases keep them in `datasets/`, with optional `MasterData/*.xml`), a folder of them, or a single .spold or
 * .xml file. Files are read and converted one at a time, so memory holds the database being built and one
 * file, never the archive.
 *
 * How EcoSpold 2 maps to the model (details in `convertEcoSpold2Dataset` and `finishEcoSpold2`): an activity
 * is a process (id = activity id, or `<activityId>_<productId>` when several datasets share the activity);
 * intermediate exchanges are product or waste flows, elementary exchanges elementary flows in
 * 'compartment/subcompartment'; ecoinvent's negative waste amounts become openLCA-style waste inputs and
 * outputs; activity links become default providers; co-product allocation factors come from the price and
 * mass properties; units come from the shared unit catalogue.
 *
 * Broken datasets are skipped and listed in `issues`; a source that is not EcoSpold 2 at all throws a
 * `FormatError` (NOT_FOUND, EMPTY_FILE, NOT_A_ZIP, TRUNCATED_ZIP, CORRUPT_ZIP, UNKNOWN_FORMAT, INVALID_XML, …).
 *
 * @example
 * const { data, issues } = await readEcoSpold2('ecoinvent 3.9.1_cutoff_ecoSpold02.zip');
 * console.log(data.processes.length, issues.filter((i) => i.severity === 'error').length);
 */
export async function readEcoSpold2(
  path: string,
  options?: ReadEcoSpold2Options,
): Promise<ReadResult<Database>> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new FormatError('NOT_FOUND', `${path} does not exist or cannot be accessed. Check the path.`, {
      file: path,
      cause: err,
    });
  }
  const log = new EcoSpold2IssueLog({ strict: options?.strict });
  const converter = new EcoSpold2Converter(log, options?.xmlLimits);
  const maxEntryBytes = options?.limits?.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes;
  const filter = (name: string): boolean => converter.wants(name);
  const name = options?.name ?? basename(path, info.isDirectory() ? '' : extname(path));

  if (info.isDirectory()) {
    for await (const entry of readFolderEntries(path, log, { filter, maxEntryBytes }))
      converter.add(entry.name, entry.data);
  } else {
    if (info.size === 0)
      throw new FormatError(
        'EMPTY_FILE',
        `${path} is empty (0 bytes). The export or download did not finish; get the file again.`,
        { file: path },
      );
    const head = Buffer.alloc(4);
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
    const isZip = head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50;
    if (isZip || /\.zip$/i.test(path) || endsLikeZip(path)) {
      for await (const entry of readZipEntries(path, log, { filter, limits: options?.limits }))
        converter.add(entry.name, entry.data);
    } else {
      if (info.size > maxEntryBytes)
        throw new FormatError(
          'ENTRY_TOO_LARGE',
          `${path} is ${info.size} bytes, over the limit of ${maxEntryBytes}. Raise limits.maxEntryBytes if it is genuine.`,
          { file: path },
        );
      const fh2 = await open(path, 'r');
      let data: Buffer;
      try {
        data = await fh2.readFile();
      } finally {
        await fh2.close();
      }
      converter.add(basename(path), data, { single: true });
    }
  }
  if (converter.datasets === 0) throw noEcoSpold2Error(path);
  return { data: converter.finish(name), issues: log.issues };
}

/**
 * Reads EcoSpold 2 from archive entries (name + bytes or text), e.g. built in memory by a test or taken from
 * another container. Entries named *.spold or *.xml are read, in the order given.
 *
 * @example
 * const { data, issues } = await readEcoSpold2Entries([{ name: 'a.spold', data: xmlText }]);
 */
export async function readEcoSpold2Entries(
  entries: Iterable<ArchiveEntry> | AsyncIterable<ArchiveEntry>,
  options?: ReadEcoSpold2EntriesOptions,
): Promise<ReadResult<Database>> {
  const log = new EcoSpold2IssueLog({ strict: options?.strict });
  const converter = new EcoSpold2Converter(log, options?.xmlLimits);
  for await (const entry of entries) if (converter.wants(entry.name)) converter.add(entry.name, entry.data);
  if (converter.datasets === 0) throw noEcoSpold2Error(options?.source ?? 'The input');
  return { data: converter.finish(options?.name), issues: log.issues };
}
