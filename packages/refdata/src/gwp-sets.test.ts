import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { RefdataError } from './errors.js';
import { DEFAULT_GWP_SET_ID, gwpSet, gwpSets, gwpValue } from './gwp-sets.js';

/** The repository root, found from this compiled file (packages/refdata/dist/). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const csvPath = resolve(shared, 'reference/factors/ipcc-gwp.csv');

/** The CSV as column → species → value (empty cells left out). Fails loudly when the file is missing. */
function readCsv(): Map<string, Map<string, number>> {
  if (!existsSync(csvPath))
    throw new Error(
      `test data missing: ${csvPath}. Put the shared folder beside the repository or set OPENCFP_SHARED to it.`,
    );
  const lines = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  const header = lines[0].split(',');
  assert.equal(header[0], 'Species');
  const columns = new Map<string, Map<string, number>>(header.slice(1).map((c) => [c, new Map()]));
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    assert.equal(cells.length, header.length, `row ${cells[0]} has ${cells.length} cells`);
    for (let i = 1; i < header.length; i++) {
      const cell = cells[i].trim();
      if (cell === '') continue;
      const value = Number(cell);
      assert.ok(Number.isFinite(value), `${cells[0]}/${header[i]}: '${cell}' is not a number`);
      columns.get(header[i])!.set(cells[0], value);
    }
  }
  return columns;
}

/** Factors that are not in the CSV, each with its own citation. */
const EXTRA_SPECIES = new Set(['CO2', 'CH4-fossil', 'CH4-non-fossil']);

describe('GWP sets', () => {
  const csv = readCsv();

  it('has one set per CSV column, with unique ids', () => {
    assert.deepEqual(new Set(gwpSets.map((s) => s.csvColumn)), new Set(csv.keys()));
    assert.equal(new Set(gwpSets.map((s) => s.id)).size, gwpSets.length);
    assert.equal(gwpSets[0].id, DEFAULT_GWP_SET_ID);
    assert.equal(gwpSet().id, 'ipcc-ar6-gwp100');
  });

  for (const set of gwpSets) {
    it(`${set.id}: every value equals the CSV cell of ${set.csvColumn}, and none is missing`, () => {
      const column = csv.get(set.csvColumn);
      assert.ok(column, `no CSV column ${set.csvColumn}`);
      const fromCsv = set.factors.filter((f) => !EXTRA_SPECIES.has(f.species));
      assert.equal(new Set(set.factors.map((f) => f.species)).size, set.factors.length, 'duplicate species');
      for (const f of fromCsv) assert.equal(f.value, column.get(f.species), `${set.id} ${f.species}`);
      assert.deepEqual(
        [...column.keys()].filter((species) => gwpValue(set, species) === undefined),
        [],
        'CSV values missing from the data',
      );
      assert.equal(fromCsv.length, column.size);
    });

    it(`${set.id}: CO2 = 1 and provenance is filled in`, () => {
      assert.equal(gwpValue(set, 'CO2'), 1);
      assert.match(set.source, /IPCC/);
      assert.match(set.licence, /IPCC/);
      assert.ok(set.year >= 1995 && set.year <= 2021);
      assert.ok([20, 100, 500].includes(set.horizon));
      assert.ok(set.id.endsWith(`-${set.metric.toLowerCase()}${set.horizon}`) || set.id.endsWith('-ccf'));
      for (const f of set.factors)
        assert.ok(Number.isFinite(f.value) && f.value > 0, `${set.id} ${f.species}`);
    });
  }

  it('has AR6 fossil and non-fossil methane as in AR6 WG1 Table 7.15', () => {
    // Only GWP100 is given with a checked source (../shared/README.md: AR6 GWP100 CH4 fossil 29.8, non-fossil
    // 27.0); the GWP20 and GTP100 pairs of Table 7.15 are left out until checked against the table itself.
    const cases: [string, number, number][] = [['ipcc-ar6-gwp100', 29.8, 27.0]];
    for (const [id, fossil, nonFossil] of cases) {
      const set = gwpSet(id);
      assert.equal(gwpValue(set, 'CH4-fossil'), fossil, id);
      assert.equal(gwpValue(set, 'CH4-non-fossil'), nonFossil, id);
      assert.match(set.factors.find((f) => f.species === 'CH4-fossil')!.source!, /Table 7\.15/);
    }
    assert.equal(gwpValue(gwpSet('ipcc-ar6-gwp100'), 'CH4'), 27.9);
    for (const set of gwpSets.filter((s) => !cases.some(([id]) => id === s.id)))
      assert.equal(gwpValue(set, 'CH4-fossil'), undefined, set.id);
  });

  it('rejects an unknown id with a coded error that lists the known ids', () => {
    assert.throws(
      () => gwpSet('ipcc-ar7-gwp100'),
      (e: unknown) =>
        e instanceof RefdataError &&
        e.code === 'UNKNOWN_GWP_SET' &&
        e.message.includes('ipcc-ar7-gwp100') &&
        e.message.includes('ipcc-ar6-gwp100'),
    );
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(gwpSets) && Object.isFrozen(gwpSet().factors));
  });
});
