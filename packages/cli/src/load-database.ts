import { stat } from 'node:fs/promises';
import type { Database } from '@opencfp/core';
import { readJsonLd, type ImportIssue } from '@opencfp/formats';
import { CliError } from './errors.js';
import type { Output } from './main.js';

/** A database read for a command, with what the reader could not read. */
export interface LoadedDatabase {
  db: Database;
  issues: ImportIssue[];
}

/**
 * Reads `<database>` for a command and tells (on stderr, so stdout stays machine-readable) how many problems the
 * reader found. The format issue adds EcoSpold, ILCD and SimaPro CSV detection here.
 */
export async function loadDatabase(path: string | undefined, out: Output): Promise<LoadedDatabase> {
  if (!path)
    throw new CliError('NO_DATABASE', 'name the database: an openLCA JSON-LD export (.zip or folder)');
  try {
    await stat(path);
  } catch {
    throw new CliError(
      'DATABASE_NOT_FOUND',
      `'${path}' does not exist; give the path of a .zip file or a folder`,
    );
  }
  const { data, issues } = await readJsonLd(path);
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  if (errors + warnings > 0)
    out.stderr(
      `cfp: read ${data.processes.length} processes and ${data.flows.length} flows from ${path}; ` +
        `the reader reported ${errors} error(s) and ${warnings} warning(s) (skipped datasets are not in the results)\n`,
    );
  return { db: data, issues };
}
