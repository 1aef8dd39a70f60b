import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import { IlcdConverter } from './ilcd-converter.js';
import type { ReadResult } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { readFolderEntries } from './read-folder-entries.js';
import { DEFAULT_ZIP_LIMITS, readZipEntries, type ZipLimits } from './read-zip-entries.js';

export interface ReadIlcdOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Zip-bomb limits (defaults: `DEFAULT_ZIP_LIMITS`); `maxEntryBytes` also caps files of a folder. */
  limits?: Partial<ZipLimits>;
  /** Database name; defaults to the file or folder name without extension. */
  name?: string;
}

export interface ReadIlcdEntriesOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Database name. */
  name?: string;
  /** Where the entries come from, for messages. */
  source?: string;
}

function noIlcdError(source: string): FormatError {
  return new FormatError(
    'UNKNOWN_FORMAT',
    `${source} contains no ILCD data sets (XML files such as processes/<uuid>.xml, flows/…, flowproperties/…, ` +
      'unitgroups/…, usually under an ILCD/ folder). Pass an ILCD zip package, the folder it was extracted to, ' +
      'or a single ILCD data set file.',
    { file: source },
  );
}

/**
 * Reads an ILCD package — a .zip (datasets under `ILCD/` or at the root), the folder it was extracted to, or a
 * single dataset .xml file — into the core model: unit groups, flow properties, flows, processes (exchanges,
 * parameters, allocation, uncertainty), sources, contacts and LCIA methods. openLCA's ILCD extensions
 * (exchange units, formulas, default providers, avoided products) and OpenCFP's own are honoured, so a package
 * written by `writeIlcd` reads back to the same database.
 *
 * Broken parts are skipped and listed in `issues` (file, XPath-like path, stable code, what to do), e.g.
 * MISSING_FLOW at `/processDataSet/exchanges/exchange[3]/referenceToFlowDataSet/@refObjectId`. A source that is
 * not ILCD at all throws a `FormatError` (NOT_FOUND, EMPTY_FILE, NOT_A_ZIP, TRUNCATED_ZIP, CORRUPT_ZIP,
 * UNKNOWN_FORMAT).
 *
 * @example
 * const { data, issues } = await readIlcd('elcd.zip');
 * console.log(data.processes.length, issues.filter((i) => i.severity === 'error'));
 */
export async function readIlcd(path: string, options?: ReadIlcdOptions): Promise<ReadResult<Database>> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new FormatError('NOT_FOUND', `${path} does not exist or cannot be accessed. Check the path.`, {
      file: path,
      cause: err,
    });
  }
  const log = new IssueLog({ strict: options?.strict });
  const converter = new IlcdConverter(log);
  const filter = (name: string): boolean => converter.wants(name);
  const isDirectory = info.isDirectory();
  if (isDirectory) {
    for await (const entry of readFolderEntries(path, log, {
      filter,
      maxEntryBytes: options?.limits?.maxEntryBytes,
    }))
      converter.add(entry.name, entry.data);
  } else if (extname(path).toLowerCase() === '.xml' || (await startsLikeXml(path, info.size))) {
    const max = options?.limits?.maxEntryBytes ?? DEFAULT_ZIP_LIMITS.maxEntryBytes;
    if (info.size === 0) throw emptyError(path);
    if (info.size > max) {
      throw new FormatError(
        'ENTRY_TOO_LARGE',
        `${path} is ${info.size} bytes, over the limit of ${max}. Raise limits.maxEntryBytes if it is genuine.`,
        { file: path },
      );
    }
    const fh = await open(path, 'r');
    try {
      converter.add(basename(path), await fh.readFile());
    } finally {
      await fh.close();
    }
    // A lone file that cannot be read (not XML, bad encoding) is the whole input: say why, not 'no data sets'.
    const unreadable = log.issues.find((i) => i.file === basename(path) && i.severity === 'error');
    if (converter.datasets === 0 && unreadable)
      throw new FormatError(unreadable.code, `${path}: ${unreadable.message}`, {
        file: path,
        issue: unreadable,
      });
  } else {
    try {
      for await (const entry of readZipEntries(path, log, { filter, limits: options?.limits }))
        converter.add(entry.name, entry.data);
    } catch (err) {
      // The shared zip reader's message speaks of JSON-LD exports.
      if (err instanceof FormatError && err.code === 'NOT_A_ZIP') {
        throw new FormatError(
          'NOT_A_ZIP',
          `${path} is neither a zip archive nor an XML file. Pass an ILCD zip package, the folder it was ` +
            'extracted to, or an ILCD data set (.xml).',
          { file: path, cause: err },
        );
      }
      throw err;
    }
  }
  if (converter.datasets === 0) throw noIlcdError(path);
  const name = options?.name ?? basename(path, isDirectory ? '' : extname(path));
  return { data: converter.finish(name), issues: log.issues };
}

function emptyError(path: string): FormatError {
  return new FormatError(
    'EMPTY_FILE',
    `${path} is empty (0 bytes). The export or download did not finish; create it again.`,
    { file: path },
  );
}

/** True when the file starts with '<' (after a UTF-8 BOM or whitespace) or with a UTF-16 BOM. */
async function startsLikeXml(path: string, size: number): Promise<boolean> {
  if (size === 0) return false;
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(64, size));
    await fh.read(head, 0, head.length, 0);
    if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
    const text = head
      .toString('latin1')
      .replace(/^\xef\xbb\xbf/, '')
      .trimStart();
    return text.startsWith('<');
  } finally {
    await fh.close();
  }
}

/**
 * Reads ILCD datasets from archive entries (name + bytes or text), e.g. built in memory by a test or taken
 * from another container. Names only need to end in `.xml`; datasets are recognised by their root element.
 *
 * @example
 * const { data, issues } = await readIlcdEntries([
 *   { name: 'ILCD/unitgroups/u.xml', data: unitGroupXml },
 *   { name: 'ILCD/flows/f.xml', data: flowXml },
 * ]);
 */
export async function readIlcdEntries(
  entries: Iterable<ArchiveEntry> | AsyncIterable<ArchiveEntry>,
  options?: ReadIlcdEntriesOptions,
): Promise<ReadResult<Database>> {
  const log = new IssueLog({ strict: options?.strict });
  const converter = new IlcdConverter(log);
  for await (const entry of entries) converter.add(entry.name, entry.data);
  if (converter.datasets === 0) throw noIlcdError(options?.source ?? 'The input');
  return { data: converter.finish(options?.name), issues: log.issues };
}
