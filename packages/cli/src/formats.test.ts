// Every cfp command accepts every supported format, told from the content: each database is copied to a file
// whose name says nothing (or lies), then read by lci, matrix and check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readJsonLd, writeIlcd, writeJsonLd } from '@opencfp/formats';
import { demoDatabasePath } from './commands/demo.js';
import { run } from './test-support/run-cli.js';
import { sharedFile } from './test-support/shared-data.js';

const dir = mkdtempSync(join(tmpdir(), 'cfp-formats-'));
const disguise = (source: string, name: string) => {
  const target = join(dir, name);
  copyFileSync(source, target);
  return target;
};

test('the demo database in JSON-LD and ILCD (as misnamed zips) calculates to the same hand-checked figures', async () => {
  const { data } = await readJsonLd(demoDatabasePath);
  const jsonLd = join(dir, 'demo-jsonld.bin');
  const ilcd = join(dir, 'demo-ilcd.dat');
  await writeJsonLd(data, join(dir, 'demo.zip'));
  copyFileSync(join(dir, 'demo.zip'), jsonLd);
  await writeIlcd(data, join(dir, 'demo-ilcd.zip'));
  copyFileSync(join(dir, 'demo-ilcd.zip'), ilcd);
  for (const path of [jsonLd, ilcd]) {
    const r = await run('lci', path, '--process', 'p-frame');
    assert.equal(r.code, 0, r.stderr);
    const co2 = JSON.parse(r.stdout)[0].inventory.find(
      (e: { flowId: string }) => e.flowId === 'f-co2',
    ).amount;
    // (35.2 kWh / 0.98) · 0.6 + 2 · 1.5 + 0.4 · 0.05, see examples/bicycle-frame/README.md
    assert.ok(Math.abs(co2 - ((35.2 / 0.98) * 0.6 + 3.02)) < 1e-12, `${path}: ${co2}`);
  }
  const checked = await run('check', ilcd);
  assert.equal(checked.code, 0);
  assert.match(checked.stdout, /: ilcd \(zip/);
});

test('USLCI in EcoSpold 2 and EcoSpold 1, and a SimaPro CSV, under names that do not tell the format', async () => {
  const cases: [string, string, string][] = [
    [sharedFile('data/uslci/uslci-ecospold2-fy18q1.zip'), 'a.bin', 'ecospold2'],
    [sharedFile('data/uslci/uslci-ecospold1-fy20q3.zip'), 'b', 'ecospold1'],
    [sharedFile('data/samples/olca-io/simapro/csv/input/process.csv'), 'c.txt', 'simapro-csv'],
    [sharedFile('data/samples/olca-io/ecospold2/input/sample_ecospold2.xml'), 'd.json', 'ecospold2'],
    [sharedFile('data/samples/olca-io/ecospold1/example.xml'), 'e.csv', 'ecospold1'],
  ];
  for (const [source, name, format] of cases) {
    const path = disguise(source, name);
    const checked = await run('check', path, '--format', 'json');
    assert.equal(checked.code, 0, `${name}: ${checked.stderr}`);
    const report = JSON.parse(checked.stdout);
    assert.equal(report.format.format, format, name);
    const matrix = await run('matrix', path, '--out', join(dir, `m-${name}`));
    assert.equal(matrix.code, 0, `${name}: ${matrix.stderr}`);
    // lci of the first process-product of the database
    const first = report.counts.products > 0;
    assert.ok(first, `${name} has process-products`);
  }
});

test('lci runs on EcoSpold 2 and EcoSpold 1 releases of USLCI by process id', async () => {
  for (const [file, name] of [
    ['data/uslci/uslci-ecospold2-fy18q1.zip', 'es2.bin'],
    ['data/uslci/uslci-ecospold1-fy20q3.zip', 'es1.bin'],
  ]) {
    const path = disguise(sharedFile(file), name);
    const report = JSON.parse((await run('check', path, '--format', 'json')).stdout);
    const processId = report.diagnostics.find((d: { processId?: string }) => d.processId)
      ?.processId as string;
    const r = await run('lci', path, '--process', processId);
    assert.equal(r.code, 0, r.stderr);
    const [result] = JSON.parse(r.stdout);
    assert.equal(result.processId, processId);
    assert.ok(Array.isArray(result.inventory) && result.inventory.length + result.cutoff.length > 0);
  }
});

test('a file of no known format is one clear error with exit code 2', async () => {
  const path = disguise(sharedFile('reference/factors/ipcc-gwp.csv'), 'gwp.zip');
  const r = await run('check', path);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown format/);
});
