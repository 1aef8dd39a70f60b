// Monte Carlo over a whole background database (issue 7): iterations per second of BackgroundMonteCarlo, the
// carbon footprint (IPCC AR6 GWP100, −1/+1) of one product with every uncertain exchange of the database drawn,
// each iteration solved by GMRES preconditioned with the base LU factorization. Targets: ≥ 50 it/s on the
// synthetic 20,000-process database (packages/formats generateSyntheticDatabase: ~93 % of its exchanges carry a
// distribution) and ≥ 2,000 it/s on USLCI (JSON-LD; 701 exchanges with a distribution, 360 of them in A or B: the
// product whose supply chain has the most of non-zero width), and on USLCI with a distribution on every exchange
// (the product with the largest supply chain), on this 2-core machine.
// Medians of OPENCFP_BENCH_REPEATS (3) runs with 1 and 2 worker threads; the CPU time per iteration (all threads)
// is printed beside the wall-clock rate, since other processes on the machine slow the latter. A CPU profile of
// one run in the calling thread shows where the time goes. Sizes: OPENCFP_SYNTHETIC_ACTIVITIES (20000),
// OPENCFP_MC_ITERATIONS_SYNTHETIC (512), OPENCFP_MC_ITERATIONS_USLCI (20000).
import { loadavg } from 'node:os';
import { Session } from 'node:inspector/promises';
import {
  BackgroundMonteCarlo,
  Calculator,
  reachableColumns,
  type Database,
  type Demand,
} from '@opencfp/core';
import { generateSyntheticDatabase, readJsonLd } from '@opencfp/formats';
import { carbonFootprintEntryWeights } from '@opencfp/refdata';
import { median } from './bench-support.js';
import { uslciJsonLd } from '../test-support/shared-data.js';

const repeats = Number(process.env.OPENCFP_BENCH_REPEATS ?? 3);

interface Case {
  name: string;
  db: Database;
  demand: Demand;
  iterations: number;
  target: number;
}

async function cases(): Promise<Case[]> {
  const activities = Number(process.env.OPENCFP_SYNTHETIC_ACTIVITIES ?? 20000);
  const synthetic = generateSyntheticDatabase({ activities, seed: 42 });
  const { data: uslci } = await readJsonLd(uslciJsonLd());
  // USLCI as published: the product whose supply chain holds the most exchanges with a distribution of non-zero
  // width (many of USLCI's lognormals have σg 1); with every exchange drawn: the largest supply chain.
  const calculator = new Calculator(uslci);
  const mc = new BackgroundMonteCarlo(uslci, calculator);
  const spread = new Map<string, number>();
  for (let e = 0; e < mc.inputCount; e++) {
    const { processId, uncertainty: u } = mc.input(e);
    const width = u.type === 'lognormal' ? u.geometricSd - 1 : u.type === 'normal' ? u.sd : u.max - u.min;
    if (width > 0) spread.set(processId, (spread.get(processId) ?? 0) + 1);
  }
  let largest = 0;
  let size = 0;
  let richest = 0;
  let drawn = -1;
  for (const p of calculator.matrices.products) {
    const reach = reachableColumns(calculator.matrices.A, p.index);
    if (reach.length > size) [largest, size] = [p.index, reach.length];
    const processes = new Set(Array.from(reach, (j) => calculator.matrices.products[j].processId));
    let count = 0;
    for (const id of processes) count += spread.get(id) ?? 0;
    if (count > drawn) [richest, drawn] = [p.index, count];
  }
  const product = calculator.matrices.products[largest];
  const published = calculator.matrices.products[richest];
  // A harder variant of the same system: every exchange without a distribution gets a lognormal (σg 1.2), so that
  // every entry of A moves (USLCI's own distributions are mostly on elementary and cut-off exchanges).
  const everywhere = structuredClone(uslci);
  for (const p of everywhere.processes)
    for (const e of p.exchanges)
      if (!e.uncertainty && !e.isReference && e.amount !== 0)
        e.uncertainty = { type: 'lognormal', geometricMean: e.amount, geometricSd: 1.2 };
  return [
    {
      name: `synthetic ${activities}`,
      db: synthetic,
      demand: { processId: synthetic.processes[0].id },
      iterations: Number(process.env.OPENCFP_MC_ITERATIONS_SYNTHETIC ?? 512),
      target: 50,
    },
    {
      name: 'USLCI',
      db: uslci,
      demand: { processId: published.processId, productId: published.flowId },
      iterations: Number(process.env.OPENCFP_MC_ITERATIONS_USLCI ?? 20000),
      target: 2000,
    },
    {
      name: 'USLCI, every exchange drawn',
      db: everywhere,
      demand: { processId: product.processId, productId: product.flowId },
      iterations: Number(process.env.OPENCFP_MC_ITERATIONS_USLCI ?? 20000),
      target: 2000,
    },
  ];
}

async function measure(c: Case): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const calculator = new Calculator(c.db);
  const t1 = performance.now();
  const mc = new BackgroundMonteCarlo(c.db, calculator);
  const t2 = performance.now();
  const weights = carbonFootprintEntryWeights(calculator.matrices, c.db, { gwpSetId: 'ipcc-ar6-gwp100' });
  const query = { demand: c.demand, targets: [{ id: 'carbon-footprint', unit: 'kg CO2e', weights }] };
  const byWorkers: Record<string, unknown> = {};
  let last;
  for (const workers of [1, 2]) {
    const rates: number[] = [];
    const cpu: number[] = [];
    for (let k = 0; k < repeats; k++) {
      const before = process.cpuUsage();
      last = await mc.run(query, { iterations: c.iterations, seed: 1000 + k, workers });
      const used = process.cpuUsage(before);
      rates.push(c.iterations / (last.milliseconds.iterations / 1000));
      cpu.push((used.user + used.system) / 1000 / c.iterations);
    }
    byWorkers[workers] = {
      iterationsPerSecond: Math.round(median(rates)),
      runs: rates.map((r) => Math.round(r)),
      cpuMsPerIteration: Number(median(cpu).toFixed(3)),
      refactorizedFraction: (last?.solver.refactorized ?? 0) / c.iterations,
      meanGmresSteps: Number(last?.solver.meanSteps.toFixed(2)),
      systemSize: last?.solver.systemSize,
      sampledExchanges: last?.sampled,
      setupMs: Math.round(last?.milliseconds.setup ?? 0),
    };
  }
  const result = {
    benchmark: `monte-carlo ${c.name}`,
    processes: c.db.processes.length,
    uncertainExchanges: mc.inputCount,
    calculatorMs: Math.round(t1 - t0),
    traceMs: Math.round(t2 - t1),
    iterationsPerRun: c.iterations,
    targetIterationsPerSecond: c.target,
    workers: byWorkers,
    loadAverage: loadavg()[0],
  };
  console.log(JSON.stringify(result, null, 2));
  await profile(mc, query, Math.min(c.iterations, c.name.startsWith('USLCI') ? 5000 : 64));
  return result;
}

/** Self time by function of one run in this thread (the kernel's work, without thread start-up). */
async function profile(
  mc: BackgroundMonteCarlo,
  query: Parameters<BackgroundMonteCarlo['run']>[0],
  iterations: number,
): Promise<void> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const run = await mc.run(query, { iterations, seed: 7, workers: 0 });
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const self = new Map<string, number>();
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let k = 0; k < samples.length; k++) {
    const frame = nodes.get(samples[k])?.callFrame;
    // The inspector session's own message handling is not the run's work.
    if (!frame || frame.functionName === 'dispatch' || frame.functionName === '(idle)') continue;
    const name = `${frame.functionName || '(anonymous)'} (${frame.url.split('/').pop() ?? ''})`;
    self.set(name, (self.get(name) ?? 0) + (deltas[k] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((s, x) => s + x, 0);
  console.log(
    `profile of ${iterations} iterations in one thread (setup ${run.milliseconds.setup.toFixed(0)} ms, iterations ${run.milliseconds.iterations.toFixed(0)} ms), self time:`,
  );
  for (const [name, time] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(
      `  ${((100 * time) / total).toFixed(1).padStart(5)} %  ${time.toFixed(0).padStart(6)} ms  ${name}`,
    );
}

const results = [];
for (const c of await cases()) results.push(await measure(c));
for (const r of results) {
  const w = r.workers as Record<string, { iterationsPerSecond: number; refactorizedFraction: number }>;
  console.log(
    `${String(r.benchmark)}: ${w[1].iterationsPerSecond} it/s with 1 worker, ${w[2].iterationsPerSecond} it/s with 2 (target ≥ ${String(r.targetIterationsPerSecond)}); refactorized ${(100 * w[2].refactorizedFraction).toFixed(1)} %`,
  );
}
