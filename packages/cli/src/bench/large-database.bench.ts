// A 20,000-process background database through the API (issue 5): uploaded as an openLCA JSON-LD zip to
// POST /v1/orgs/{orgId}/databases (streamed to disk, imported by a background job in one transaction), then a
// footprint of one of its datasets (the first request loads the version and factorizes A once; later ones are one
// solve each on the cached factorization) and a product model linking five of its datasets. On PostgreSQL (the
// production setting; OPENCFP_TEST_DATABASE_URL or the local cluster as root), else on PGlite in a temporary data
// directory. The synthetic database (packages/formats generateSyntheticDatabase, ecoinvent-like structure) is
// generated once into os.tmpdir() and reused. Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { createApp, JobRunner, listen, loadConfig } from '@opencfp/server';
import { createOrganisation, createUser, signIn, type Store } from '@opencfp/store';
import { median, ms, onBenchStore, seconds, uploadThroughApi } from './bench-support.js';

const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = 42;

async function syntheticZip(): Promise<{ path: string; processIds: string[] }> {
  const db = generateSyntheticDatabase({ activities, exchangesPerActivity: 30, biosphere: 4000, seed });
  const path = join(tmpdir(), 'opencfp-synthetic', `api-${activities}-${seed}.zip`);
  if (!existsSync(path)) await writeJsonLd(db, path);
  return { path, processIds: db.processes.map((p) => p.id) };
}

async function run(label: string, store: Store, dataDir: string): Promise<void> {
  const { path, processIds } = await syntheticZip();
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  const config = { ...loadConfig({ env: {} }), dataDir, validateResponses: false };
  const app = createApp({ store, config });
  const server = await listen(app, { port: 0, host: '127.0.0.1' });
  const runner = new JobRunner({ store, config });
  await runner.start();
  try {
    const session = await signIn(store, 'bench@example.com', 'bench password');
    const token = session?.token ?? '';
    const auth = { authorization: `Bearer ${token}` };
    const { versionId, bytes, uploadMs, importMs } = await uploadThroughApi(
      server.url,
      org.id,
      token,
      path,
      'synthetic',
    );
    const footprint = async (processId: string) => {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/orgs/${org.id}/databases/${versionId}/footprint`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ processId, topContributors: 5 }),
      });
      if (res.status !== 200) throw new Error(`footprint: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      return performance.now() - start;
    };
    const firstMs = await footprint(processIds[0]);
    const cached: number[] = [];
    for (let i = 1; i <= 20; i++) cached.push(await footprint(processIds[i * 97]));
    console.log(
      `${label.padEnd(10)} ${activities} processes (${(bytes / 1024 / 1024).toFixed(0)} MB zip): upload ${seconds(uploadMs)}, ` +
        `import job done ${seconds(importMs)} · first footprint (load + factorize) ${seconds(firstMs)} · ` +
        `cached footprint median ${ms(median(cached))}`,
    );
  } finally {
    await runner.close();
    await server.close();
  }
}

await onBenchStore('opencfp-large-', run);
