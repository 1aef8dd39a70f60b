// A worker thread of a Monte Carlo run (run-monte-carlo-kernel.ts): the kernel over the shared matrices and
// factors in workerData, one task (a range of iterations) per message, answered when done.
import { parentPort, workerData } from 'node:worker_threads';
import { MonteCarloKernel, type KernelData, type KernelTask } from './monte-carlo-kernel.js';

const port = parentPort;
if (!port) throw new Error('monte-carlo-worker.js runs as a worker thread of a Monte Carlo run');
const kernel = new MonteCarloKernel(workerData as KernelData);
port.on('message', (task: KernelTask | null) => {
  if (task === null) {
    port.close();
    return;
  }
  kernel.run(task);
  port.postMessage(task);
});
