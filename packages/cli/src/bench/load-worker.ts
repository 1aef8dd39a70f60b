// Load generator of the API benchmark, in a worker thread (its own core, as autocannon would be): `connections`
// keep-alive HTTP clients send GET requests to `url` for `durationMs` and post back every latency in ms.
import { Agent, get } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  durationMs: number;
}

const { url, headers, connections, durationMs } = workerData as LoadOptions;
const agent = new Agent({ keepAlive: true, maxSockets: connections });

const once = () =>
  new Promise<number>((resolve, reject) => {
    const start = performance.now();
    get(url, { agent, headers }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(performance.now() - start)
          : reject(new Error(`GET ${url}: ${res.statusCode}`)),
      );
    }).on('error', reject);
  });

const latencies: number[] = [];
const end = performance.now() + durationMs;
await Promise.all(
  Array.from({ length: connections }, async () => {
    while (performance.now() < end) latencies.push(await once());
  }),
);
agent.destroy();
parentPort?.postMessage(latencies);
