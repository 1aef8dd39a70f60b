import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import type { Database } from '@opencfp/core';
import type { ImportIssue } from './import-issue.js';
import { readJsonLd } from './read-json-ld.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const zipPath = join(shared, 'data/uslci/uslci-jsonld-olca1.5.zip');

describe('US LCI (openLCA 1.5 JSON-LD export)', () => {
  let db: Database;
  let issues: ImportIssue[];

  before(async () => {
    // Fail, not skip: this is the reference data set for the reader.
    assert.ok(
      existsSync(zipPath),
      `US LCI export not found at ${zipPath}. Set OPENCFP_SHARED to the folder that holds data/uslci/.`,
    );
    ({ data: db, issues } = await readJsonLd(zipPath));
  });

  test('reads all datasets', () => {
    // The zip lists 767 entries under processes/ and 4,602 under flows/, but one of each is the folder entry
    // itself ('processes/', 'flows/'): there are 766 process and 4,601 flow files, and all of them are valid.
    assert.equal(db.processes.length, 766);
    assert.equal(db.flows.length, 4601);
    assert.equal(db.unitGroups.length, 27);
    assert.equal(db.flowProperties.length, 33);
    assert.equal(db.locations.length, 11);
    assert.equal(db.sources.length, 686);
    assert.equal(db.actors.length, 77);
    assert.equal(db.name, 'uslci-jsonld-olca1.5');
    const exchanges = db.processes.flatMap((p) => p.exchanges);
    assert.equal(exchanges.length, 32526);
    assert.equal(exchanges.filter((e) => e.formula !== undefined).length, 259);
    assert.equal(exchanges.filter((e) => e.uncertainty !== undefined).length, 5539 - 4811 - 27);
    assert.ok(db.processes.every((p) => p.exchanges.filter((e) => e.isReference).length === 1));
  });

  test('has no error-level issues, and only known data-quality warnings', () => {
    assert.deepEqual(
      issues.filter((i) => i.severity === 'error'),
      [],
    );
    const counts = new Map<string, number>();
    for (const i of issues) counts.set(i.code, (counts.get(i.code) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(counts), {
      // 4,811 log-normal distributions with geomSd 0 and 27 triangles with minimum > maximum, in 19 processes.
      INVALID_UNCERTAINTY: 19,
      // 11,542 causal factors with an exchange but no product, and 100 physical factors without a product.
      ALLOCATION_FACTOR_WITHOUT_PRODUCT: 40,
      // Factors that name elementary flows (e.g. 'Carbon dioxide') as the product.
      ALLOCATION_PRODUCT_NOT_IN_PROCESS: 5,
      // Causal factors for exchanges the process does not have.
      ALLOCATION_EXCHANGE_NOT_IN_PROCESS: 2,
    });
    const withoutProduct = issues
      .filter((i) => i.code === 'ALLOCATION_FACTOR_WITHOUT_PRODUCT')
      .reduce((sum, i) => sum + Number(/^(\d+)/.exec(i.message)?.[1]), 0);
    assert.equal(withoutProduct, 11642);
  });

  test('maps a known process', () => {
    const p = db.processes.find((x) => x.id === 'c2a7ddaa-164e-3a05-b063-221f68080142');
    assert.ok(p);
    assert.equal(p.name, 'Transport, single unit truck, long-haul, diesel powered, West');
    assert.equal(p.type, 'unit');
    assert.equal(db.locations.find((l) => l.id === p.locationId)?.name, 'RNA');
    assert.match(p.category ?? '', /\/General Freight Trucking$/);
    const ref = p.exchanges.find((e) => e.isReference);
    assert.equal(ref?.flowId, '54766077-529d-3c2d-b69c-38b2f95eaefe');
    assert.equal(ref?.unitId, '0dea4ed8-bb6b-4049-b2b4-b2c413ef2180');
    assert.deepEqual(
      p.exchanges.map((e) => e.internalId),
      p.exchanges.map((_, i) => i + 1),
    );
  });

  test('classifies the elementary flows as legacy USLCI nomenclature', () => {
    const elementary = db.flows.filter((f) => f.type === 'elementary');
    assert.equal(elementary.length, 2918);
    const legacy = elementary.filter((f) => f.nomenclature === 'uslci-legacy').length;
    assert.equal(legacy + elementary.filter((f) => f.nomenclature === 'unknown').length, elementary.length);
    assert.ok(legacy > 2500, `${legacy} legacy flows`);
    assert.equal(
      db.flows.find((f) => f.id === '0008c7fe-f521-392f-a08f-155f38e3a8f1')?.category,
      'resource/in ground',
    );
  });
});
