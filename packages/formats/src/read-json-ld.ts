import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import type { ReadResult } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { JsonLdConverter } from './json-ld-converter.js';
import { noJsonLdError } from './read-json-ld-entries.js';
import { readFolderEntries } from './read-folder-entries.js';
import { readZipEntries, type ZipLimits } from './read-zip-entries.js';

export interface ReadJsonLdOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Zip-bomb limits (defaults: `DEFAULT_ZIP_LIMITS`); `maxEntryBytes` also caps files of a folder. */
  limits?: Partial<ZipLimits>;
  /** Database name; defaults to the file or folder name without extension. */
  name?: string;
}

/**
 * Reads an openLCA JSON-LD export — a .zip or the folder it was extracted to — in olca-schema v1 (openLCA
 * 1.x) or v2 (openLCA 2) format into the core model.
 *
 * Broken parts are skipped and listed in `issues` (file, JSON pointer, stable code, what to do); a source
 * that is not JSON-LD at all throws a `FormatError` (NOT_FOUND, EMPTY_FILE, NOT_A_ZIP, TRUNCATED_ZIP,
 * CORRUPT_ZIP, UNKNOWN_FORMAT).
 *
 * @example
 * const { data, issues } = await readJsonLd('uslci.zip');
 * console.log(data.processes.length, issues.filter((i) => i.severity === 'error'));
 */
export async function readJsonLd(path: string, options?: ReadJsonLdOptions): Promise<ReadResult<Database>> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (err) {
    throw new FormatError('NOT_FOUND', `${path} does not exist or cannot be accessed. Check the path.`, {
      file: path,
      cause: err,
    });
  }
  const log = new IssueLog({ strict: options?.strict });
  const converter = new JsonLdConverter(log);
  // Unsupported folders are counted from their names; they are never decompressed.
  const filter = (name: string): boolean => converter.wants(name);
  const entries: AsyncIterable<ArchiveEntry> = isDirectory
    ? readFolderEntries(path, log, { filter, maxEntryBytes: options?.limits?.maxEntryBytes })
    : readZipEntries(path, log, { filter, limits: options?.limits });
  for await (const entry of entries) converter.add(entry.name, entry.data);
  if (converter.datasets === 0) throw noJsonLdError(path);
  const name = options?.name ?? basename(path, isDirectory ? '' : extname(path));
  return { data: converter.finish(name), issues: log.issues };
}
