// US LCI (openLCA JSON-LD export) → writeIlcd → readIlcd: the database comes back, and every one of its 1,022
// process-products calculates to bit-identical inventories.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Calculator, type AllocationOption, type Database } from '@opencfp/core';
import type { ImportIssue } from './import-issue.js';
import { readIlcd, readIlcdEntries } from './read-ilcd.js';
import { readJsonLd } from './read-json-ld.js';
import { writeIlcd, writeIlcdEntries } from './write-ilcd.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-jsonld-olca1.5.zip');

/** Inventories of all process-products, as [flowId, amount] lists, in the product order of `reference`. */
function inventories(
  db: Database,
  allocation: AllocationOption,
  reference?: Calculator,
): [string, number][][] {
  const calc = new Calculator(db, { allocation });
  const demands = (reference ?? calc).matrices.products.map((p) => ({
    processId: p.processId,
    productId: p.flowId,
  }));
  return calc
    .calculateAll(demands)
    .map((r) => r.inventory.map((e): [string, number] => [e.flowId, e.amount]));
}

/** Compares entry by entry; returns the number of process-products whose inventories are bit-identical. */
function compare(expected: [string, number][][], actual: [string, number][][], what: string): number {
  assert.equal(actual.length, expected.length, what);
  let identical = 0;
  expected.forEach((inv, i) => {
    assert.deepEqual(
      actual[i].map(([f]) => f),
      inv.map(([f]) => f),
      `${what}: flows of product ${i}`,
    );
    if (inv.every(([, a], k) => a === actual[i][k][1])) identical++;
  });
  return identical;
}

describe('US LCI: JSON-LD → ILCD → model', () => {
  let dir: string;
  let db: Database;
  let back: Database;
  let issues: ImportIssue[];

  before(async () => {
    // Fail, not skip: this is the reference data set for the round trip.
    assert.ok(
      existsSync(zipPath),
      `US LCI export not found at ${zipPath}. Set OPENCFP_SHARED to the folder that holds data/uslci/.`,
    );
    dir = await mkdtemp(join(tmpdir(), 'opencfp-ilcd-uslci-'));
    db = (await readJsonLd(zipPath)).data;
    const target = join(dir, 'uslci-ilcd.zip');
    await writeIlcd(db, target);
    ({ data: back, issues } = await readIlcd(target, { name: db.name }));
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('reads back without issues, with every dataset', () => {
    assert.deepEqual(issues, []);
    assert.equal(back.processes.length, 766);
    assert.equal(back.flows.length, 4601);
    assert.equal(back.unitGroups.length, 27);
    assert.equal(back.flowProperties.length, 33);
    assert.equal(back.locations.length, 11);
    assert.equal(back.sources.length, 686);
    assert.equal(back.actors.length, 77);
    assert.equal(back.processes.flatMap((p) => p.exchanges).length, 32526);
  });

  test('gives back the same database, but for what ILCD has no place for', () => {
    const expected = structuredClone(db);
    // The JSON-LD exchange @id has no counterpart in ILCD.
    for (const p of expected.processes) for (const e of p.exchanges) delete e.sourceId;
    // Coordinates travel with process locations only (ILCD's latitudeAndLongitude); US LCI has 0;0 for all,
    // and 5 of its 11 locations are used by flows and exchanges only.
    const used = new Set(expected.processes.map((p) => p.locationId));
    for (const l of expected.locations) {
      if (used.has(l.id)) continue;
      delete l.latitude;
      delete l.longitude;
    }
    assert.deepEqual(back, expected);
  });

  test('all 1,022 process-products calculate to bit-identical inventories', () => {
    for (const allocation of ['as-defined', 'physical', 'causal'] as const) {
      const reference = new Calculator(db, { allocation });
      assert.equal(reference.matrices.products.length, 1022);
      const expected = inventories(db, allocation, reference);
      const identical = compare(expected, inventories(back, allocation, reference), allocation);
      assert.equal(identical, 1022, `${allocation}: ${identical} of 1022 bit-identical`);
    }
  });

  test("the ILCD fields alone, without openLCA's and OpenCFP's extensions, give the same results", async () => {
    // What another ILCD reader sees: amounts in reference units, formulas through referenceToVariable, and
    // allocation as percentages (causal per exchange where they differ).
    const strip = (xml: string): string =>
      xml
        .replace(/\s(olca|ocfp):[A-Za-z]+="[^"]*"/g, '')
        .replace(/<common:other>[\s\S]*?<\/common:other>\s*/g, '');
    const stripped = [...writeIlcdEntries(db)].map((e) => ({ name: e.name, data: strip(String(e.data)) }));
    assert.ok(stripped.every((e) => !/olca:|ocfp:[a-z]/i.test(e.data.replace(/xmlns:\w+="[^"]*"/g, ''))));
    const { data: plain, issues: plainIssues } = await readIlcdEntries(stripped);
    // Without olca:mostLikelyValue, some triangular distributions take the amount as mode, outside min–max.
    assert.deepEqual([...new Set(plainIssues.map((i) => i.code))], ['INVALID_UNCERTAINTY']);
    const reference = new Calculator(db, { allocation: 'none' });
    assert.equal(
      compare(inventories(db, 'none', reference), inventories(plain, 'none', reference), 'none'),
      1022,
    );
    // US LCI defines causal factors only (and no default method); read from ILCD percentages they become the
    // processes' default, so 'as-defined' of the plain package equals 'causal' of the original.
    assert.equal(
      compare(inventories(db, 'causal', reference), inventories(plain, 'as-defined', reference), 'causal'),
      1022,
    );
  });
});
