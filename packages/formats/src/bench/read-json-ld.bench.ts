// Reads the US LCI JSON-LD export (zip, 7.4 MB, 6,493 entries) 1 + 5 times: the first, cold read and the
// median of the next five. Target: ≤ 0.5 s. Run with `node scripts/run-bench.mjs read-json-ld` after building.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readJsonLd } from '../read-json-ld.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-jsonld-olca1.5.zip');
if (!existsSync(zipPath)) {
  console.error(`US LCI export not found at ${zipPath}; set OPENCFP_SHARED.`);
  process.exit(1);
}

const times: number[] = [];
let summary = '';
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const { data, issues } = await readJsonLd(zipPath);
  times.push(performance.now() - t0);
  summary =
    `${data.processes.length} processes, ${data.flows.length} flows, ` +
    `${data.processes.reduce((n, p) => n + p.exchanges.length, 0)} exchanges, ${issues.length} issues`;
}
const cold = times[0];
const warm = times.slice(1).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];
console.log(
  `readJsonLd US LCI: ${summary} | cold ${cold.toFixed(0)} ms, median of 5 ${median.toFixed(0)} ms ` +
    `(${warm.map((t) => t.toFixed(0)).join(', ')}) | peak rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB | ` +
    `target 500 ms ${median <= 500 ? 'met' : 'MISSED'}`,
);
