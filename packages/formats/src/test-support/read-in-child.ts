// Reads one corpus input in a process of its own and prints what happened as JSON, so that the test can kill a
// read that hangs (even in a synchronous loop) and measure its peak memory apart from the test's own.
//
// Usage: node read-in-child.js <format> <path> [encoding]
import { FormatError } from '../errors.js';
import type { DatabaseFormat } from '../detect-format.js';
import { readCase } from './broken-corpus.js';

/** What the child prints: the read's result or FormatError, or the other exception that escaped (a bug). */
export interface ChildReport {
  /** Resident set size before the read, and the process's peak after it, in bytes. */
  rssBefore: number;
  peakRss: number;
  outcome:
    | {
        kind: 'read';
        issues: { file: string; path: string; code: string; severity: string; message: string }[];
        processes: string[];
        flows: string[];
      }
    | { kind: 'error'; code: string; message: string }
    | { kind: 'crash'; name: string; message: string; stack: string };
}

async function main(): Promise<void> {
  const [format, path, encoding] = process.argv.slice(2);
  const rssBefore = process.memoryUsage().rss;
  let outcome: ChildReport['outcome'];
  try {
    const r = await readCase(
      { format: format as DatabaseFormat, options: encoding ? { encoding } : undefined },
      path,
    );
    outcome = {
      kind: 'read',
      issues: r.issues,
      processes: r.data.processes.map((p) => p.name),
      flows: r.data.flows.map((f) => f.name),
    };
  } catch (e) {
    if (e instanceof FormatError) outcome = { kind: 'error', code: e.code, message: e.message };
    else {
      const err = e instanceof Error ? e : new Error(String(e));
      outcome = {
        kind: 'crash',
        name: err.name,
        message: err.message.slice(0, 2000),
        stack: err.stack ?? '',
      };
    }
  }
  const report: ChildReport = { rssBefore, peakRss: process.resourceUsage().maxRSS * 1024, outcome };
  process.stdout.write(JSON.stringify(report));
}

await main();
