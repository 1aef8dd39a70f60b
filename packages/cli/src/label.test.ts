// `cfp label` on the example statement (examples/labels: a certified battery pack's statement, signed with a key
// whose public half is beside it): a label in every format whose QR code decodes to the product's public registry page;
// refused — no file written — when the statement is changed or signed by another key; usage errors.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { EXAMPLE_CLASS_SCHEME_FILE } from '@opencfp/label';
import { run } from './test-support/run-cli.js';
import { repoRoot } from './test-support/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'opencfp-label-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const statement = join(repoRoot, 'examples/labels/battery-statement.jws');
const keys = join(repoRoot, 'examples/labels/battery-statement-keys.json');
const PRODUCT_PAGE_URL = 'https://cfp.example.org/registry/products/9d8c7b6a-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function qrOf(file: string): string | undefined {
  const png = PNG.sync.read(readFileSync(file));
  return jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe('cfp label', () => {
  it('makes a PNG label of a verified statement whose QR code links to the product’s page in the public registry', async () => {
    const out = join(dir, 'label.png');
    const { code, stdout, stderr } = await run(
      'label',
      statement,
      '--keys',
      keys,
      '--format',
      'png',
      '--language',
      'zh',
      '--size',
      'large',
      '--class-scheme',
      EXAMPLE_CLASS_SCHEME_FILE,
      '--reference-year',
      '2024',
      '--out',
      out,
    );
    assert.equal(code, 0, stdout + stderr);
    assert.match(stderr, /note: status not checked \(offline\)/);
    assert.match(
      stderr,
      /wrote .*label\.png \(png at 300 dpi, zh, large 90 × 60 mm, class C of example-battery-classes v1 \(illustrative\); QR code to https:\/\/cfp\.example\.org\/registry\/products\/9d8c7b6a/,
    );
    const png = PNG.sync.read(readFileSync(out));
    assert.deepEqual([png.width, png.height], [1063, 709]);
    assert.equal(qrOf(out), PRODUCT_PAGE_URL);
  });

  it('SVG and PDF, every size and language; --url sets the QR code’s link', async () => {
    for (const [format, size, language] of [
      ['svg', 'small', 'en'],
      ['pdf', 'medium', 'bilingual'],
      ['png', 'small', 'bilingual'],
    ]) {
      const out = join(dir, `label-${size}.${format}`);
      const url = `https://shop.example.com/bp-60?size=${size}`;
      const { code, stderr } = await run(
        'label',
        statement,
        '--keys',
        keys,
        '--format',
        format,
        '--size',
        size,
        '--language',
        language,
        '--url',
        url,
        '--out',
        out,
      );
      assert.equal(code, 0, stderr);
      const bytes = readFileSync(out);
      if (format === 'svg') assert.match(bytes.toString('utf8'), /<svg [^>]*width="40mm" height="25mm"/);
      if (format === 'pdf') assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
      if (format === 'png') assert.equal(qrOf(out), url);
    }
  });

  it('refuses a statement that does not verify, with the reasons, and writes nothing', async () => {
    const [header, payload, signature] = readFileSync(statement, 'utf8').trim().split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      credentialSubject: { footprint: { total: number } };
    };
    claims.credentialSubject.footprint.total = 7.24;
    const tampered = join(dir, 'tampered.jws');
    writeFileSync(
      tampered,
      `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`,
    );
    const out = join(dir, 'never.svg');
    const changed = await run('label', tampered, '--keys', keys, '--out', out);
    assert.equal(changed.code, 1, changed.stderr);
    assert.match(
      changed.stderr,
      /no label made: the statement .*tampered\.jws does not verify, and a label is only made from a statement whose signature verifies/,
    );
    assert.match(changed.stderr, /signature does not match/);
    assert.equal(existsSync(out), false);
    // Signed by someone else's key: the issuer's key set does not verify it either.
    const otherKeys = JSON.parse(readFileSync(keys, 'utf8')) as { keys: { x: string }[] };
    otherKeys.keys[0].x = Buffer.alloc(32, 7).toString('base64url');
    const otherFile = join(dir, 'other-keys.json');
    writeFileSync(otherFile, JSON.stringify(otherKeys));
    const foreign = await run('label', statement, '--keys', otherFile, '--out', out);
    assert.equal(foreign.code, 1, foreign.stderr);
    assert.match(foreign.stderr, /no label made/);
    assert.equal(existsSync(out), false);
  });

  it('usage and input errors: exit 2 with one message', async () => {
    const out = join(dir, 'x.svg');
    const cases: [string[], RegExp][] = [
      [[statement, '--keys', keys], /--out is required/],
      [[statement, '--keys', keys, '--out', out, '--format', 'gif'], /--format must be one of svg, png, pdf/],
      [
        [statement, '--keys', keys, '--out', out, '--size', 'huge'],
        /--size must be one of small, medium, large/,
      ],
      [[statement, '--keys', keys, '--out', out, '--dpi', '600'], /--dpi is for --format png/],
      [[statement, '--keys', keys, '--out', out, '--class-scheme', keys], /the class scheme .* is not valid/],
      [
        [
          statement,
          '--keys',
          keys,
          '--out',
          out,
          '--size',
          'small',
          '--class-scheme',
          EXAMPLE_CLASS_SCHEME_FILE,
        ],
        /needs a medium or large label/,
      ],
      [[join(dir, 'missing.jws'), '--keys', keys, '--out', out], /no such file/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await run('label', ...args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, message);
    }
    assert.equal(existsSync(out), false);
  });
});
