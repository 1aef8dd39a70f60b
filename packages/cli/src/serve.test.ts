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
): Promise<{ url: string; output: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data-dir', dataDir], {
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
