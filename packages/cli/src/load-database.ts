import { stat } from 'node:fs/promises';
import type { Database } from '@opencfp/core';
import { readDatabase, type DatabaseFormat, type DetectedFormat, type ImportIssue } from '@opencfp/formats';
import { starterDatabasePath } from '@opencfp/refdata';
import { CliError } from './errors.js';
import type { Output } from './main.js';

/** A database read for a command, with what the reader could not read. */
export interface LoadedDatabase {
  db: Database;
  issues: ImportIssue[];
  format: DetectedFormat;
}

/** The formats `--input-format` accepts. */
export const DATABASE_FORMATS: readonly DatabaseFormat[] = [
  'json-ld',
  'ecospold2',
  'ecospold1',
  'ilcd',
  'simapro-csv',
];

/** The word that names the bundled starter database (openLCA JSON-LD in packages/refdata/starter-database). */
export const STARTER_DATABASE = 'starter';

/**
 * Reads `<database>` for a command in whatever format its content shows, and tells (on stderr, so stdout stays
 * machine-readable) how many problems the reader found. `quiet` leaves the telling to the caller (`cfp check`).
 * The word `starter` names the bundled starter database.
 */
export async function loadDatabase(
  given: string | undefined,
  out: Output,
  options: { strict?: boolean; format?: DatabaseFormat; quiet?: boolean } = {},
): Promise<LoadedDatabase> {
  const path = given === STARTER_DATABASE ? starterDatabasePath() : given;
  if (!path)
    throw new CliError(
      'NO_DATABASE',
      'name the database: an openLCA JSON-LD, EcoSpold 1/2, ILCD or SimaPro CSV export (zip, folder or file), ' +
        "or 'starter' for the bundled starter database",
    );
  try {
    await stat(path);
  } catch {
    throw new CliError(
      'DATABASE_NOT_FOUND',
      `'${path}' does not exist; give the path of a .zip file, a folder or a file`,
    );
  }
  const { data, issues, format } = await readDatabase(path, {
    strict: options.strict,
    format: options.format,
  });
  const errors = issues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  if (!options.quiet && errors + warnings > 0)
    out.stderr(
      `cfp: read ${data.processes.length} processes and ${data.flows.length} flows from ${path} (${format.format}); ` +
        `the reader reported ${errors} error(s) and ${warnings} warning(s) (skipped datasets are not in the results; ` +
        `'cfp check ${path}' lists them)\n`,
    );
  return { db: data, issues, format };
}
