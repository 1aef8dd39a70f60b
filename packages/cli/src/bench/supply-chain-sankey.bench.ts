// Where the kilograms come from, on a 20,000-process background database through the API (issue 6: the Sankey of
// a 20,000-process system within 2 s in the browser, pruned on the server): a product model linking five datasets
// of the synthetic database (uploaded through the API as in large-database.bench.ts) is calculated, then
// GET …/calculations/{resultId}/upstream (the first level of the tree) and …/sankey (threshold 0.01, 200 nodes) are
// timed over loopback HTTP, answers validated against their schemas as in production:
// - the first request on the version and GWP set (the intensities' transposed solve, once per version and set);
// - a result's first request (its analysis: the document recalculated on the cached version, the foreground's
//   intensities, for the Sankey the background demand's solve and the pruning), median over several results;
// - the same request again (kept in memory), and the Sankey with another threshold (pruning only).
// On PostgreSQL when a server is available (OPENCFP_TEST_DATABASE_URL, or the local cluster as root), else PGlite.
// Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSyntheticDatabase, writeJsonLd } from '@opencfp/formats';
import { createApp, JobRunner, listen, loadConfig } from '@opencfp/server';
import { createOrganisation, createUser, signIn, type Store } from '@opencfp/store';
import { median, ms, onBenchStore, seconds, uploadThroughApi } from './bench-support.js';

const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = 42;
/** Results whose first requests are timed (each a model of its own, so each analysis is new). */
const RESULTS = 5;
const REPEATS = 20;

async function syntheticZip(): Promise<string> {
  const path = join(tmpdir(), 'opencfp-synthetic', `api-${activities}-${seed}.zip`);
  if (!existsSync(path))
    await writeJsonLd(
      generateSyntheticDatabase({ activities, exchangesPerActivity: 30, biosphere: 4000, seed }),
      path,
    );
  return path;
}

interface Listed {
  processId: string;
  productId: string;
  unit: string;
  isWaste?: true;
}

/** A model of two foreground processes (one with a loop) linking five datasets, a supplier input and an emission. */
function benchModel(datasets: Listed[], k: number): object {
  const input = (d: Listed, i: number) => ({
    name: `dataset ${i}`,
    amount: 1 + i + k * 1e-3,
    unit: d.unit,
    source: { kind: 'background', processId: d.processId, productId: d.productId },
  });
  return {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'assembly',
    processes: [
      {
        id: 'assembly',
        name: 'Assembly',
        output: { amount: 1, unit: 'item' },
        inputs: [
          { name: 'parts', amount: 1, unit: 'item', source: { kind: 'foreground', processId: 'parts' } },
          ...datasets.slice(0, 3).map(input),
          {
            name: 'board',
            amount: 1,
            unit: 'item',
            source: { kind: 'supplier', pcfExcludingBiogenic: 25, unit: 'item' },
          },
        ],
        emissions: [{ gas: 'CO2', amount: 0.3 }],
      },
      {
        id: 'parts',
        name: 'Parts',
        output: { amount: 1, unit: 'item' },
        inputs: [
          ...datasets.slice(3, 5).map((d, i) => input(d, i + 3)),
          { name: 'rework', amount: 0.02, unit: 'item', source: { kind: 'foreground', processId: 'parts' } },
        ],
      },
    ],
  };
}

async function run(label: string, store: Store, dataDir: string): Promise<void> {
  const path = await syntheticZip();
  const user = await createUser(store, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench password',
  });
  const org = await createOrganisation(store, { name: 'Bench', slug: 'bench' }, user.id);
  const config = { ...loadConfig({ env: {} }), dataDir };
  const server = await listen(createApp({ store, config }), { port: 0, host: '127.0.0.1' });
  const runner = new JobRunner({ store, config });
  await runner.start();
  try {
    const session = await signIn(store, 'bench@example.com', 'bench password');
    const token = session?.token ?? '';
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { versionId } = await uploadThroughApi(server.url, org.id, token, path, 'synthetic');
    const call = async (method: string, route: string, body?: unknown) => {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/orgs/${org.id}${route}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const answer = (await res.json()) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(answer)}`);
      return { answer, ms: performance.now() - start };
    };
    const listed = (await call('GET', `/databases/${versionId}/processes?limit=500`)).answer
      .processes as Listed[];
    const products = listed.filter((p) => !p.isWaste && p.unit === 'kg');
    const product = (await call('POST', '/products', { nameEn: 'Bench product', declaredUnit: 'item' }))
      .answer;
    const results: string[] = [];
    for (let k = 0; k < 2 * RESULTS + 1; k++) {
      const datasets = products.slice(5 * k, 5 * k + 5);
      const model = await call('POST', '/models', {
        productId: product.id,
        name: `Bench model ${k}`,
        backgroundVersionId: versionId,
        model: benchModel(datasets, k),
      });
      // The first calculation loads the version and factorizes A once; later ones are one solve per dataset.
      results.push(
        (await call('POST', `/models/${model.answer.id as string}/calculations`, {})).answer.id as string,
      );
    }
    const tree = (id: string) => call('GET', `/calculations/${id}/upstream`);
    const sankey = (id: string, query = '') => call('GET', `/calculations/${id}/sankey${query}`);

    // The very first: the intensities of the version for the GWP set (one transposed solve), then the analysis.
    const veryFirst = await sankey(results[0]);
    const treeFirst: number[] = [];
    const sankeyFirst: number[] = [];
    for (let k = 1; k <= RESULTS; k++) treeFirst.push((await tree(results[k])).ms);
    for (let k = RESULTS + 1; k <= 2 * RESULTS; k++) sankeyFirst.push((await sankey(results[k])).ms);
    const treeCached: number[] = [];
    const sankeyCached: number[] = [];
    const sankeyPruned: number[] = [];
    const full200: number[] = [];
    const full2000: number[] = [];
    let large = veryFirst.answer;
    for (let i = 0; i < REPEATS; i++) {
      treeCached.push((await tree(results[1])).ms);
      sankeyCached.push((await sankey(results[RESULTS + 1])).ms);
      // New parameters each time, so each is pruned anew on the kept analysis.
      sankeyPruned.push((await sankey(results[RESULTS + 1], `?threshold=${0.002 + i * 1e-4}`)).ms);
      full200.push((await sankey(results[RESULTS + 1], `?threshold=0&maxNodes=${200 - i}`)).ms);
      const biggest = await sankey(results[RESULTS + 1], `?threshold=0&maxNodes=${2000 - i}`);
      full2000.push(biggest.ms);
      large = biggest.answer;
    }
    const answer = veryFirst.answer as { candidates: number; nodes: unknown[]; links: unknown[] };
    const bytes = JSON.stringify(answer).length;
    const largeAnswer = large as { nodes: unknown[]; links: unknown[] };
    console.log(
      `${label.padEnd(10)} ${activities} processes, model of 5 datasets reaching ${answer.candidates} nodes → ` +
        `${answer.nodes.length} nodes, ${answer.links.length} links (${(bytes / 1024).toFixed(0)} kB) · ` +
        `first Sankey on the version (intensities) ${ms(veryFirst.ms)} · ` +
        `first request of a result: tree median ${ms(median(treeFirst))}, Sankey median ${ms(median(sankeyFirst))} · ` +
        `cached: tree median ${ms(median(treeCached))}, Sankey median ${ms(median(sankeyCached))}, ` +
        `Sankey with another threshold median ${ms(median(sankeyPruned))}`,
    );
    console.log(
      `${label.padEnd(10)} threshold 0: 200 nodes median ${ms(median(full200))}; ` +
        `${largeAnswer.nodes.length} nodes, ${largeAnswer.links.length} links ` +
        `(${(JSON.stringify(largeAnswer).length / 1024).toFixed(0)} kB) median ${ms(median(full2000))}`,
    );
  } finally {
    await runner.close();
    await server.close();
  }
}

await onBenchStore('opencfp-sankey-', run);
console.log(`(${seconds(performance.now())} in all)`);
