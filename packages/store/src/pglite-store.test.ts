import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openStore } from './store.js';
import { fileURLToPath } from 'node:url';
import { backgroundDatabaseCases, repositoryCases } from './test-support/repository-cases.js';
import { accountCases } from './test-support/account-cases.js';
import { jobCases } from './test-support/job-cases.js';
import { storeCases } from './test-support/store-cases.js';
import { upgradeCases } from './test-support/upgrade-cases.js';

const example = fileURLToPath(new URL('../../../examples/bicycle-frame', import.meta.url));

storeCases('PGlite (in memory)', async () => ({ store: await openStore() }));
repositoryCases('PGlite (in memory)', async () => ({ store: await openStore() }));
backgroundDatabaseCases('PGlite (in memory)', async () => ({ store: await openStore() }), example);
accountCases('PGlite (in memory)', async () => ({ store: await openStore() }));
jobCases('PGlite (in memory)', async () => ({ store: await openStore() }), { examplePath: example });
upgradeCases('PGlite (in memory)', async () => ({ store: await openStore({ migrate: false }) }));

test('PGlite keeps its data in the data directory across reopen', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opencfp-pglite-'));
  try {
    const first = await openStore({ dataDir: dir });
    assert.equal(first.kind, 'pglite');
    await first.db.insertInto('organisations').values({ id: 'o1', name: 'Kept', slug: 'kept' }).execute();
    await first.close();
    const second = await openStore({ dataDir: dir });
    const rows = await second.db.selectFrom('organisations').select('name').execute();
    assert.deepEqual(rows, [{ name: 'Kept' }]);
    assert.deepEqual((await second.migrate()).applied, []);
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
