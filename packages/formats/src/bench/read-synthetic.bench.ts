// Reads a synthetic ecoinvent-scale database (20,000 activities, ~600,000 exchanges, 4,000 elementary flows) in
// EcoSpold 2 and in JSON-LD. Targets (formats issue): read ≤ 60 s with peak memory ≤ 2 GB. Each read runs in a
// fresh node process (cold JIT, the process's own peak RSS); medians of 3 (OPENCFP_BENCH_REPEATS). After each
// read the child also builds the matrices, factorizes A and solves one product (a separate figure).
//
// The database is generated once into os.tmpdir()/opencfp-synthetic/ and reused while the size, seed and
// generator code stay the same. Size: OPENCFP_SYNTHETIC_ACTIVITIES (20000), OPENCFP_SYNTHETIC_SEED (42); only
// some formats: OPENCFP_BENCH_FORMATS=ecospold2,json-ld; V8 flags of the reading processes: OPENCFP_BENCH_NODE_FLAGS.
// Run with `node scripts/run-bench.mjs read-synthetic` after building.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Calculator, type Database } from '@opencfp/core';
import { generateSyntheticDatabase } from '../generate-synthetic-database.js';
import type { ImportIssue } from '../import-issue.js';
import { readEcoSpold2 } from '../read-eco-spold2.js';
import { readJsonLd } from '../read-json-ld.js';
import { writeEcoSpold2 } from '../write-eco-spold2.js';
import { writeJsonLd } from '../write-json-ld.js';

type Format = 'ecospold2' | 'json-ld';
const FORMATS: Format[] = ['ecospold2', 'json-ld'];
const TARGET_MS = 60_000;
const TARGET_MIB = 2048;
const MiB = 1024 * 1024;

interface Counts {
  activities: number;
  exchanges: number;
  flows: number;
  elementaryFlows: number;
}

interface Run extends Counts {
  readMs: number;
  /** Peak resident memory of the process up to the end of the read, MiB. */
  readPeakRssMiB: number;
  /** Heap in use right after the read (the database held), MiB. */
  heapAfterReadMiB: number;
  errors: number;
  warnings: number;
  infos: number;
  /** new Calculator(db): build A, B (and K), factorize A. */
  buildAndFactorizeMs: number;
  solveOneMs: number;
  products: number;
  backwardError: number;
  /** Peak resident memory of the whole run (read + calculation), MiB. */
  peakRssMiB: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
const seed = Number(process.env.OPENCFP_SYNTHETIC_SEED ?? 42);
const options = { activities, exchangesPerActivity: 30, biosphere: 4000, seed };

const counts = (db: Database): Counts => ({
  activities: db.processes.length,
  exchanges: db.processes.reduce((n, p) => n + p.exchanges.length, 0),
  flows: db.flows.length,
  elementaryFlows: db.flows.filter((f) => f.type === 'elementary').length,
});
const peakMiB = (): number => process.resourceUsage().maxRSS / 1024;

async function child(format: Format, path: string): Promise<Run> {
  const t0 = performance.now();
  const { data, issues } = format === 'ecospold2' ? await readEcoSpold2(path) : await readJsonLd(path);
  const readMs = performance.now() - t0;
  const readPeakRssMiB = peakMiB();
  const heapAfterReadMiB = process.memoryUsage().heapUsed / MiB;
  const by = (s: ImportIssue['severity']) => issues.filter((i) => i.severity === s).length;
  const t1 = performance.now();
  const calc = new Calculator(data);
  const t2 = performance.now();
  // The first activity's reference product: its supply chain reaches the big loop of the technosphere.
  const result = calc.calculate({ processId: data.processes[0].id });
  const t3 = performance.now();
  return {
    ...counts(data),
    readMs,
    readPeakRssMiB,
    heapAfterReadMiB,
    errors: by('error'),
    warnings: by('warning'),
    infos: by('info'),
    buildAndFactorizeMs: t2 - t1,
    solveOneMs: t3 - t2,
    products: calc.matrices.products.length,
    backwardError: result.backwardError,
    peakRssMiB: peakMiB(),
  };
}

/** Generated files of this size, seed and generator code; made once, then reused. */
async function ensureData(): Promise<{ files: Record<Format, string>; generated: Record<string, unknown> }> {
  // The cache key includes the code that makes the files, so a changed generator or writer regenerates them.
  const hash = createHash('sha1');
  for (const f of [
    'generate-synthetic-database.js',
    'synthetic-biosphere.js',
    'synthetic-technosphere.js',
    'synthetic-ids.js',
    'write-eco-spold2.js',
    'write-json-ld.js',
    'json-ld-writer-datasets.js',
  ])
    hash.update(readFileSync(join(here, '..', f)));
  const key = `a${activities}-x${options.exchangesPerActivity}-b${options.biosphere}-s${seed}-${hash.digest('hex').slice(0, 8)}`;
  const dir = join(tmpdir(), 'opencfp-synthetic', key);
  const files: Record<Format, string> = {
    ecospold2: join(dir, 'synthetic-ecospold2.zip'),
    'json-ld': join(dir, 'synthetic-json-ld.zip'),
  };
  const meta = join(dir, 'generated.json');
  if (existsSync(meta))
    return { files, generated: JSON.parse(await readFile(meta, 'utf8')) as Record<string, unknown> };

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  console.error(`generating ${activities} activities (seed ${seed}) into ${dir} …`);
  const t0 = performance.now();
  const db = generateSyntheticDatabase(options);
  const t1 = performance.now();
  const es2 = await writeEcoSpold2(db, files.ecospold2);
  const t2 = performance.now();
  await writeJsonLd(db, files['json-ld']);
  const t3 = performance.now();
  const generated = {
    ...counts(db),
    generateMs: t1 - t0,
    writeEcoSpold2Ms: t2 - t1,
    writeJsonLdMs: t3 - t2,
    writerIssues: es2.issues.length,
    generatorPeakRssMiB: peakMiB(),
  };
  await writeFile(meta, JSON.stringify(generated, null, 2));
  return { files, generated };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.env.OPENCFP_BENCH_CHILD) {
  const format = process.env.OPENCFP_BENCH_CHILD as Format;
  const path = process.env.OPENCFP_BENCH_FILE ?? '';
  process.stdout.write(JSON.stringify(await child(format, path)));
} else {
  const repeats = Number(process.env.OPENCFP_BENCH_REPEATS ?? 3);
  // E.g. '--max-semi-space-size=64': V8 flags of the reading processes, to measure their effect.
  const nodeFlags = (process.env.OPENCFP_BENCH_NODE_FLAGS ?? '').split(' ').filter((f) => f !== '');
  const loadBefore = loadavg();
  const { files, generated } = await ensureData();
  const formats = FORMATS.filter(
    (f) => !process.env.OPENCFP_BENCH_FORMATS || process.env.OPENCFP_BENCH_FORMATS.split(',').includes(f),
  );
  const report: Record<string, unknown> = {
    benchmark: 'read-synthetic',
    size: options,
    machine: {
      cpus: cpus().length,
      model: cpus()[0]?.model,
      loadAverageBefore: loadBefore.map((x) => +x.toFixed(2)),
    },
    nodeFlags,
    generated,
    targets: { readMs: TARGET_MS, peakRssMiB: TARGET_MIB },
    formats: {} as Record<string, unknown>,
  };
  const lines: string[] = [];
  for (const format of formats) {
    const runs: Run[] = [];
    for (let k = 0; k < repeats; k++) {
      const r = spawnSync(process.execPath, [...nodeFlags, fileURLToPath(import.meta.url)], {
        env: { ...process.env, OPENCFP_BENCH_CHILD: format, OPENCFP_BENCH_FILE: files[format] },
        encoding: 'utf8',
        maxBuffer: 16 * MiB,
      });
      if (r.status !== 0) throw new Error(`${format} read ${k + 1} failed (status ${r.status}): ${r.stderr}`);
      runs.push(JSON.parse(r.stdout) as Run);
    }
    const m = (key: keyof Run) => median(runs.map((r) => r[key] as number));
    const readMs = m('readMs');
    const readPeak = Math.max(...runs.map((r) => r.readPeakRssMiB));
    const fileMiB = (await stat(files[format])).size / MiB;
    (report.formats as Record<string, unknown>)[format] = {
      file: files[format],
      fileMiB: +fileMiB.toFixed(1),
      activities: runs[0].activities,
      exchanges: runs[0].exchanges,
      flows: runs[0].flows,
      elementaryFlows: runs[0].elementaryFlows,
      issues: { errors: runs[0].errors, warnings: runs[0].warnings, infos: runs[0].infos },
      readMs: runs.map((r) => Math.round(r.readMs)),
      medianReadMs: Math.round(readMs),
      readPeakRssMiB: runs.map((r) => Math.round(r.readPeakRssMiB)),
      medianHeapAfterReadMiB: Math.round(m('heapAfterReadMiB')),
      calculation: {
        products: runs[0].products,
        medianBuildAndFactorizeMs: Math.round(m('buildAndFactorizeMs')),
        medianSolveOneMs: Math.round(m('solveOneMs')),
        maxBackwardError: Math.max(...runs.map((r) => r.backwardError)),
        peakRssMiB: Math.max(...runs.map((r) => Math.round(r.peakRssMiB))),
      },
      readTargetsMet: readMs <= TARGET_MS && readPeak <= TARGET_MIB,
    };
    lines.push(
      `${format.padEnd(9)} ${fileMiB.toFixed(0)} MiB zip, ${runs[0].activities} activities, ${runs[0].exchanges} exchanges, ` +
        `${runs[0].flows} flows: read ${(readMs / 1000).toFixed(1)} s (median of ${repeats}, target ≤ 60 s), peak RSS ` +
        `${readPeak.toFixed(0)} MiB (target ≤ 2048) → ${readMs <= TARGET_MS && readPeak <= TARGET_MIB ? 'met' : 'MISSED'}; ` +
        `then build+factorize ${(m('buildAndFactorizeMs') / 1000).toFixed(1)} s, solve 1 product ` +
        `${m('solveOneMs').toFixed(0)} ms (${runs[0].products} products)`,
    );
  }
  (report.machine as Record<string, unknown>).loadAverageAfter = loadavg().map((x) => +x.toFixed(2));
  console.log(JSON.stringify(report, null, 2));
  for (const line of lines) console.log(line);
}
