// The broken-input corpus (test-support/broken-corpus.ts) read by every format's reader and by readDatabase:
// no crash, no hang, bounded memory, and one clear FormatError or a clear issue for what is broken, with the
// intact rest of the database still read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '@opencfp/core';
import { FormatError } from './errors.js';
import type { ImportIssue, ReadResult } from './import-issue.js';
import { readDatabase } from './read-database.js';
import { brokenCorpus, readCase, type CorpusCase } from './test-support/broken-corpus.js';
import type { ChildReport } from './test-support/read-in-child.js';

const MiB = 1024 * 1024;
/** A read that takes longer than this hangs: the largest case reads in about two seconds. */
const TIMEOUT_MS = 20_000;
/**
 * Peak memory a heavy read may add to its process (growth of the maximum resident set size over the resident
 * set size before the read; heavy cases are read in a child process of their own). A 1 GiB zip bomb must stay
 * far below it; measured on this corpus (BROKEN_CORPUS_MEMORY=1 prints it): zip bombs 1–40 MiB, 50 MB text
 * nodes 90–210 MiB, 200,000 JSON-LD / EcoSpold 1 / SimaPro exchanges 220–330 MiB, 100,000 EcoSpold 2 / ILCD
 * exchanges ~330 MiB (their datasets are element trees of ~7× the file size), a 40 MB CSV line 275 MiB.
 */
const MEMORY_BOUND = 512 * MiB;

/** What a read gave, from this process or from a child: the intact part of the database, or one FormatError. */
type Outcome =
  | { kind: 'read'; issues: ImportIssue[]; processes: string[]; flows: string[] }
  | { kind: 'error'; code: string; message: string };

class Timeout extends Error {}

/** Reads in this process; any exception but a FormatError, or no answer in time, fails the test. */
async function attempt(what: string, read: () => Promise<ReadResult<Database>>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`${what}: no answer after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  try {
    const r = await Promise.race([read(), timeout]);
    return {
      kind: 'read',
      issues: r.issues,
      processes: r.data.processes.map((p) => p.name),
      flows: r.data.flows.map((f) => f.name),
    };
  } catch (e) {
    if (e instanceof Timeout) throw e;
    if (!(e instanceof FormatError)) {
      const err = e instanceof Error ? e : new Error(String(e));
      assert.fail(`${what}: threw ${err.name} instead of a FormatError: ${err.message}\n${err.stack ?? ''}`);
    }
    return { kind: 'error', code: e.code, message: e.message };
  } finally {
    clearTimeout(timer);
  }
}

const child = fileURLToPath(new URL('./test-support/read-in-child.js', import.meta.url));

/**
 * Reads in a child process: a hang, even a synchronous one, is killed after TIMEOUT_MS, and the peak memory of
 * the read is measured apart from the test's (building a 50 MB input leaves garbage behind).
 */
async function attemptInChild(c: CorpusCase, path: string): Promise<Outcome> {
  const args = [child, c.format, path, ...(c.options?.encoding ? [c.options.encoding] : [])];
  const report = await new Promise<ChildReport>((resolve, reject) => {
    execFile(process.execPath, args, { timeout: TIMEOUT_MS, maxBuffer: 64 * MiB }, (err, stdout, stderr) => {
      if (err) {
        const hang = err.killed ? `no answer after ${TIMEOUT_MS} ms (killed)` : err.message;
        reject(new Error(`${c.id}: the reading process failed: ${hang}\n${stderr.slice(0, 4000)}`));
      } else resolve(JSON.parse(stdout) as ChildReport);
    });
  });
  const o = report.outcome;
  if (o.kind === 'crash')
    assert.fail(`${c.id}: threw ${o.name} instead of a FormatError: ${o.message}\n${o.stack}`);
  const growth = report.peakRss - report.rssBefore;
  if (process.env.BROKEN_CORPUS_MEMORY) console.log(`${c.id}: +${Math.round(growth / MiB)} MiB`);
  assert.ok(growth < MEMORY_BOUND, `${c.id}: peak memory grew by ${Math.round(growth / MiB)} MiB`);
  return o.kind === 'read' ? { ...o, issues: o.issues as ImportIssue[] } : o;
}

const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;

function checkError(
  c: CorpusCase,
  o: Outcome,
  path: string,
  codes: readonly string[],
  message?: RegExp,
): void {
  if (o.kind !== 'error') return assert.fail(`${c.id}: read without error, expected ${codes.join(' or ')}`);
  if (message) assert.match(o.message, message, c.id);
  assert.ok(
    codes.includes(o.code),
    `${c.id}: FormatError ${o.code} (${o.message}), expected ${codes.join(' or ')}`,
  );
  assert.match(o.code, UPPER_SNAKE);
  // One clear message: names the input, says what to do, and is neither a stack trace nor a dump of the input.
  assert.ok(o.message.includes(basename(path)), `${c.id}: the message does not name the input: ${o.message}`);
  assert.ok(
    o.message.length >= 30 && o.message.length <= 600,
    `${c.id}: message of ${o.message.length} chars`,
  );
  assert.doesNotMatch(o.message, /\n\s+at /, `${c.id}: stack trace in the message`);
}

function checkIssues(c: CorpusCase, issues: readonly ImportIssue[]): void {
  for (const i of issues) {
    const where = `${c.id}: issue ${JSON.stringify(i).slice(0, 300)}`;
    assert.ok(typeof i.file === 'string' && i.file !== '', `${where}: no file`);
    assert.equal(typeof i.path, 'string', `${where}: no path`);
    assert.match(i.code, UPPER_SNAKE, where);
    assert.ok(['error', 'warning', 'info'].includes(i.severity), where);
    assert.ok(i.message.length >= 20, `${where}: message too short to say what to do`);
    assert.ok(i.message.length <= 1000, `${where}: message of ${i.message.length} chars`);
    assert.ok(i.path.length <= 300 && i.file.length <= 300, `${where}: path or file too long`);
  }
}

function checkRead(c: CorpusCase, o: Outcome): void {
  if (c.expect.kind !== 'read') return;
  if (o.kind === 'error') return assert.fail(`${c.id}: FormatError ${o.code}: ${o.message}`);
  checkIssues(c, o.issues);
  const codes = new Set(o.issues.map((i) => i.code));
  for (const code of c.expect.issues)
    assert.ok(codes.has(code), `${c.id}: no ${code} issue; got ${[...codes].join(', ') || 'none'}`);
  const message = c.expect.message;
  if (message)
    assert.ok(
      o.issues.some(
        (i) => c.expect.kind === 'read' && c.expect.issues.includes(i.code) && message.test(i.message),
      ),
      `${c.id}: no ${c.expect.issues.join('/')} issue says ${message}: ${JSON.stringify(o.issues)}`,
    );
  if (c.expect.issues.length === 0) {
    const errors = o.issues.filter((i) => i.severity === 'error');
    assert.deepEqual(errors, [], `${c.id}: unexpected errors`);
  }
  for (const name of c.expect.processes)
    assert.ok(
      o.processes.includes(name),
      `${c.id}: process '${name}' was not read; got ${JSON.stringify(o.processes)}`,
    );
  if (c.expect.maxProcesses !== undefined)
    assert.ok(o.processes.length <= c.expect.maxProcesses, `${c.id}: ${JSON.stringify(o.processes)}`);
  for (const name of c.expect.flows ?? [])
    assert.ok(o.flows.includes(name), `${c.id}: flow '${name}' was not read; got ${JSON.stringify(o.flows)}`);
}

/** Compares an outcome with the case's expectation; `detected` for readDatabase, which may word errors its own way. */
function check(c: CorpusCase, o: Outcome, path: string, detected = false): void {
  if (c.expect.kind === 'read') return checkRead(c, o);
  if (!detected) checkError(c, o, path, c.expect.codes, c.expect.message);
  else checkError(c, o, path, [...c.expect.codes, 'UNKNOWN_FORMAT']);
}

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'opencfp-broken-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const corpus = brokenCorpus();

for (const format of ['json-ld', 'ecospold2', 'ecospold1', 'ilcd', 'simapro-csv'] as const) {
  // Two at a time: the heavy cases wait on a child process, so the two cores both work.
  describe(`broken ${format} inputs`, { concurrency: 2 }, () => {
    for (const c of corpus.filter((x) => x.format === format)) {
      test(`${c.id}: ${c.what}`, async () => {
        const dir = await mkdtemp(join(root, 'case-'));
        const path = await c.build(dir);
        check(
          c,
          c.heavy ? await attemptInChild(c, path) : await attempt(c.id, () => readCase(c, path)),
          path,
        );
        // readDatabase tells the format from the content and must come to the same verdict (heavy inputs are
        // read once).
        if (!c.heavy && c.options === undefined) {
          const detected = await attempt(`${c.id} (readDatabase)`, () => readDatabase(path));
          check(c, detected, path, true);
        }
        await rm(dir, { recursive: true, force: true });
      });
    }
  });
}

describe('strict reads stop at the first broken part', () => {
  // The partly broken case of each format: strict mode turns its first error into a FormatError.
  const partly = [
    '/zip/crc-mismatch',
    'ecospold1/file/invalid-xml-after-dataset',
    'simapro-csv/file/broken-row',
  ];
  for (const c of corpus.filter((x) => partly.some((p) => x.id.endsWith(p)))) {
    test(`${c.id} with strict: true`, async () => {
      const dir = await mkdtemp(join(root, 'strict-'));
      const path = await c.build(dir);
      const o = await attempt(c.id, () => readCase(c, path, true));
      assert.ok(o.kind === 'error', `${c.id}: a strict read succeeded`);
      assert.ok(
        c.expect.kind === 'read' && c.expect.issues.includes(o.code),
        `${c.id}: ${o.code}: ${o.message}`,
      );
      assert.doesNotMatch(o.message, /\n\s+at /);
      await rm(dir, { recursive: true, force: true });
    });
  }
});
