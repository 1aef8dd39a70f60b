// Every `npx cfp …` example of the README runs and succeeds, so the README cannot drift from the CLI.
// Lines with placeholders (<id>, db.zip) are skipped; the 20,000-column bench runs in the linalg tests at n = 2,000;
// `cfp serve` runs until stopped, so serve.test.ts starts it as a process instead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from './main.js';
import { repoRoot, sharedFile } from './test-support/shared-data.js';

/** Splits a shell command line on blanks, keeping "double-quoted" words whole. */
const words = (line: string) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]);

test('the README examples of cfp run as written', async () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const shared = resolve(sharedFile('data'), '..');
  const tmp = mkdtempSync(join(tmpdir(), 'cfp-readme-'));
  const commands = readme
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx cfp '))
    .filter((l) => !/<[^>]+>|\bdb\.zip\b|--n 20000|^npx cfp serve\b/.test(l));
  assert.ok(commands.length >= 6, `${commands.length} commands found`);
  for (const line of commands) {
    const argv = words(line.replace(/\s+#.*$/, ''))
      .slice(2)
      .map((w) => (w.startsWith('/tmp/') ? `${tmp}/${w.slice(5)}` : w.replace(/^\.\.\/shared/, shared)))
      .map((w) => (w.startsWith('examples/') ? join(repoRoot, w) : w));
    let stderr = '';
    const code = await main(argv, { stdout: () => {}, stderr: (t) => (stderr += t) });
    assert.equal(code, 0, `${line}\n${stderr}`);
  }
});
