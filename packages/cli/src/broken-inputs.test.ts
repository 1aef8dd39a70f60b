// `cfp check` and `cfp lci` on broken databases: input that cannot be read at all exits 2 with one clear line
// on stderr and no stack trace; a partly broken database exits 0 and lists what was skipped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseBuilder } from '@opencfp/core';
import { writeJsonLdEntries, ZipWriter, type ArchiveEntry } from '@opencfp/formats';
import { run } from './test-support/run-cli.js';

/** Steel (1 kg: 2 MJ of electricity, 0.5 kg CO2) from a power plant (1 MJ: 0.2 kg CO2), as JSON-LD entries. */
function tinyJsonLd(): ArchiveEntry[] {
  const db = new DatabaseBuilder('tiny')
    .product('steel', { name: 'Steel' })
    .product('electricity', { property: 'energy', name: 'Electricity' })
    .elementary('co2', { name: 'Carbon dioxide' })
    .process('p-steel', { name: 'Steel production' })
    .output('steel', 1, { reference: true })
    .input('electricity', 2, { provider: 'p-power' })
    .output('co2', 0.5)
    .end()
    .process('p-power', { name: 'Power plant' })
    .output('electricity', 1, { reference: true })
    .output('co2', 0.2)
    .end()
    .build();
  return [...writeJsonLdEntries(db)];
}

function zip(entries: readonly ArchiveEntry[]): Buffer {
  const w = new ZipWriter();
  for (const e of entries) w.add(e.name, e.data);
  return w.finish();
}

/** A zip whose entry `name` fails its checksum: ZipWriter's archive with the CRC patched in both headers. */
function withBadCrc(archive: Buffer, name: string): Buffer {
  const out = Buffer.from(archive);
  const needle = Buffer.from(name);
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
    // The name follows a local header (30 bytes, CRC at 14) or a central record (46 bytes, CRC at 16).
    if (out.readUInt32LE(at - 30) === 0x04034b50)
      out.writeUInt32LE((out.readUInt32LE(at - 16) ^ 1) >>> 0, at - 16);
    else if (out.readUInt32LE(at - 46) === 0x02014b50)
      out.writeUInt32LE((out.readUInt32LE(at - 30) ^ 1) >>> 0, at - 30);
  }
  return out;
}

let dir: string;
const files: Record<string, string> = {};
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cfp-broken-'));
  const put = async (name: string, data: string | Uint8Array) => {
    const path = join(dir, name);
    await writeFile(path, data);
    files[name] = path;
  };
  const valid = zip(tinyJsonLd());
  await put('empty.zip', '');
  await put('random.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
  await put('letter.zip', 'Dear colleague,\nplease find the database attached.\n');
  await put('truncated.zip', valid.subarray(0, Math.floor(valid.length / 2)));
  await put('readme-only.zip', zip([{ name: 'readme.txt', data: 'nothing here' }]));
  await put('page.xml', '<?xml version="1.0"?><html><body>not a database</body></html>');
  await put(
    'deep.spold',
    `<ecoSpold xmlns="http://www.EcoInvent.org/EcoSpold02">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</ecoSpold>`,
  );
  await mkdir(join(dir, 'empty-folder'));
  files['empty-folder'] = join(dir, 'empty-folder');
  // Partly broken: the power plant fails its checksum, a stray flow is not JSON, a zip bomb of 1 GiB zeros.
  const entries = tinyJsonLd();
  entries.push({ name: 'flows/broken.json', data: '{"@type": "Flow", "@id": ' });
  const partly = new ZipWriter();
  for (const e of entries) partly.add(e.name, e.data);
  await put('partly.zip', withBadCrc(partly.finish(), 'processes/p-power.json'));
  const bomb = new ZipWriter();
  for (const e of tinyJsonLd()) bomb.add(e.name, e.data);
  // 4 MiB of zeros in 4 KB: refused for its compression ratio before it is inflated (the formats package's
  // corpus has the 1 GiB bombs).
  bomb.add('processes/bomb.json', Buffer.alloc(4 * 1024 * 1024));
  await put('bomb.zip', bomb.finish());
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** One clear line on stderr, no stack trace, nothing on stdout, exit code 2. */
function assertRefused(
  r: { code: number; stdout: string; stderr: string },
  what: RegExp,
  name: string,
): void {
  assert.equal(r.code, 2, `${name}: exit ${r.code}; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '', name);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${name}: ${r.stderr}`);
  assert.match(lines[0], /^cfp: /, name);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at |Error:/, name);
  assert.match(r.stderr, what, name);
}

describe('input that cannot be read: exit 2, one clear message', () => {
  const cases: [string, RegExp][] = [
    ['empty.zip', /is empty \(0 bytes\)/],
    ['random.bin', /unknown format/],
    ['letter.zip', /unknown format/],
    ['truncated.zip', /truncated/],
    ['readme-only.zip', /none of them is a dataset of a known format/],
    ['page.xml', /unknown format/],
    ['deep.spold', /nest deeper than 100 levels/],
    ['empty-folder', /unknown format/],
  ];
  for (const [name, what] of cases) {
    test(`cfp check ${name}`, async () => {
      assertRefused(await run('check', files[name]), what, `check ${name}`);
    });
    test(`cfp lci ${name}`, async () => {
      assertRefused(await run('lci', files[name], '--process', 'p-steel'), what, `lci ${name}`);
    });
  }
  test('a database that does not exist', async () => {
    assertRefused(await run('check', join(dir, 'nope.zip')), /does not exist/, 'nope.zip');
  });
});

describe('a partly broken database: exit 0, the skipped parts listed', () => {
  test('cfp check lists the damaged entries and what the loss breaks', async () => {
    const r = await run('check', files['partly.zip']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\[error\] CRC_MISMATCH × 1/);
    assert.match(r.stdout, /processes\/p-power\.json : The entry fails its checksum/);
    assert.match(r.stdout, /\[error\] INVALID_JSON × 1/);
    assert.match(r.stdout, /flows\/broken\.json : The file is not valid JSON/);
    assert.match(r.stdout, /Verdict: \d+ error\(s\)/);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /);
  });

  test('cfp check --format json has every issue with file, path, code and message', async () => {
    const r = await run('check', files['partly.zip'], '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as {
      counts: { processes: number };
      issues: { file: string; path: string; code: string; severity: string; message: string }[];
    };
    assert.equal(report.counts.processes, 1);
    const codes = report.issues.map((i) => i.code).sort();
    assert.deepEqual(codes, ['CRC_MISMATCH', 'INVALID_JSON', 'UNKNOWN_PROVIDER']);
    for (const i of report.issues) {
      assert.ok(i.file !== '' && i.message.length > 20, JSON.stringify(i));
      assert.equal(typeof i.path, 'string');
    }
  });

  test('cfp lci calculates what was read and says on stderr what was not', async () => {
    const r = await run('lci', files['partly.zip'], '--process', 'p-steel');
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as {
      inventory: { flowId: string; amount: number }[];
      cutoff: { flowId: string; amount: number }[];
    }[];
    // The power plant was lost: its electricity is cut off (an input, so negative), only steel's own CO2 is left.
    assert.equal(result.inventory.find((e) => e.flowId === 'co2')?.amount, 0.5);
    assert.equal(result.cutoff.find((e) => e.flowId === 'electricity')?.amount, -2);
    assert.match(r.stderr, /the reader reported 2 error\(s\) and 1 warning\(s\)/);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1);
  });

  test('--strict turns the first damaged entry into exit 2 with one message', async () => {
    const r = await run('check', files['partly.zip'], '--strict');
    assertRefused(r, /(checksum|not valid JSON)/, 'check --strict');
    for (const command of [
      ['lci', '--process', 'x'],
      ['processes'],
      ['matrix', '--out', '/tmp/never-written'],
    ]) {
      const [name, ...rest] = command;
      const strict = await run(name, files['partly.zip'], ...rest, '--strict');
      assertRefused(strict, /(checksum|not valid JSON)/, `${name} --strict`);
    }
  });

  test('a zip-bomb entry is refused by the compression-ratio limit and the rest calculates', async () => {
    const checked = await run('check', files['bomb.zip'], '--format', 'json');
    assert.equal(checked.code, 0, checked.stderr);
    const report = JSON.parse(checked.stdout) as {
      counts: { processes: number };
      issues: { code: string }[];
    };
    assert.deepEqual(
      report.issues.map((i) => i.code),
      ['SUSPICIOUS_COMPRESSION_RATIO'],
    );
    assert.equal(report.counts.processes, 2);
    const r = await run('lci', files['bomb.zip'], '--process', 'p-steel');
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout) as { inventory: { flowId: string; amount: number }[] }[];
    // 0.5 kg from steel + 2 MJ × 0.2 kg/MJ from the power plant.
    assert.ok(Math.abs((result.inventory.find((e) => e.flowId === 'co2')?.amount ?? 0) - 0.9) < 1e-12);
  });
});
