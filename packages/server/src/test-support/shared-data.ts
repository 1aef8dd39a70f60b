import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this compiled file (packages/server/dist/test-support/). */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * A file of the shared data folder beside the repository (or `OPENCFP_SHARED`). Throws — so the test fails
 * loudly instead of skipping — when it is missing.
 */
export function sharedFile(relative: string): string {
  const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
  const path = resolve(shared, relative);
  if (!existsSync(path))
    throw new Error(
      `test data missing: ${path}. Put the shared folder beside the repository or set OPENCFP_SHARED to it.`,
    );
  return path;
}
