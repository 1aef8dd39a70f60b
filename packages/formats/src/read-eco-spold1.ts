import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { EcoSpold1Converter } from './eco-spold1-converter.js';
import { fileBytes } from './eco-spold1-text.js';
import { FormatError } from './errors.js';
import type { ReadResult } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { readFolderEntries } from './read-folder-entries.js';
import { endsLikeZip, readZipEntries, type ZipLimits } from './read-zip-entries.js';

/** Limits against hostile input: the zip-bomb guards and the XML size/depth guards. */
export interface EcoSpold1Limits extends ZipLimits {
  /** Most elements in one XML document (default 50 million; datasets are streamed one at a time). */
  maxXmlElements: number;
  /** Deepest element nesting (default 100; EcoSpold 1 needs 6). */
  maxXmlDepth: number;
}

export interface ReadEcoSpold1Options {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken dataset. */
  strict?: boolean;
  /** Zip-bomb and XML limits; `maxEntryBytes` also caps the files of a folder. */
  limits?: Partial<EcoSpold1Limits>;
  /** Database name; defaults to the file or folder name without extension. */
  name?: string;
}

export interface ReadEcoSpold1EntriesOptions extends ReadEcoSpold1Options {
  /** Where the entries come from, for messages. */
  source?: string;
}

const isXml = (name: string): boolean => name.toLowerCase().endsWith('.xml');

/**
 * Reads EcoSpold 1 process datasets into the core model: one XML file (with one or many `<dataset>`s, such as
 * the US LCI release with 631 in one file), or a zip or folder of such files. Large files are streamed one
 * dataset at a time.
 *
 * EcoSpold 1 has no UUIDs: processes, flows, locations, sources and actors get name-based UUIDs (version 3,
 * openLCA's key scheme; see `ecoSpold1FlowId`), so a product input gets the flow id of the reference product
 * of the process that provides it. Process names and location codes are kept exactly as in the file.
 *
 * A broken dataset is skipped and listed in `issues` (file, XPath, code, what to do); a source that is not
 * EcoSpold 1 at all throws a `FormatError` (NOT_FOUND, EMPTY_FILE, UNKNOWN_FORMAT, INVALID_XML,
 * INVALID_ENCODING, NOT_A_ZIP, TRUNCATED_ZIP, …).
 *
 * @example
 * const { data, issues } = await readEcoSpold1('uslci-ecospold1.zip');
 * console.log(data.processes.length, issues.filter((i) => i.severity === 'error'));
 */
export async function readEcoSpold1(
  path: string,
  options?: ReadEcoSpold1Options,
): Promise<ReadResult<Database>> {
  let isDirectory: boolean;
  let size: number;
  try {
    const s = await stat(path);
    isDirectory = s.isDirectory();
    size = s.size;
  } catch (err) {
    throw new FormatError('NOT_FOUND', `${path} does not exist or cannot be accessed. Check the path.`, {
      file: path,
      cause: err,
    });
  }
  const log = new IssueLog({ strict: options?.strict });
  const converter = newConverter(log, options);
  let seen = 0;
  const ignored: string[] = [];
  const filter = (name: string): boolean => {
    if (isXml(name)) return true;
    ignored.push(name);
    return false;
  };

  if (isDirectory) {
    for await (const entry of readFolderEntries(path, log, {
      filter,
      maxEntryBytes: options?.limits?.maxEntryBytes,
    }))
      seen += addEntry(converter, log, entry);
  } else {
    if (size === 0)
      throw new FormatError(
        'EMPTY_FILE',
        `${path} is empty (0 bytes). The export or download did not finish; export the data again.`,
        { file: path },
      );
    const kind = sniff(path);
    if (kind === 'zip') {
      for await (const entry of readZipEntries(path, log, { filter, limits: options?.limits }))
        seen += addEntry(converter, log, entry);
    } else if (kind === 'xml') {
      const summary = converter.add(basename(path), fileBytes(path), { failWhole: true });
      seen += summary.datasets;
      if (summary.datasets === 0) throw noDatasetsError(path, summary.root);
    } else
      throw new FormatError(
        'UNKNOWN_FORMAT',
        `${path} is neither an XML file nor a zip archive. Pass an EcoSpold 1 file (.xml), or a zip or folder of them.`,
        { file: path },
      );
  }
  reportIgnored(log, path, ignored);
  if (seen === 0) throw noDatasetsError(path, undefined);
  const name = options?.name ?? basename(path, isDirectory ? '' : extname(path));
  return { data: converter.finish(name), issues: log.issues };
}

/**
 * Reads EcoSpold 1 from archive entries (name + bytes or text), e.g. built in memory by a test or taken from
 * another container. Entries whose names do not end in '.xml' are ignored (and listed in an info issue).
 *
 * @example
 * const { data } = await readEcoSpold1Entries([{ name: 'steel.xml', data: xmlText }]);
 */
export async function readEcoSpold1Entries(
  entries: Iterable<ArchiveEntry> | AsyncIterable<ArchiveEntry>,
  options?: ReadEcoSpold1EntriesOptions,
): Promise<ReadResult<Database>> {
  const log = new IssueLog({ strict: options?.strict });
  const converter = newConverter(log, options);
  const source = options?.source ?? 'The input';
  let seen = 0;
  const ignored: string[] = [];
  for await (const entry of entries) {
    if (!isXml(entry.name)) {
      ignored.push(entry.name);
      continue;
    }
    seen += addEntry(converter, log, entry);
  }
  reportIgnored(log, source, ignored);
  if (seen === 0) throw noDatasetsError(source, undefined);
  return { data: converter.finish(options?.name), issues: log.issues };
}

function newConverter(log: IssueLog, options: ReadEcoSpold1Options | undefined): EcoSpold1Converter {
  return new EcoSpold1Converter(log, {
    maxElements: options?.limits?.maxXmlElements,
    maxDepth: options?.limits?.maxXmlDepth,
  });
}

function addEntry(converter: EcoSpold1Converter, log: IssueLog, entry: ArchiveEntry): number {
  if (entry.data.length === 0) {
    log.error(entry.name, '', 'EMPTY_FILE', 'The file is empty (0 bytes); it was skipped.');
    return 0;
  }
  return converter.add(entry.name, typeof entry.data === 'string' ? entry.data : [entry.data]).datasets;
}

function reportIgnored(log: IssueLog, source: string, ignored: string[]): void {
  if (ignored.length === 0) return;
  const shown = ignored.slice(0, 5).join(', ') + (ignored.length > 5 ? ', …' : '');
  log.info(
    source,
    '',
    'IGNORED_FILES',
    `${ignored.length} file(s) without the .xml extension were not read (${shown}).`,
  );
}

/** 'zip', 'xml' or 'other', from the first bytes. */
function sniff(path: string): 'zip' | 'xml' | 'other' {
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const b = head.subarray(0, n);
  // Local file header, or the end record of an empty archive.
  if (n >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6))
    return 'zip';
  if (n >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) return 'xml';
  if (n >= 2 && ((b[0] === 0x3c && b[1] === 0) || (b[0] === 0 && b[1] === 0x3c))) return 'xml';
  let i = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  while (i < n && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d)) i++;
  if (i < n && b[i] === 0x3c) return 'xml';
  // A zip whose first entry is damaged still ends like one.
  return endsLikeZip(path) ? 'zip' : 'other';
}

function noDatasetsError(source: string, root: string | undefined): FormatError {
  const found =
    root === undefined
      ? ''
      : root === 'ecoSpold'
        ? ' The document has an <ecoSpold> root but no <dataset> (an EcoSpold 2 file has <activityDataset>; read it with the EcoSpold 2 reader).'
        : ` Its root element is <${root}>.`;
  return new FormatError(
    'UNKNOWN_FORMAT',
    `${source} contains no EcoSpold 1 datasets (<ecoSpold><dataset>…).${found} Pass an EcoSpold 1 XML file, or a ` +
      'zip or folder of them (in openLCA: File > Export > EcoSpold 1).',
    { file: source },
  );
}
