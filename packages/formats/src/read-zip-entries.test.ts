import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FormatError } from './errors.js';
import { IssueLog } from './issue-log.js';
import { readZipEntries, type ReadZipEntriesOptions } from './read-zip-entries.js';
import { ZipWriter } from './zip-writer.js';

let dir: string;
let counter = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-zip-reader-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function save(bytes: Buffer): Promise<string> {
  const path = join(dir, `t${counter++}.zip`);
  await writeFile(path, bytes);
  return path;
}

async function readAll(
  path: string,
  options?: ReadZipEntriesOptions & { strict?: boolean },
): Promise<{ names: string[]; data: Map<string, Buffer>; log: IssueLog }> {
  const log = new IssueLog({ strict: options?.strict });
  const data = new Map<string, Buffer>();
  for await (const e of readZipEntries(path, log, options)) data.set(e.name, Buffer.from(e.data));
  return { names: [...data.keys()], data, log };
}

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected a FormatError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.ok(e.message.length > 40, 'the message should say how to fix it');
    return true;
  });
}

/** Offset of the n-th central directory header, from the end-of-central-directory record. */
function centralHeader(zip: Buffer, n: number): number {
  let at = zip.readUInt32LE(zip.length - 22 + 16);
  for (let i = 0; i < n; i++)
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  return at;
}

function sample(): Buffer {
  return new ZipWriter()
    .add('a.json', JSON.stringify({ a: 'x'.repeat(1000) }))
    .add('b.json', JSON.stringify({ b: 1 }))
    .add('c.json', JSON.stringify({ c: 2 }), { method: 'store' })
    .finish();
}

test('files that are not readable zips throw a FormatError with a stable code', async () => {
  await rejectsWith(readAll(join(dir, 'does-not-exist.zip')), 'NOT_FOUND');
  await rejectsWith(readAll(await save(Buffer.alloc(0))), 'EMPTY_FILE');
  await rejectsWith(readAll(await save(Buffer.from('{"this": "is json, not a zip"}'))), 'NOT_A_ZIP');
  const zip = sample();
  await rejectsWith(readAll(await save(zip.subarray(0, zip.length - 10))), 'TRUNCATED_ZIP');
  await rejectsWith(readAll(await save(zip.subarray(0, Math.floor(zip.length / 2)))), 'TRUNCATED_ZIP');
});

test('a damaged central directory is CORRUPT_ZIP', async () => {
  const zip = Buffer.from(sample());
  zip.writeUInt32LE(0x12345678, centralHeader(zip, 1));
  await rejectsWith(readAll(await save(zip)), 'CORRUPT_ZIP');
});

test('the filter decides which entries are decompressed', async () => {
  const { names, log } = await readAll(await save(sample()), { filter: (n) => n !== 'b.json' });
  assert.deepEqual(names, ['a.json', 'c.json']);
  assert.deepEqual(log.issues, []);
});

test('entries over the size limit are issues and the rest is read', async () => {
  const { names, log } = await readAll(await save(sample()), { limits: { maxEntryBytes: 500 } });
  assert.deepEqual(names, ['b.json', 'c.json']);
  assert.equal(log.issues.length, 1);
  assert.equal(log.issues[0].code, 'ENTRY_TOO_LARGE');
  assert.equal(log.issues[0].file, 'a.json');
  assert.equal(log.issues[0].severity, 'error');
});

test('a suspicious compression ratio is refused (zip bomb)', async () => {
  const bomb = new ZipWriter()
    .add('bomb.json', Buffer.alloc(4 * 1024 * 1024, 0x20))
    .add('ok.json', '{}')
    .finish();
  const { names, log } = await readAll(await save(bomb));
  assert.deepEqual(names, ['ok.json']);
  assert.deepEqual(
    log.issues.map((i) => [i.file, i.code]),
    [['bomb.json', 'SUSPICIOUS_COMPRESSION_RATIO']],
  );
});

test('the total size limit stops reading and says how many entries were left', async () => {
  const { names, log } = await readAll(await save(sample()), { limits: { maxTotalBytes: 1010 } });
  assert.deepEqual(names, ['a.json']);
  assert.equal(log.issues.length, 1);
  assert.equal(log.issues[0].code, 'TOTAL_SIZE_EXCEEDED');
  assert.match(log.issues[0].message, /last 2 entries/);
});

test('an entry that inflates beyond its declared size is refused', async () => {
  const zip = Buffer.from(sample());
  // Declare 10 bytes for a.json, which really holds 1,008.
  zip.writeUInt32LE(10, centralHeader(zip, 0) + 24);
  const { names, log } = await readAll(await save(zip));
  assert.deepEqual(names, ['b.json', 'c.json']);
  assert.deepEqual(
    log.issues.map((i) => [i.file, i.code]),
    [['a.json', 'SIZE_MISMATCH']],
  );
});

test('damaged entry data is an issue, not a crash', async () => {
  const zip = Buffer.from(sample());
  const local = zip.readUInt32LE(centralHeader(zip, 0) + 42);
  const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  for (let i = 0; i < 8; i++) zip[dataStart + i] ^= 0xff;
  const { names, log } = await readAll(await save(zip));
  assert.deepEqual(names, ['b.json', 'c.json']);
  assert.equal(log.issues.length, 1);
  assert.ok(
    ['CORRUPT_ENTRY', 'SIZE_MISMATCH', 'CRC_MISMATCH'].includes(log.issues[0].code),
    log.issues[0].code,
  );
});

test('a wrong checksum is reported', async () => {
  const zip = Buffer.from(sample());
  zip.writeUInt32LE(0xdeadbeef, centralHeader(zip, 2) + 16);
  const { names, log } = await readAll(await save(zip));
  assert.deepEqual(names, ['a.json', 'b.json']);
  assert.deepEqual(
    log.issues.map((i) => [i.file, i.code]),
    [['c.json', 'CRC_MISMATCH']],
  );
});

test('encrypted entries are skipped with an issue', async () => {
  const zip = Buffer.from(sample());
  const cd = centralHeader(zip, 1);
  zip.writeUInt16LE(zip.readUInt16LE(cd + 8) | 1, cd + 8);
  const { names, log } = await readAll(await save(zip));
  assert.deepEqual(names, ['a.json', 'c.json']);
  assert.deepEqual(
    log.issues.map((i) => [i.file, i.code]),
    [['b.json', 'ENCRYPTED_ENTRY']],
  );
});

test('in strict mode the first entry problem throws and the file is closed', async () => {
  await assert.rejects(
    readAll(await save(sample()), { strict: true, limits: { maxEntryBytes: 500 } }),
    (e: unknown) => e instanceof FormatError && e.code === 'ENTRY_TOO_LARGE' && e.issue?.file === 'a.json',
  );
});
