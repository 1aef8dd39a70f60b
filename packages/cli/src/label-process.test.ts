// `cfp label` end to end: a study published by a `cfp serve` process (PGlite on disk), its label made by the `cfp`
// binary in another process from the statement's URL — verified with the keys of the issuer's well-known key set —
// with a QR code that decodes to the product's page in the public registry; once the study is withdrawn, no label is
// made.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { RouteHarness } from '@opencfp/server/test-support';
import { publishedStatement, type PublishedStatement } from './test-support/published-statement.js';
import { serveProcessHarness } from './test-support/serve-process-harness.js';

const bin = fileURLToPath(new URL('../bin/cfp.js', import.meta.url));

/**
 * Runs the `cfp` binary in a process of its own — asynchronously, so that this process's event loop keeps running
 * meanwhile and notices the server closing idle keep-alive connections (a blocked loop would reuse a closed one).
 */
function cfp(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    );
  });
}

describe('cfp label against a running server', () => {
  let harness: RouteHarness;
  let published: PublishedStatement;
  const dir = mkdtempSync(join(tmpdir(), 'opencfp-label-process-'));

  before(async () => {
    harness = await serveProcessHarness('pglite')();
    published = await publishedStatement(harness);
  });
  after(async () => {
    await harness?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('labels the published statement from its URL; the QR code links to the product’s page in the public registry', async () => {
    const url = `${harness.url}${published.statementPath}`;
    const out = join(dir, 'bracket.png');
    const { code, stdout, stderr } = await cfp([
      'label',
      url,
      '--format',
      'png',
      '--language',
      'bilingual',
      '--size',
      'small',
      '--out',
      out,
    ]);
    assert.equal(code, 0, stdout + stderr);
    assert.doesNotMatch(stderr, /offline/);
    const png = PNG.sync.read(readFileSync(out));
    const page = `${harness.url}/registry/products/${published.productId}`;
    assert.equal(jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data, page);
    // …which the server shows: the product with this statement, in the registry.
    const shown = await fetch(page);
    assert.equal(shown.status, 200);
    assert.match(await shown.text(), new RegExp(published.statementPath.split('/').at(-1) as string));
  });

  it('refuses the statement once its study is withdrawn', async () => {
    await published.call('POST', `/v1/orgs/${published.orgId}/studies/${published.studyId}/withdraw`, {
      reason: 'discontinued',
    });
    const out = join(dir, 'withdrawn.svg');
    const { code, stderr } = await cfp(['label', `${harness.url}${published.statementPath}`, '--out', out]);
    assert.equal(code, 1, stderr);
    assert.match(stderr, /no label made: .*does not verify/);
    assert.match(stderr, /the statement was withdrawn by its issuer on /);
    assert.equal(existsSync(out), false);
    assert.deepEqual(harness.problems(), []);
  });
});
