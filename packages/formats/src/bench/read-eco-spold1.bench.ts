// Reads the US LCI EcoSpold 1 release (zip, 1.5 MB; one 16 MB XML with 631 datasets) 1 + 5 times: the first,
// cold read and the median of the next five, and the peak resident memory of the process. Target: ≤ 1 s.
// Run with `node scripts/run-bench.mjs read-eco-spold1` after building.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEcoSpold1 } from '../read-eco-spold1.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-ecospold1-fy20q3.zip');
if (!existsSync(zipPath)) {
  console.error(`US LCI EcoSpold 1 release not found at ${zipPath}; set OPENCFP_SHARED.`);
  process.exit(1);
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
const baseline = process.resourceUsage().maxRSS * 1024;
const times: number[] = [];
let summary = '';
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const { data, issues } = await readEcoSpold1(zipPath);
  times.push(performance.now() - t0);
  summary =
    `${data.processes.length} processes, ${data.flows.length} flows, ` +
    `${data.processes.reduce((n, p) => n + p.exchanges.length, 0)} exchanges, ${issues.length} issues`;
}
const cold = times[0];
const warm = times.slice(1).sort((a, b) => a - b);
const median = warm[Math.floor(warm.length / 2)];
// maxRSS is in KiB: the peak of the whole process, including the runtime (baseline before the first read).
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  `readEcoSpold1 US LCI: ${summary} | cold ${cold.toFixed(0)} ms, median of 5 ${median.toFixed(0)} ms ` +
    `(${warm.map((t) => t.toFixed(0)).join(', ')}) | peak rss ${mib(peak)} MiB (${mib(baseline)} MiB before reading) | ` +
    `target 1000 ms ${median <= 1000 ? 'met' : 'MISSED'}`,
);
