import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { parsePedigree, pedigreeUncertainty, type Database } from '@opencfp/core';
import { readEcoSpold1 } from './read-eco-spold1.js';
import { readJsonLd } from './read-json-ld.js';

// src/ and dist/ are both three levels below the repository root.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');

function release(name: string): string {
  const path = join(shared, 'data/uslci', name);
  // Fail, not skip: the readers' pedigree entries are checked on the real releases.
  assert.ok(existsSync(path), `${path} not found. Set OPENCFP_SHARED to the folder that holds data/uslci/.`);
  return path;
}

function entries(db: Database): Map<string, number> {
  const found = new Map<string, number>();
  for (const p of db.processes)
    for (const e of p.exchanges) if (e.dqEntry) found.set(e.dqEntry, (found.get(e.dqEntry) ?? 0) + 1);
  return found;
}

describe('pedigree entries the readers keep on the US LCI releases parse as pedigree scores', () => {
  test('openLCA JSON-LD: 478 entries, 27 distinct, all "(r;c;t;g;te)"', async () => {
    const { data } = await readJsonLd(release('uslci-jsonld-olca1.5.zip'));
    const found = entries(data);
    assert.equal(
      [...found.values()].reduce((a, b) => a + b, 0),
      478,
    );
    assert.equal(found.size, 27);
    for (const entry of found.keys()) {
      const { scores, sampleSize } = parsePedigree(entry);
      assert.equal(scores.length, 5);
      assert.equal(sampleSize, undefined, entry);
      assert.ok(pedigreeUncertainty(scores).geometricSd >= 1);
    }
    // One of them, by hand: (2;4;2;3;1) → 0.0006 + 0.002 + 0.0002 + 0.0001 + 0 = 0.0029.
    assert.ok(found.has('(2;4;2;3;1)'));
    assert.ok(Math.abs(pedigreeUncertainty('(2;4;2;3;1)').variance - 0.0029) < 1e-15);
  });

  test('EcoSpold 1: six scores with the sample size, "na" not applicable', async () => {
    const { data } = await readEcoSpold1(release('uslci-ecospold1-fy20q3.zip'));
    const found = entries(data);
    assert.deepEqual([...found.keys()].sort(), ['(2,1,1,2,1,3)', '(2,3,2,3,3,5)', '(4,5,na,na,na,na)']);
    assert.deepEqual(parsePedigree('(4,5,na,na,na,na)'), {
      scores: [4, 5, null, null, null],
      sampleSize: null,
    });
    // (4,5,na,na,na): reliability 4 → 0.008, completeness 5 → 0.008, the rest not applicable → σ² = 0.016.
    assert.ok(Math.abs(pedigreeUncertainty('(4,5,na,na,na,na)').variance - 0.016) < 1e-15);
  });
});
