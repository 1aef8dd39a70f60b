import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fromBuffer, type Entry, type ZipFile } from 'yauzl';
import { crc32 } from './crc32.js';
import { FormatError } from './errors.js';
import { IssueLog } from './issue-log.js';
import { readZipEntries } from './read-zip-entries.js';
import { ZipWriter } from './zip-writer.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opencfp-zip-writer-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Reads an archive with yauzl's own streams, independently of readZipEntries. */
async function readWithYauzl(zip: Buffer): Promise<Map<string, Buffer>> {
  const zf = await new Promise<ZipFile>((resolve, reject) =>
    fromBuffer(zip, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const out = new Map<string, Buffer>();
  for await (const entry of zf.eachEntry() as AsyncIterable<Entry>) {
    if (entry.fileName.endsWith('/')) {
      out.set(entry.fileName, Buffer.alloc(0));
      continue;
    }
    const stream = await zf.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(0)), 0);
  // Chunked input continues from the previous value.
  assert.equal(crc32(Buffer.from('6789'), crc32(Buffer.from('12345'))), 0xcbf43926);
});

test('ZipWriter output is read back by yauzl and by readZipEntries (store, deflate, UTF-8 names)', async () => {
  const text = JSON.stringify({
    '@id': 'x',
    name: 'Wärme',
    values: Array.from({ length: 200 }, (_, i) => i),
  });
  const zip = new ZipWriter()
    .addDirectory('flows')
    .add('flows/a.json', text)
    .add('flows/b.json', Buffer.from('stored bytes'), { method: 'store' })
    .add('größe/ü.json', '{}')
    .add('empty.json', '')
    .finish();

  const viaYauzl = await readWithYauzl(zip);
  assert.deepEqual(
    [...viaYauzl.keys()],
    ['flows/', 'flows/a.json', 'flows/b.json', 'größe/ü.json', 'empty.json'],
  );
  assert.equal(viaYauzl.get('flows/a.json')?.toString('utf8'), text);
  assert.equal(viaYauzl.get('flows/b.json')?.toString('utf8'), 'stored bytes');

  const path = join(dir, 'roundtrip.zip');
  await writeFile(path, zip);
  const log = new IssueLog();
  const entries = new Map<string, string>();
  for await (const e of readZipEntries(path, log)) entries.set(e.name, Buffer.from(e.data).toString('utf8'));
  assert.deepEqual(log.issues, []);
  assert.deepEqual([...entries.keys()], ['flows/a.json', 'flows/b.json', 'größe/ü.json', 'empty.json']);
  assert.equal(entries.get('flows/a.json'), text);
  assert.equal(entries.get('empty.json'), '');
});

test('ZipWriter with a sink streams the same bytes it would return in memory', () => {
  const chunks: Buffer[] = [];
  const streamed = new ZipWriter({ sink: (c) => chunks.push(c) });
  streamed.add('a.txt', 'hello').add('b.txt', 'world', { method: 'store' });
  assert.equal(streamed.finish().length, 0);
  const inMemory = new ZipWriter().add('a.txt', 'hello').add('b.txt', 'world', { method: 'store' }).finish();
  assert.deepEqual(Buffer.concat(chunks), inMemory);
});

test('ZipWriter rejects duplicate and unsafe names, and use after finish', () => {
  const zip = new ZipWriter().add('a.txt', 'x');
  assert.throws(
    () => zip.add('a.txt', 'y'),
    (e: unknown) => e instanceof FormatError && e.code === 'DUPLICATE_ENTRY',
  );
  assert.throws(
    () => zip.add('../evil', 'y'),
    (e: unknown) => e instanceof FormatError && e.code === 'INVALID_ENTRY_NAME',
  );
  assert.throws(
    () => zip.add('/abs', 'y'),
    (e: unknown) => e instanceof FormatError && e.code === 'INVALID_ENTRY_NAME',
  );
  zip.finish();
  assert.throws(() => zip.add('b.txt', 'y'), /already called/);
});
