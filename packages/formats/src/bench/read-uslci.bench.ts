// Reads the US LCI database in each of its three releases 1 + 5 times: the first, cold read and the median of the
// next five, with the peak resident memory (maxRSS: the true peak, not the RSS at the end). Target (formats issue):
// the JSON-LD zip in ≤ 1 s. The ecoinvent-scale reads (20,000 activities) are in read-synthetic.bench.ts.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '@opencfp/core';
import type { ReadResult } from '../import-issue.js';
import { readEcoSpold1 } from '../read-eco-spold1.js';
import { readEcoSpold2 } from '../read-eco-spold2.js';
import { readJsonLd } from '../read-json-ld.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');

const releases: {
  name: string;
  file: string;
  read: (path: string) => Promise<ReadResult<Database>>;
  targetMs?: number;
}[] = [
  { name: 'readJsonLd', file: 'uslci-jsonld-olca1.5.zip', read: (p) => readJsonLd(p), targetMs: 1000 },
  { name: 'readEcoSpold2', file: 'uslci-ecospold2-fy18q1.zip', read: (p) => readEcoSpold2(p) },
  { name: 'readEcoSpold1', file: 'uslci-ecospold1-fy20q3.zip', read: (p) => readEcoSpold1(p) },
];

for (const release of releases) {
  const path = join(shared, 'data/uslci', release.file);
  if (!existsSync(path)) {
    console.error(
      `US LCI release not found at ${path}; set OPENCFP_SHARED to the folder that contains data/.`,
    );
    process.exit(1);
  }
  const times: number[] = [];
  let summary = '';
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const { data, issues } = await release.read(path);
    times.push(performance.now() - t0);
    summary =
      `${data.processes.length} processes, ${data.flows.length} flows, ` +
      `${data.processes.reduce((n, p) => n + p.exchanges.length, 0)} exchanges, ${issues.length} issues`;
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)];
  const target =
    release.targetMs === undefined
      ? ''
      : ` | target ${release.targetMs} ms ${median <= release.targetMs ? 'met' : 'MISSED'}`;
  console.log(
    `${release.name} US LCI (${release.file}): ${summary} | cold ${times[0].toFixed(0)} ms, median of 5 ` +
      `${median.toFixed(0)} ms (${warm.map((t) => t.toFixed(0)).join(', ')}) | peak rss so far ` +
      `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB${target}`,
  );
}
