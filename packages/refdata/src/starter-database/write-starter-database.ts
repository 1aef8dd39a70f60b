// `npm run starter:generate`: writes the starter database (generated from the tables) into
// packages/refdata/starter-database/, or into the folder given as the first argument. Files of the dataset
// folders that are no longer generated are removed, so a deleted dataset does not linger.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStarterDatabase } from './generate-starter-database.js';
import { starterDatabasePath } from './starter-database-path.js';

const DATASET_FOLDERS = ['flow_properties', 'flows', 'locations', 'processes', 'sources', 'unit_groups'];

/**
 * Writes the generated starter database into `folder` and removes stale dataset files; returns the number of
 * files written and removed.
 *
 * @example await writeStarterDatabase('/tmp/starter'); // { written: 200, removed: 0 }
 */
export async function writeStarterDatabase(
  folder: string = starterDatabasePath(),
): Promise<{ written: number; removed: number }> {
  const files = generateStarterDatabase();
  const wanted = new Set(files.map((f) => f.path));
  let removed = 0;
  for (const sub of DATASET_FOLDERS) {
    let names: string[];
    try {
      names = await readdir(join(folder, sub));
    } catch {
      continue; // not there yet
    }
    for (const name of names)
      if (name.endsWith('.json') && !wanted.has(`${sub}/${name}`)) {
        await rm(join(folder, sub, name));
        removed++;
      }
  }
  for (const f of files) {
    const path = join(folder, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, f.text, 'utf8');
  }
  return { written: files.length, removed };
}

// Run as a script (node dist/starter-database/write-starter-database.js [folder]).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = process.argv[2] ? resolve(process.argv[2]) : starterDatabasePath();
  writeStarterDatabase(folder).then(
    ({ written, removed }) =>
      console.log(`starter database: wrote ${written} files to ${folder}, removed ${removed}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
