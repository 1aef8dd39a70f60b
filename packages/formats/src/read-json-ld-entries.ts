import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import type { ReadResult } from './import-issue.js';
import { IssueLog } from './issue-log.js';
import { JsonLdConverter } from './json-ld-converter.js';

export interface ReadJsonLdEntriesOptions {
  /** Throw a `FormatError` at the first error-level issue instead of skipping the broken part. */
  strict?: boolean;
  /** Database name. */
  name?: string;
  /** Where the entries come from, for messages. */
  source?: string;
}

/**
 * The error for a source without any JSON-LD dataset, shared by the zip, folder and in-memory readers.
 *
 * @example
 * if (converter.datasets === 0) throw noJsonLdError('export.zip');
 */
export function noJsonLdError(source: string): FormatError {
  return new FormatError(
    'UNKNOWN_FORMAT',
    `${source} contains no openLCA JSON-LD datasets (.json files in folders such as processes/, flows/, ` +
      'unit_groups/). In openLCA, export the database with File > Export > JSON-LD, and pass the zip or the ' +
      'folder it was extracted to.',
    { file: source },
  );
}

/**
 * Reads openLCA JSON-LD from archive entries (name + bytes or text), e.g. built in memory by a test or taken
 * from another container. Entries are named like in an export: 'processes/<id>.json', 'flows/<id>.json', ….
 *
 * @example
 * const { data, issues } = await readJsonLdEntries([
 *   { name: 'unit_groups/ug.json', data: JSON.stringify(unitGroup) },
 *   { name: 'flows/f.json', data: JSON.stringify(flow) },
 * ]);
 */
export async function readJsonLdEntries(
  entries: Iterable<ArchiveEntry> | AsyncIterable<ArchiveEntry>,
  options?: ReadJsonLdEntriesOptions,
): Promise<ReadResult<Database>> {
  const log = new IssueLog({ strict: options?.strict });
  const converter = new JsonLdConverter(log);
  for await (const entry of entries) converter.add(entry.name, entry.data);
  if (converter.datasets === 0) throw noJsonLdError(options?.source ?? 'The input');
  return { data: converter.finish(options?.name), issues: log.issues };
}
