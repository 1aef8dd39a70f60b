import { Worker } from 'node:worker_threads';
import { MonteCarloKernel, type KernelData, type KernelTask } from './monte-carlo-kernel.js';

/** How a Monte Carlo kernel runs: threads, progress, cancellation. */
export interface KernelRunOptions {
  /** Worker threads; 0 runs the iterations in the calling thread (between event-loop turns). */
  workers: number;
  /** Called after each finished range of iterations with the number done so far. */
  onProgress?: (done: number, total: number) => void | Promise<void>;
  /** Stops the run (the promise rejects with the signal's reason; workers are terminated). */
  signal?: AbortSignal;
  /** Iterations per task; default a multiple of 8, about 1/8 of a worker's share, at most 256. */
  chunk?: number;
}

type TypedArray = Int32Array | Uint8Array | Float64Array;

/**
 * Runs `iterations` iterations of a kernel, in the calling thread or on worker threads that share the kernel's
 * arrays (copied once into SharedArrayBuffers; the results are written into shared arrays by the workers and
 * copied back into `data.out`, `data.steps` and `data.flags`). Tasks are handed out as workers become free; since
 * every iteration depends only on the seed and its index, the split does not change any number.
 *
 * @example
 * await runMonteCarloKernel(data, 1000, { workers: 2, onProgress: (done, total) => log(done, total) });
 */
export async function runMonteCarloKernel(
  data: KernelData,
  iterations: number,
  options: KernelRunOptions,
): Promise<void> {
  const workers = Math.max(0, Math.floor(options.workers));
  // Tasks of whole batches of eight (the kernel solves eight iterations together), about eight per worker.
  const chunk =
    options.chunk ?? 8 * Math.max(1, Math.min(32, Math.ceil(iterations / (Math.max(1, workers) * 64))));
  const tasks: KernelTask[] = [];
  for (let from = 0; from < iterations; from += chunk)
    tasks.push({ from, to: Math.min(iterations, from + chunk) });
  options.signal?.throwIfAborted();
  if (workers === 0) {
    const kernel = new MonteCarloKernel(data);
    let done = 0;
    for (const task of tasks) {
      options.signal?.throwIfAborted();
      kernel.run(task);
      done += task.to - task.from;
      await options.onProgress?.(done, iterations);
      // Let the event loop breathe (heartbeats, progress events, cancellation) during long runs.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }
  const shared = shareArrays(data);
  const threads: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let finished = false;
      const fail = (e: unknown) => {
        if (finished) return;
        finished = true;
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const onAbort = () => fail(options.signal?.reason);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const count = Math.min(workers, tasks.length);
      for (let w = 0; w < count; w++) {
        const worker = new Worker(new URL('./monte-carlo-worker.js', import.meta.url), {
          workerData: shared,
        });
        threads.push(worker);
        worker.on('error', fail);
        worker.on('exit', (code) => {
          if (code !== 0) fail(new Error(`a Monte Carlo worker thread stopped with exit code ${code}`));
        });
        worker.on('message', (task: KernelTask) => {
          if (finished) return;
          done += task.to - task.from;
          if (next < tasks.length) worker.postMessage(tasks[next++]);
          Promise.resolve(options.onProgress?.(done, iterations)).then(() => {
            if (done === iterations && !finished) {
              finished = true;
              options.signal?.removeEventListener('abort', onAbort);
              resolve();
            }
          }, fail);
        });
        worker.postMessage(tasks[next++]);
      }
    });
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  data.out.set(shared.out);
  data.steps.set(shared.steps);
  data.flags.set(shared.flags);
}

/** A copy of the kernel data whose typed arrays live in SharedArrayBuffers (the factors' too). */
function shareArrays(data: KernelData): KernelData {
  const copy = <T extends TypedArray>(a: T): T => {
    const Type = a.constructor as new (buffer: SharedArrayBuffer) => T;
    const out = new Type(new SharedArrayBuffer(a.byteLength));
    (out as TypedArray).set(a as never);
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data))
    out[key] = ArrayBuffer.isView(value) ? copy(value as TypedArray) : value;
  const lu: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data.lu))
    lu[key] = ArrayBuffer.isView(value) ? copy(value as TypedArray) : value;
  out.lu = lu;
  return out as unknown as KernelData;
}
