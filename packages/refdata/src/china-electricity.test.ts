import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  CHINA_ELECTRICITY_SOURCES,
  GENERATION_TYPES,
  chinaElectricityFactor,
  chinaElectricityFactors,
  chinaElectricityGaps,
  chinaGenerationTypeFactors,
  chinaRegionName,
} from './china-electricity.js';
import { RefdataError } from './errors.js';

/** The repository root, found from this compiled file (packages/refdata/dist/). */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const shared = process.env.OPENCFP_SHARED ?? resolve(repoRoot, '../shared');
const csvPath = resolve(shared, 'reference/factors/china-electricity.csv');

interface CsvCell {
  kind: string;
  row: string;
  column: string;
  /** undefined for an empty cell */
  value: number | undefined;
}

/**
 * Every cell of the CSV. It has two tables: 'kind,region,level,2021,2022,2023' (the CO2 factors) and, announced by
 * a comment line ending in ': kind,source,2023,2024', the carbon-footprint rows (kind 'cfp'). Fails loudly when
 * the file is missing.
 */
function readCsv(): CsvCell[] {
  if (!existsSync(csvPath))
    throw new Error(
      `test data missing: ${csvPath}. Put the shared folder beside the repository or set OPENCFP_SHARED to it.`,
    );
  const lines = readFileSync(csvPath, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  let header: string[] | undefined;
  let cfpHeader: string[] | undefined;
  const cells: CsvCell[] = [];
  for (const line of lines) {
    if (line.startsWith('#')) {
      const announced = /:\s*(kind,source,[\d,]+)\s*$/.exec(line);
      if (announced) cfpHeader = announced[1].split(',');
      continue;
    }
    const fields = line.split(',');
    if (header === undefined) {
      header = fields;
      assert.deepEqual(header.slice(0, 3), ['kind', 'region', 'level']);
      continue;
    }
    const columns = fields[0] === 'cfp' ? cfpHeader : header;
    assert.ok(columns, `no header for row '${line}'`);
    assert.equal(fields.length, columns.length, `row '${line}' has ${fields.length} cells`);
    const firstYear = columns.findIndex((c) => /^\d{4}$/.test(c));
    for (let i = firstYear; i < columns.length; i++) {
      const text = fields[i].trim();
      const value = text === '' ? undefined : Number(text);
      if (value !== undefined) assert.ok(Number.isFinite(value), `'${text}' in '${line}' is not a number`);
      cells.push({ kind: fields[0], row: fields[1], column: columns[i], value });
    }
  }
  return cells;
}

const key = (c: { kind: string; row: string; column: string }) => `${c.kind}|${c.row}|${c.column}`;

describe('China electricity factors', () => {
  const cells = readCsv();

  it('has one record per non-empty CSV cell, equal to it, and none that is not in the CSV', () => {
    const byCell = new Map(chinaElectricityFactors.map((f) => [key(f.csvCell), f]));
    assert.equal(byCell.size, chinaElectricityFactors.length, 'two records for one cell');
    const filled = cells.filter((c) => c.value !== undefined);
    for (const cell of filled) {
      const record = byCell.get(key(cell));
      assert.ok(record, `no record for ${key(cell)}`);
      assert.equal(record.value, cell.value, key(cell));
      assert.equal(String(record.year), cell.column, key(cell));
    }
    assert.equal(chinaElectricityFactors.length, filled.length);
    // 3 national CO2 rows + 7 regional + 30 provincial, 3 years each; 11 carbon-footprint rows × 2 years − 1 empty
    assert.equal(filled.length, (3 + 7 + 30) * 3 + 11 * 2 - 1);
    assert.equal(chinaElectricityFactors.length, 141);
  });

  it('represents each empty cell as a gap, never as a value', () => {
    const empty = cells.filter((c) => c.value === undefined);
    assert.deepEqual(empty.map(key), ['cfp|输配电(含线损)|2023']);
    assert.deepEqual(
      chinaElectricityGaps.map((g) => key(g.csvCell)),
      empty.map(key),
    );
    assert.equal(
      chinaElectricityFactors.find((f) => f.lineLosses === 'included' && f.year === 2023),
      undefined,
    );
    assert.throws(
      () =>
        chinaElectricityFactor({
          region: '全国',
          year: 2023,
          scope: 'life-cycle',
          variant: 'transmission-distribution',
          lineLosses: 'included',
        }),
      (e: unknown) => e instanceof RefdataError && e.code === 'UNKNOWN_CHINA_ELECTRICITY_FACTOR',
    );
  });

  it('records level, unit, basis and source as the CSV kind and year say', () => {
    // the CSV's level column, by region (the CO2 table only)
    const levels = new Map<string, string>();
    for (const line of readFileSync(csvPath, 'utf8').split(/\r?\n/)) {
      const [kind, region, level] = line.split(',');
      if (kind?.startsWith('co2_')) levels.set(region, level);
    }
    for (const f of chinaElectricityFactors) {
      if (f.csvCell.kind === 'cfp') {
        assert.equal(f.unit, 'kg CO2e/kWh', f.id);
        assert.deepEqual(
          [f.basis.gas, f.basis.scope, f.level, f.region],
          ['CO2e', 'life-cycle', 'national', '全国'],
        );
        assert.equal(f.source, CHINA_ELECTRICITY_SOURCES[`mee-nbs-nea-cfp-${f.year}`], f.id);
      } else {
        assert.equal(f.unit, 'kg CO2/kWh', f.id);
        assert.deepEqual([f.basis.gas, f.basis.scope], ['CO2', 'operational']);
        assert.equal(f.level, levels.get(f.region), f.id);
        assert.equal(f.source, CHINA_ELECTRICITY_SOURCES[`mee-nbs-co2-${f.year}`], f.id);
        const variant = {
          co2_location_avg: 'location-average',
          co2_excl_market_nonfossil: 'excluding-market-traded-non-fossil',
          co2_fossil_only: 'fossil-only',
        }[f.csvCell.kind];
        assert.equal(f.basis.variant, variant, f.id);
      }
      assert.ok(f.source.issuer && f.source.document && f.source.licence, f.id);
      assert.match(f.source.publicationDate, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(f.name && f.nameChinese && f.regionEnglish && f.notes, f.id);
    }
    assert.equal(new Set(chinaElectricityFactors.map((f) => f.id)).size, chinaElectricityFactors.length);
  });

  it('has the 7 regional grids and 30 provinces, each province with its grid(s)', () => {
    const regional = new Set(
      chinaElectricityFactors.filter((f) => f.level === 'regional').map((f) => f.region),
    );
    assert.deepEqual([...regional].sort(), ['东北', '华东', '华中', '华北', '南方', '西北', '西南'].sort());
    const provinces = chinaElectricityFactors.filter((f) => f.level === 'provincial');
    assert.equal(new Set(provinces.map((f) => f.region)).size, 30);
    for (const p of provinces) {
      assert.ok(p.regionalGrids && p.regionalGrids.length > 0, p.id);
      for (const grid of p.regionalGrids) assert.ok(regional.has(grid), p.id);
    }
    assert.deepEqual(chinaElectricityFactor({ region: '内蒙古', year: 2021 }).regionalGrids, [
      '华北',
      '东北',
    ]);
    assert.deepEqual(chinaElectricityFactor({ region: 'Jiangsu', year: 2021 }).regionalGrids, ['华东']);
  });

  it('has the 2024 life-cycle factor of every generation type as published', () => {
    const factors = chinaGenerationTypeFactors(2024);
    // 2024 announcement (2025-09-28): 燃煤 0.924, 燃气 0.4503, 水力 0.0141, 核能 0.0065, 风力 0.0324, 光伏 0.052,
    // 光热 0.0312, 生物质 0.0404 kg CO2e/kWh
    assert.deepEqual(Object.fromEntries(GENERATION_TYPES.map((t) => [t, factors[t].value])), {
      coal: 0.924,
      gas: 0.4503,
      hydro: 0.0141,
      nuclear: 0.0065,
      wind: 0.0324,
      'solar-pv': 0.052,
      'solar-thermal': 0.0312,
      biomass: 0.0404,
    });
    assert.equal(chinaGenerationTypeFactors(2023).coal.value, 0.944);
    const td = (year: number, lineLosses: 'excluded' | 'included') =>
      chinaElectricityFactor({
        region: 'China',
        year,
        scope: 'life-cycle',
        variant: 'transmission-distribution',
        lineLosses,
      }).value;
    assert.equal(td(2024, 'excluded'), 0.0046);
    assert.equal(td(2024, 'included'), 0.0327);
    assert.equal(td(2023, 'excluded'), 0.0036);
    assert.equal(chinaElectricityFactor({ region: 'china', year: 2024, scope: 'life-cycle' }).value, 0.5777);
  });

  it('finds areas by Chinese or English name, and says what exists when nothing does', () => {
    assert.equal(chinaRegionName('East China'), '华东');
    assert.equal(chinaRegionName(' jiangsu '), '江苏');
    assert.equal(chinaRegionName('江苏'), '江苏');
    assert.equal(chinaRegionName('Tibet'), undefined);
    assert.equal(chinaElectricityFactor({ region: 'east china', year: 2023 }).value, 0.55);
    assert.equal(
      chinaElectricityFactor({ region: '全国', year: 2023, variant: 'excluding-market-traded-non-fossil' })
        .value,
      0.6096,
    );
    assert.throws(
      () => chinaElectricityFactor({ region: 'Jiangsu', year: 2024 }),
      (e: unknown) =>
        e instanceof RefdataError &&
        e.code === 'UNKNOWN_CHINA_ELECTRICITY_FACTOR' &&
        /2021, 2022, 2023/.test(e.message),
    );
    assert.throws(
      () => chinaElectricityFactor({ region: 'Tibet', year: 2023 }),
      (e: unknown) => e instanceof RefdataError && /East China/.test(e.message),
    );
  });
});
