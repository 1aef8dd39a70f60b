// USLCI end to end: read the JSON-LD zip, build A/B/K, factorize, solve all 1,022 process-products.
// Target (issue 2): ≤ 1.5 s. Each repetition runs in a fresh node process (cold JIT, cold caches); medians of 5.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Calculator } from '@opencfp/core';
import { readJsonLd } from '@opencfp/formats';
import { uslciJsonLd } from '../test-support/shared-data.js';

interface Run {
  readMs: number;
  buildAndFactorizeMs: number;
  solveAllMs: number;
  totalMs: number;
  columns: number;
  maxResidual: number;
  maxBackwardError: number;
  peakRssMiB: number;
}

async function once(): Promise<Run> {
  const t0 = performance.now();
  const { data } = await readJsonLd(uslciJsonLd());
  const t1 = performance.now();
  const calc = new Calculator(data);
  const demands = calc.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId }));
  const t2 = performance.now();
  const results = calc.calculateAll(demands);
  const t3 = performance.now();
  let maxResidual = 0;
  let maxBackwardError = 0;
  for (const r of results) {
    maxResidual = Math.max(maxResidual, r.residual);
    maxBackwardError = Math.max(maxBackwardError, r.backwardError);
  }
  return {
    readMs: t1 - t0,
    buildAndFactorizeMs: t2 - t1,
    solveAllMs: t3 - t2,
    totalMs: t3 - t0,
    columns: results.length,
    maxResidual,
    maxBackwardError,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.env.OPENCFP_BENCH_CHILD) {
  process.stdout.write(JSON.stringify(await once()));
} else {
  const repeats = Number(process.env.OPENCFP_BENCH_REPEATS ?? 5);
  const runs: Run[] = [];
  for (let k = 0; k < repeats; k++) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, OPENCFP_BENCH_CHILD: '1' },
      encoding: 'utf8',
    });
    if (child.status !== 0) throw new Error(`benchmark run failed: ${child.stderr}`);
    runs.push(JSON.parse(child.stdout) as Run);
  }
  const m = (key: keyof Run) => median(runs.map((r) => r[key]));
  const summary = {
    benchmark: 'uslci-end-to-end',
    repeats,
    columns: runs[0].columns,
    medianMs: {
      read: m('readMs'),
      buildAndFactorize: m('buildAndFactorizeMs'),
      solveAll: m('solveAllMs'),
      total: m('totalMs'),
    },
    targetMs: 1500,
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    maxResidual: Math.max(...runs.map((r) => r.maxResidual)),
    maxBackwardError: Math.max(...runs.map((r) => r.maxBackwardError)),
  };
  console.log(JSON.stringify(summary, null, 2));
  console.log(
    `USLCI end to end (median of ${repeats}, fresh process each): read ${summary.medianMs.read.toFixed(0)} ms + ` +
      `build & factorize ${summary.medianMs.buildAndFactorize.toFixed(0)} ms + solve ${summary.columns} columns ` +
      `${summary.medianMs.solveAll.toFixed(0)} ms = ${summary.medianMs.total.toFixed(0)} ms (target ≤ 1500 ms); ` +
      `peak RSS ${summary.peakRssMiB.toFixed(0)} MiB`,
  );
}
