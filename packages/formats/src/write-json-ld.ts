import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Database } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import { JsonLdDatasetWriter, parameterId } from './json-ld-writer-datasets.js';
import { toJsonText, type JsonValue } from './json-ld-writer-json.js';
import { writeZipFile } from './write-zip-file.js';

export interface WriteJsonLdOptions {
  /** olca-schema version to write; only 'v2' (openLCA 2) is supported. */
  schema?: 'v2';
}

/**
 * The package-info file openLCA 2 writes at the root of every JSON-LD export. openLCA 2.0 writes schema
 * version 2; later 2.x versions count up (3: process reviews, 4: EPD fields, 5: analysis groups) and upgrade
 * older packages when reading, so 2 opens in every openLCA 2 release.
 */
export const JSON_LD_PACKAGE_INFO = 'openlca.json';
const SCHEMA_VERSION = 2;

// Characters that cannot be part of a file name on some system; '/' and '\\' would also leave the folder.
const UNSAFE_CHARS = new Set('/\\:*?"<>|');

function isUnsafeId(id: string): boolean {
  if (id === '' || id === '.' || id === '..') return true;
  for (const c of id) if (c.charCodeAt(0) < 0x20 || UNSAFE_CHARS.has(c)) return true;
  return false;
}

/**
 * The entries of an openLCA JSON-LD (olca-schema v2) export of `db`, one `<folder>/<id>.json` per dataset
 * (actors, sources, locations, unit_groups, flow_properties, flows, parameters (global), processes,
 * lcia_categories, lcia_methods) after `openlca.json`. Entries are produced one at a time, so a caller can
 * stream them into a zip or a folder without holding the export in memory.
 *
 * Throws a FormatError when the database cannot be written faithfully: DUPLICATE_ID (two different datasets
 * of one kind share an id), INVALID_ID (an id that cannot be a file name), INVALID_NUMBER (NaN or ±Infinity).
 *
 * @example
 * for (const entry of writeJsonLdEntries(db)) console.log(entry.name); // 'openlca.json', 'flows/….json', …
 */
export function* writeJsonLdEntries(db: Database, options?: WriteJsonLdOptions): Generator<ArchiveEntry> {
  checkSchema(options);
  const w = new JsonLdDatasetWriter(db);
  yield {
    name: JSON_LD_PACKAGE_INFO,
    data: toJsonText({ schemaVersion: SCHEMA_VERSION }, JSON_LD_PACKAGE_INFO),
  };

  const seen = new Map<string, unknown>();
  function* entry<T extends { id: string }>(
    folder: string,
    items: readonly T[],
    toJson: (item: T) => JsonValue,
  ): Generator<ArchiveEntry> {
    for (const item of items) {
      const id = item.id;
      if (isUnsafeId(id)) {
        throw new FormatError(
          'INVALID_ID',
          `The id ${JSON.stringify(id)} in ${folder} cannot be used as a file name of a JSON-LD export. Give the ` +
            'dataset a UUID.',
        );
      }
      const name = `${folder}/${id}.json`;
      if (seen.has(name)) {
        // Methods may share an impact category; the same category is written once.
        if (seen.get(name) === item) continue;
        throw new FormatError(
          'DUPLICATE_ID',
          `Two ${folder} datasets have the id ${id}; a JSON-LD export can hold only one. Give one of them a new id.`,
        );
      }
      seen.set(name, item);
      yield { name, data: toJsonText(toJson(item), name) };
    }
  }

  yield* entry('actors', db.actors, (a) => w.actor(a));
  yield* entry('sources', db.sources, (s) => w.source(s));
  yield* entry('locations', db.locations, (l) => w.location(l));
  yield* entry('unit_groups', db.unitGroups, (g) => w.unitGroup(g));
  yield* entry('flow_properties', db.flowProperties, (p) => w.flowProperty(p));
  yield* entry('flows', db.flows, (f) => w.flow(f));
  // Global parameters are keyed by name, so two with one name get one id and are reported as DUPLICATE_ID.
  const globals = db.parameters.map((p) => ({ id: parameterId(p.name, undefined), p }));
  yield* entry('parameters', globals, (g) => w.parameter(g.p));
  yield* entry('processes', db.processes, (p) => w.process(p));
  yield* entry(
    'lcia_categories',
    db.impactMethods.flatMap((m) => m.categories),
    (c) => w.impactCategory(c),
  );
  yield* entry('lcia_methods', db.impactMethods, (m) => w.impactMethod(m));
}

/**
 * Writes `db` as an openLCA JSON-LD export in olca-schema v2, the format openLCA 2 imports (File > Import >
 * JSON-LD). `target` ending in `.zip` gets a deflated zip, streamed to disk (written to a temporary file
 * first and renamed, so a failed export leaves no half-written zip); any other path is a folder, which must
 * be new or empty (stale datasets of an earlier export would otherwise be read back with the new ones).
 *
 * Reading the export with `readJsonLd` gives back the same database, with these differences: exchanges lose
 * `sourceId` (v2 has no exchange @id); causal factors that named only a flow name each exchange of that flow
 * by internalId; impact factors without unit get the flow's reference unit and property; global and process
 * parameters get name-based @ids; the lognormal `pedigree` is dropped (v2 has no field for it); flow synonyms
 * are packed into one ';'-separated string (v2), so a synonym holding ';' comes back split; category path
 * segments come back trimmed; nomenclature is recomputed from the categories; the database name is the file
 * name unless given; and a folder is read back in file-name order, which changes results only by rounding.
 *
 * @example
 * const { data } = await readJsonLd('uslci.zip');
 * await writeJsonLd(data, 'uslci-v2.zip');
 */
export async function writeJsonLd(db: Database, target: string, options?: WriteJsonLdOptions): Promise<void> {
  checkSchema(options);
  const existing = await stat(target).catch(() => undefined);
  const asZip = extname(target).toLowerCase() === '.zip' && !existing?.isDirectory();
  if (asZip) await writeZip(db, target, options);
  else await writeFolder(db, target, existing !== undefined, options);
}

function checkSchema(options: WriteJsonLdOptions | undefined): void {
  const schema: unknown = options?.schema ?? 'v2';
  if (schema !== 'v2') {
    throw new FormatError(
      'UNSUPPORTED_SCHEMA',
      `olca-schema ${String(schema)} cannot be written; only 'v2' (openLCA 2) is supported.`,
    );
  }
}

async function writeZip(
  db: Database,
  target: string,
  options: WriteJsonLdOptions | undefined,
): Promise<void> {
  await writeZipFile(writeJsonLdEntries(db, options), target);
}

async function writeFolder(
  db: Database,
  target: string,
  exists: boolean,
  options: WriteJsonLdOptions | undefined,
): Promise<void> {
  if (exists) {
    const info = await stat(target);
    if (!info.isDirectory())
      throw new FormatError('TARGET_EXISTS', `${target} is a file; give a .zip path or a folder.`, {
        file: target,
      });
    if ((await readdir(target)).length > 0) {
      throw new FormatError(
        'TARGET_NOT_EMPTY',
        `${target} is not empty; datasets already in it would be read back with the export. Choose a new or ` +
          'empty folder.',
        { file: target },
      );
    }
  }
  try {
    await mkdir(target, { recursive: true });
    const folders = new Set<string>();
    for (const entry of writeJsonLdEntries(db, options)) {
      const slash = entry.name.lastIndexOf('/');
      if (slash > 0) {
        const folder = entry.name.slice(0, slash);
        if (!folders.has(folder)) {
          await mkdir(join(target, folder), { recursive: true });
          folders.add(folder);
        }
      }
      await writeFile(join(target, entry.name), entry.data);
    }
  } catch (err) {
    if (err instanceof FormatError) throw err;
    throw new FormatError('WRITE_FAILED', `Could not write ${target}: ${(err as Error).message}`, {
      file: target,
      cause: err,
    });
  }
}
