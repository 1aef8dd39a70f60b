// US LCI read from its openLCA 1.5 export (olca-schema v1), written as olca-schema v2 (zip and folder), read
// again: the database is the same up to the documented differences, and every one of the 1,022
// process-products calculates to bit-identical results.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { Calculator, type AllocationFactor, type Database, type LciResult } from '@opencfp/core';
import type { ImportIssue } from './import-issue.js';
import { readJsonLd } from './read-json-ld.js';
import { readZipEntries } from './read-zip-entries.js';
import { IssueLog } from './issue-log.js';
import { writeJsonLd } from './write-json-ld.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-jsonld-olca1.5.zip');

/**
 * The original database with the documented v1 → v2 differences applied: exchanges lose their v1 @id
 * (sourceId); a causal factor that names only a flow names each exchange of that flow by internalId.
 */
function expected(db: Database): Database {
  const out = structuredClone(db);
  for (const p of out.processes) {
    for (const e of p.exchanges) delete e.sourceId;
    p.allocationFactors = p.allocationFactors.flatMap((f): AllocationFactor[] => {
      if (f.exchangeFlowId === undefined) return [f];
      const { exchangeFlowId, ...rest } = f;
      return p.exchanges
        .filter((e) => e.flowId === exchangeFlowId)
        .map((e) => ({ ...rest, exchangeInternalId: e.internalId }));
    });
  }
  return out;
}

/** A folder has no order: the reader lists files by name. This puts datasets back in the original order. */
function inOrderOf(original: Database, db: Database): Database {
  const out = structuredClone(db);
  const sortLike = <T extends { id: string }>(ref: readonly T[], items: T[]): T[] => {
    const rank = new Map(ref.map((x, i) => [x.id, i]));
    assert.equal(items.length, ref.length);
    for (const x of items) assert.ok(rank.has(x.id), `unexpected dataset ${x.id}`);
    return items.sort((a, b) => (rank.get(a.id) as number) - (rank.get(b.id) as number));
  };
  out.unitGroups = sortLike(original.unitGroups, out.unitGroups);
  out.flowProperties = sortLike(original.flowProperties, out.flowProperties);
  out.flows = sortLike(original.flows, out.flows);
  out.processes = sortLike(original.processes, out.processes);
  out.locations = sortLike(original.locations, out.locations);
  out.sources = sortLike(original.sources, out.sources);
  out.actors = sortLike(original.actors, out.actors);
  return out;
}

function calculateAll(db: Database): { calc: Calculator; results: LciResult[] } {
  const calc = new Calculator(db);
  const results = calc.calculateAll(
    calc.matrices.products.map((p) => ({ processId: p.processId, productId: p.flowId })),
  );
  return { calc, results };
}

/** Exact equality of two calculations (inventory categories compared with trimmed segments). */
function assertIdenticalResults(
  a: { calc: Calculator; results: LciResult[] },
  b: { calc: Calculator; results: LciResult[] },
): void {
  assert.equal(a.results.length, 1022);
  assert.equal(b.results.length, 1022);
  assert.deepEqual(
    b.calc.diagnostics.map((d) => d.code),
    a.calc.diagnostics.map((d) => d.code),
  );
  for (let j = 0; j < a.results.length; j++) {
    const x = a.results[j];
    const y = b.results[j];
    const where = `${x.demand.processName} / ${x.demand.productName}`;
    assert.deepEqual(y.demand, x.demand, where);
    assert.deepEqual(y.inventory, x.inventory, where);
    assert.deepEqual(y.cutoff, x.cutoff, where);
    assert.deepEqual(
      y.diagnostics.map((d) => d.code),
      x.diagnostics.map((d) => d.code),
      where,
    );
    assert.equal(y.backwardError, x.backwardError, where);
  }
}

describe('US LCI: JSON-LD v1 → writeJsonLd (v2) → readJsonLd', () => {
  let dir: string;
  let original: Database;
  let originalResults: ReturnType<typeof calculateAll>;
  let fromZip: Database;
  let zipIssues: ImportIssue[];
  let fromFolder: Database;
  let folderIssues: ImportIssue[];

  before(async () => {
    // Fail, not skip: this is the reference data set.
    assert.ok(
      existsSync(zipPath),
      `US LCI export not found at ${zipPath}. Set OPENCFP_SHARED to the folder that holds data/uslci/.`,
    );
    dir = await mkdtemp(join(tmpdir(), 'opencfp-jsonld-rt-'));
    original = (await readJsonLd(zipPath)).data;
    originalResults = calculateAll(original);
    await writeJsonLd(original, join(dir, 'uslci-v2.zip'));
    await writeJsonLd(original, join(dir, 'uslci-v2'));
    ({ data: fromZip, issues: zipIssues } = await readJsonLd(join(dir, 'uslci-v2.zip'), {
      name: original.name,
    }));
    ({ data: fromFolder, issues: folderIssues } = await readJsonLd(join(dir, 'uslci-v2'), {
      name: original.name,
    }));
  });

  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('the export reads back without a single issue', () => {
    // The original read reports invalid distributions and allocation factors; those were dropped then, so
    // everything written is valid.
    assert.deepEqual(zipIssues, []);
    assert.deepEqual(folderIssues, []);
  });

  test('the zip holds openlca.json and one file per dataset', async () => {
    const names: string[] = [];
    for await (const e of readZipEntries(join(dir, 'uslci-v2.zip'), new IssueLog())) names.push(e.name);
    assert.equal(names[0], 'openlca.json');
    const count = (folder: string): number => names.filter((n) => n.startsWith(folder + '/')).length;
    assert.equal(count('processes'), 766);
    assert.equal(count('flows'), 4601);
    assert.equal(count('unit_groups'), 27);
    assert.equal(count('flow_properties'), 33);
    assert.equal(count('locations'), 11);
    assert.equal(count('sources'), 686);
    assert.equal(count('actors'), 77);
    assert.equal(names.length, 1 + 766 + 4601 + 27 + 33 + 11 + 686 + 77);
    const folder = await readdir(join(dir, 'uslci-v2'));
    assert.deepEqual(folder.sort(), [
      'actors',
      'flow_properties',
      'flows',
      'locations',
      'openlca.json',
      'processes',
      'sources',
      'unit_groups',
    ]);
  });

  test('the differences are exactly the documented ones', () => {
    // 24 causal factors of the v1 export name only a flow; each such flow has one exchange in its process.
    const byFlow = original.processes.flatMap((p) =>
      p.allocationFactors
        .filter((f) => f.exchangeFlowId !== undefined)
        .map((f) => p.exchanges.filter((e) => e.flowId === f.exchangeFlowId).length),
    );
    assert.deepEqual(byFlow, new Array<number>(24).fill(1));
    const want = expected(original);
    assert.deepEqual(fromZip, want);
    assert.deepEqual(inOrderOf(original, fromFolder), want);
  });

  test('the zip round trip gives identical results for all 1,022 process-products', () => {
    assertIdenticalResults(originalResults, calculateAll(fromZip));
  });

  test('the folder round trip gives identical results once the datasets are in the original order', () => {
    assertIdenticalResults(originalResults, calculateAll(inOrderOf(original, fromFolder)));
  });

  test('in file-name order, only rounding changes (same flows, relative differences below 1e-9)', () => {
    const { results } = calculateAll(fromFolder);
    const byDemand = new Map(results.map((r) => [`${r.demand.processId}|${r.demand.productId}`, r]));
    assert.equal(byDemand.size, 1022);
    for (const x of originalResults.results) {
      const y = byDemand.get(`${x.demand.processId}|${x.demand.productId}`);
      assert.ok(y);
      const amounts = new Map(y.inventory.map((e) => [e.flowId, e.amount]));
      assert.equal(amounts.size, x.inventory.length);
      for (const e of x.inventory) {
        const v = amounts.get(e.flowId) as number;
        assert.ok(Math.abs(v - e.amount) <= 1e-9 * Math.abs(e.amount), `${e.name}: ${v} vs ${e.amount}`);
      }
    }
  });
});
