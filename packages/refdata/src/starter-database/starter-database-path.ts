import { fileURLToPath } from 'node:url';

/**
 * The absolute path of the starter database folder (openLCA JSON-LD, packages/refdata/starter-database),
 * found from this compiled file (packages/refdata/dist/starter-database/), so it works from the repository
 * and from an installed package (the folder is in the package's `files`).
 *
 * @example
 * const { data } = await readJsonLd(starterDatabasePath()); // in a package that may use @opencfp/formats
 */
export function starterDatabasePath(): string {
  return fileURLToPath(new URL('../../starter-database', import.meta.url));
}
