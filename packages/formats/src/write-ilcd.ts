import type { Database, ImpactCategory, ImpactMethod } from '@opencfp/core';
import type { ArchiveEntry } from './archive-entry.js';
import { FormatError } from './errors.js';
import { IlcdDatasetWriter } from './ilcd-dataset-writer.js';
import { ilcdUuid, type IlcdRoot } from './ilcd-format.js';
import { writeZipFile } from './write-zip-file.js';

export interface WriteIlcdOptions {
  /** Language code of the texts (`xml:lang`); 'en' by default. */
  lang?: string;
  /** zlib level 0–9 of the zip entries; 6 by default. */
  compressionLevel?: number;
}

/**
 * The entries of an ILCD 1.1 package of `db`, as openLCA lays it out: `ILCD/contacts/<uuid>.xml`, sources,
 * unitgroups, flowproperties, flows, processes, lciamethods (one data set per impact category), and
 * `ILCD/ILCDLocations.xml` with the location codes used. Entries are produced one at a time, so a caller can
 * stream them into a zip without holding the package in memory.
 *
 * What ILCD cannot hold is kept in extensions: openLCA's (`olca:` — exchange amount, unit, flow property and
 * formula, default provider, avoided product, unit ids, parameter scope) and OpenCFP's (`ocfp:` — ids that are
 * not UUIDs, exact allocation factors by method, exact uncertainty parameters, location ids, texts over 500
 * characters). Throws a FormatError for DUPLICATE_ID (two datasets of one kind with one id) and
 * INVALID_NUMBER (NaN or ±Infinity).
 *
 * @example
 * for (const entry of writeIlcdEntries(db)) console.log(entry.name); // 'ILCD/contacts/….xml', …
 */
export function* writeIlcdEntries(db: Database, options?: WriteIlcdOptions): Generator<ArchiveEntry> {
  const w = new IlcdDatasetWriter(db, options?.lang ?? 'en');
  const seen = new Map<string, unknown>();
  function* datasets<T extends { id: string }>(
    kind: IlcdRoot,
    items: readonly T[],
    toXml: (item: T) => string,
  ): Generator<ArchiveEntry> {
    for (const item of items) {
      const name = IlcdDatasetWriter.entryName(kind, item.id);
      if (seen.has(name)) {
        if (seen.get(name) === item) continue;
        throw new FormatError(
          'DUPLICATE_ID',
          `Two ${kind} data sets have the id ${item.id} (UUID ${ilcdUuid(kind, item.id)}); an ILCD package can ` +
            'hold only one. Give one of them a new id.',
        );
      }
      seen.set(name, item);
      yield { name, data: toXml(item) };
    }
  }
  yield* datasets('contactDataSet', db.actors, (a) => w.actor(a));
  yield* datasets('sourceDataSet', db.sources, (s) => w.source(s));
  yield* datasets('unitGroupDataSet', db.unitGroups, (g) => w.unitGroup(g));
  yield* datasets('flowPropertyDataSet', db.flowProperties, (p) => w.flowProperty(p));
  yield* datasets('flowDataSet', db.flows, (f) => w.flow(f));
  yield* datasets('processDataSet', db.processes, (p) => w.process(p));
  // A category shared by several methods is one data set naming all of them.
  const methodsOf = new Map<ImpactCategory, ImpactMethod[]>();
  for (const m of db.impactMethods) {
    for (const c of m.categories) {
      const list = methodsOf.get(c);
      if (list) {
        if (!list.includes(m)) list.push(m);
      } else methodsOf.set(c, [m]);
    }
  }
  yield* datasets('LCIAMethodDataSet', [...methodsOf.keys()], (c) =>
    w.impactCategory(c, methodsOf.get(c) ?? []),
  );
  const locations = w.locationList();
  if (locations !== undefined) yield { name: 'ILCD/ILCDLocations.xml', data: locations };
}

/**
 * Writes `db` as an ILCD 1.1 zip package (deflated, streamed to disk through a temporary file that is renamed
 * at the end, so a failed export leaves no half-written zip). openLCA imports it (File > Import > ILCD), and
 * `readIlcd` reads it back to a database that calculates to the same results.
 *
 * @example
 * const { data } = await readJsonLd('uslci.zip');
 * await writeIlcd(data, 'uslci-ilcd.zip');
 */
export async function writeIlcd(db: Database, target: string, options?: WriteIlcdOptions): Promise<void> {
  await writeZipFile(writeIlcdEntries(db, options), target, { level: options?.compressionLevel });
}
