// Reads the US LCI EcoSpold 2 release (zip, 767 .spold files, 22 MB of XML) 1 + 5 times: the first, cold read
// and the median of the next five, with the peak resident memory of the process. Run with
// `node scripts/run-bench.mjs read-eco-spold2` after building. (The ecoinvent-scale benchmark — 20,000
// activities, 600,000 exchanges, target ≤ 60 s and ≤ 2 GB — runs on generated data, see its own bench.)
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEcoSpold2 } from '../read-eco-spold2.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-ecospold2-fy18q1.zip');
if (!existsSync(zipPath)) {
  console.error(`US LCI EcoSpold 2 release not found at ${zipPath}; set OPENCFP_SHARED.`);
  process.exit(1);
}

const times: number[] = [];
let summary = '';
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const { data, issues } = await readEcoSpold2(zipPath);
  times.push(performance.now() - t0);
  summary =
    `${data.processes.length} processes, ${data.flows.length} flows, ` +
    `${data.processes.reduce((n, p) => n + p.exchanges.length, 0)} exchanges, ${issues.length} issues`;
}
const cold = times[0];
const warm = times.slice(1).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];
// maxRSS is in KiB: the true peak of the process, not the RSS at the end.
const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  `readEcoSpold2 US LCI: ${summary} | cold ${cold.toFixed(0)} ms, median of 5 ${median.toFixed(0)} ms ` +
    `(${warm.map((t) => t.toFixed(0)).join(', ')}) | peak rss ${peak.toFixed(0)} MiB`,
);
