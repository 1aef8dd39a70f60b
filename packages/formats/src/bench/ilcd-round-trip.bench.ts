// US LCI JSON-LD → ILCD zip (writeIlcd) and ILCD zip → model (readIlcd): the first, cold run and the median of
// the next five of each, and the peak RSS of the process. Run with `node scripts/run-bench.mjs ilcd` after
// building.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readIlcd } from '../read-ilcd.js';
import { readJsonLd } from '../read-json-ld.js';
import { writeIlcd } from '../write-ilcd.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-jsonld-olca1.5.zip');
if (!existsSync(zipPath)) {
  console.error(`US LCI export not found at ${zipPath}; set OPENCFP_SHARED.`);
  process.exit(1);
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function timed(
  runs: number,
  run: () => Promise<unknown>,
): Promise<{ cold: number; median: number; all: number[] }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    // run-bench.mjs passes --expose-gc: collecting between runs keeps the peak RSS that of one run.
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  const warm = times.slice(1).sort((a, b) => a - b);
  return { cold: times[0], median: warm[Math.floor(warm.length / 2)], all: warm };
}

const dir = await mkdtemp(join(tmpdir(), 'opencfp-ilcd-bench-'));
try {
  const { data: db } = await readJsonLd(zipPath);
  const rssAfterJsonLd = process.memoryUsage().rss;
  const target = join(dir, 'uslci-ilcd.zip');

  const write = await timed(6, () => writeIlcd(db, target));
  const size = (await stat(target)).size;
  let summary = '';
  const read = await timed(6, async () => {
    const { data, issues } = await readIlcd(target);
    summary =
      `${data.processes.length} processes, ${data.flows.length} flows, ` +
      `${data.processes.reduce((n, p) => n + p.exchanges.length, 0)} exchanges, ${issues.length} issues`;
  });
  const fmt = (r: { cold: number; median: number; all: number[] }): string =>
    `cold ${r.cold.toFixed(0)} ms, median of 5 ${r.median.toFixed(0)} ms (${r.all.map((t) => t.toFixed(0)).join(', ')})`;
  console.log(`writeIlcd US LCI → ${mib(size)} zip: ${fmt(write)}`);
  console.log(`readIlcd US LCI: ${summary} | ${fmt(read)}`);
  // maxRSS is in KiB: the peak over the whole run (JSON-LD read, 6 writes, 6 reads).
  console.log(
    `peak rss ${mib(process.resourceUsage().maxRSS * 1024)} (after reading the JSON-LD: ${mib(rssAfterJsonLd)})`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
