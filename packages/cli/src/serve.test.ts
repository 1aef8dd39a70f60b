import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/cfp.js', import.meta.url));

/** Starts `cfp serve` on a free port; resolves with its URL and everything it printed so far. */
function start(
  dataDir: string,
  options: string[] = [],
): Promise<{ url: string; pid: number; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir, ...options], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`cfp serve did not start:\n${output}`)), 60_000);
    child.stdout.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        pid: child.pid as number,
        output: () => output,
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    child.on('exit', () => reject(new Error(`cfp serve exited:\n${output}`)));
  });
}

test('cfp serve: seeds the demo once, serves the API, stops cleanly on SIGTERM, keeps its data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opencfp-serve-'));
  try {
    const first = await start(dir);
    assert.match(first.output(), /Demo sign-in \(shown once, keep it\): demo@opencfp\.local \/ \S{16}/);
    const health = (await (await fetch(`${first.url}/health`)).json()) as {
      status: string;
      store: { kind: string };
    };
    assert.equal(health.status, 'ok');
    assert.equal(health.store.kind, 'pglite');
    assert.equal(await first.stop(), 0);
    const second = await start(dir);
    assert.doesNotMatch(second.output(), /Demo sign-in/);
    assert.equal((await fetch(`${second.url}/health`)).status, 200);
    assert.equal(await second.stop(), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `cfp` to its end; resolves with its exit code and what it printed. */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

test('cfp serve: a data directory another cfp serve uses is refused (exit 2), saying what to do', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opencfp-serve-locked-'));
  try {
    const first = await start(dir, ['--no-demo']);
    try {
      // as `npm start` while `cfp serve --data-dir` runs: the demo seeding opens the store first, and is refused
      const second = await run(['serve', '--port', '0', '--data-dir', dir]);
      assert.equal(second.code, 2, second.stderr);
      assert.equal(second.stdout, '');
      assert.equal(
        second.stderr.replace(/started \S+\)/, 'started …)'),
        `cfp: another OpenCFP process (pid ${first.pid}, started …) uses the data directory ${dir} ` +
          '(PGlite allows one process per data directory): stop it, or give this one another --data-dir / ' +
          'OPENCFP_DATA_DIR, or use a PostgreSQL server (DATABASE_URL) to run several instances\n',
      );
      const noDemo = await run(['serve', '--port', '0', '--data-dir', dir, '--no-demo']);
      assert.equal(noDemo.code, 2, noDemo.stderr);
      assert.match(noDemo.stderr, new RegExp(`^cfp: another OpenCFP process \\(pid ${first.pid}, `));
      assert.equal((await fetch(`${first.url}/health`)).status, 200, 'the first one serves on');
    } finally {
      assert.equal(await first.stop(), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
