// A synthetic public registry for benchmarks: many published footprints with realistic names in English and Chinese,
// companies, categories, regions, rule sets, years and verification modes, made by one INSERT … SELECT over
// generate_series (a million rows in a minute or two on PostgreSQL). Every row is marked synthetic in its detail and
// belongs to organisations named "Synthetic …": none of it is a real product's footprint.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { registryChanged } from '../repositories/registry.js';
import type { Store } from '../store.js';
import { searchTokens } from './search-tokens.js';

/** Product kinds: English and Chinese names, a CPC-like category code, the declared unit, a typical total range. */
const PRODUCTS: readonly [string, string, string, string, number, number][] = [
  ['LFP battery cell', '磷酸铁锂电芯', '46410', 'kWh', 40, 90],
  ['NMC battery cell', '三元锂电芯', '46410', 'kWh', 60, 120],
  ['EV battery pack', '动力电池包', '46410', 'kWh', 50, 130],
  ['Energy storage battery system', '储能电池系统', '46410', 'kWh', 45, 110],
  ['Mono-Si PERC PV module', '单晶PERC光伏组件', '46320', 'kWp', 300, 700],
  ['TOPCon PV module', 'TOPCon光伏组件', '46320', 'kWp', 280, 650],
  ['Battery-electric passenger car', '纯电动乘用车', '49113', 'unit', 15000, 40000],
  ['Petrol passenger car', '汽油乘用车', '49112', 'unit', 20000, 50000],
  ['Laptop computer', '笔记本电脑', '45230', 'unit', 150, 450],
  ['Cotton T-shirt', '棉质T恤', '28222', 'unit', 2, 9],
  ['Polyester garment', '涤纶服装', '28229', 'unit', 4, 15],
  ['Aluminium ingot', '铝锭', '41432', 'kg', 4, 18],
  ['Hot-rolled steel coil', '热轧钢卷', '41231', 'kg', 1.5, 3],
  ['Float glass', '浮法玻璃', '37115', 'kg', 0.8, 1.6],
  ['Portland cement', '硅酸盐水泥', '37440', 'kg', 0.5, 1],
  ['Lithium carbonate', '碳酸锂', '34290', 'kg', 5, 20],
];
const REGIONS = [
  'CN',
  'CN-JS',
  'CN-GD',
  'CN-FJ',
  'CN-SC',
  'CN-ZJ',
  'DE',
  'FR',
  'US',
  'KR',
  'JP',
  'VN',
  'HU',
  'PL',
];
const RULE_SETS = [
  'iso-14067-2018',
  'gb-t-24067-2024',
  'ghg-protocol-product-2011',
  'pas-2050-2011',
  'eu-pef-2021-2279',
  'eu-battery-cfb-ev-2023',
  'pact-methodology-3.0',
];
const NAME_PARTS = [
  '华',
  '东',
  '新',
  '能',
  '科',
  '晶',
  '宁',
  '天',
  '盛',
  '源',
  '江',
  '海',
  '恒',
  '远',
  '达',
  '泰',
];
const NAME_ENDINGS = ['科技有限公司', '新能源有限公司', '材料股份有限公司', '制造有限公司'];

/**
 * Seeds `count` synthetic published footprints (products with two versions, the older superseded) across
 * `companies` synthetic organisations, for benchmarks: on PostgreSQL it also turns autovacuum off for the registry
 * table (it vacuums and analyses the table itself).
 *
 * @example await seedSyntheticRegistry(store, { count: 1_000_000 });
 */
export async function seedSyntheticRegistry(
  store: Store,
  options: { count: number; companies?: number },
): Promise<{ organisations: number }> {
  const companies = options.companies ?? Math.max(10, Math.min(5000, Math.round(options.count / 200)));
  const suffix = randomUUID().slice(0, 8);
  const orgRows = Array.from({ length: companies }, (_, k) => {
    const zh = `${NAME_PARTS[k % 16]}${NAME_PARTS[Math.floor(k / 16) % 16]}${NAME_PARTS[Math.floor(k / 256) % 16]}${NAME_ENDINGS[k % 4]}`;
    const slug = `synthetic-${suffix}-${k}`;
    const name = `Synthetic ${zh} ${k}`;
    return { id: randomUUID(), name, slug, tokens: searchTokens(`${name} ${slug}`) };
  });
  await store.transaction(async (trx) => {
    for (let k = 0; k < orgRows.length; k += 1000)
      await trx
        .insertInto('organisations')
        .values(orgRows.slice(k, k + 1000).map(({ id, name, slug }) => ({ id, name, slug })))
        .execute();
    await sql`create temporary table synthetic_products (i int, name_en text, name_zh text, code text, unit text,
      low float8, high float8, tokens text[]) on commit drop`.execute(trx);
    await sql`create temporary table synthetic_companies (i int, id text, name text, slug text, tokens text[])
      on commit drop`.execute(trx);
    await sql`create temporary table synthetic_vocabulary (kind text, i int, value text, tokens text[])
      on commit drop`.execute(trx);
    for (const [i, [en, zh, code, unit, low, high]] of PRODUCTS.entries())
      await sql`insert into synthetic_products values (${i}, ${en}, ${zh}, ${code}, ${unit}, ${low}, ${high},
        ${searchTokens(`${en} ${zh} ${code}`)}::text[])`.execute(trx);
    for (let k = 0; k < orgRows.length; k += 500) {
      const chunk = orgRows.slice(k, k + 500);
      // Words hold no spaces: each organisation's words travel as one space-joined text.
      await sql`insert into synthetic_companies
        select i, id, name, slug, string_to_array(words, ' ')
        from unnest(${chunk.map((_, j) => k + j)}::int[], ${chunk.map((o) => o.id)}::text[],
          ${chunk.map((o) => o.name)}::text[], ${chunk.map((o) => o.slug)}::text[],
          ${chunk.map((o) => o.tokens.join(' '))}::text[]) as t(i, id, name, slug, words)`.execute(trx);
    }
    for (const [i, r] of REGIONS.entries())
      await sql`insert into synthetic_vocabulary values ('region', ${i}, ${r}, ${searchTokens(r)}::text[])`.execute(
        trx,
      );
    for (const [i, r] of RULE_SETS.entries())
      await sql`insert into synthetic_vocabulary values ('rule-set', ${i}, ${r}, ${searchTokens(r)}::text[])`.execute(
        trx,
      );
    // Rows g and g + 1 (g even) are two versions of one product (the older superseded): kind, company, region and
    // model number 'm' || g / 2 follow the product; rule set, year, verification and total vary by version.
    await sql`insert into registry_entries (statement_id, study_id, organisation_id, product_key, product_name_en,
        product_name_zh, company_name, company_slug, category_scheme, category_code, region, rule_set_id,
        rule_set_version, reference_year, verification, verifier_name, total, declared_unit_amount, declared_unit,
        boundary, detail, statement_jws, status, superseded_by, status_at, published_at, search)
      select
        ${suffix} || '-' || lpad(g::text, 8, '0'),
        ${suffix} || '-study-' || g,
        c.id,
        ${suffix} || '-product-' || (g / 2),
        p.name_en || ' M' || (g / 2),
        p.name_zh || ' M' || (g / 2),
        c.name,
        c.slug,
        'CPC',
        p.code,
        r.value,
        s.value,
        '1',
        2020 + (g % 7),
        (array['third-party', 'self-declared', 'certified'])[1 + (g * 7 % 10) / 5 + (g * 7 % 10) / 9],
        case when (g * 7 % 10) < 5 or (g * 7 % 10) = 9 then 'Synthetic Verifier ' || (g % 50) end,
        p.low + (p.high - p.low) * ((g * 2654435761::bigint) % 1000003) / 1000003.0,
        1,
        p.unit,
        case when g % 3 = 0 then 'cradle-to-grave' else 'cradle-to-gate' end,
        jsonb_build_object('synthetic', true, 'note', 'synthetic benchmark data, not a real footprint'),
        'synthetic.statement.' || g,
        case when g % 2 = 0 and g + 1 < ${options.count} then 'superseded' else 'published' end,
        case when g % 2 = 0 and g + 1 < ${options.count} then ${suffix} || '-' || lpad((g + 1)::text, 8, '0') end,
        case when g % 2 = 0 and g + 1 < ${options.count} then timestamptz '2026-01-01' + g * interval '1 second' end,
        timestamptz '2020-01-01' + g * interval '150 seconds',
        array_to_tsvector(p.tokens || array['m' || (g / 2)] || c.tokens || r.tokens || s.tokens)
      from generate_series(0, ${options.count - 1}) g
      join synthetic_products p on p.i = (g / 2) % ${PRODUCTS.length}
      join synthetic_companies c on c.i = ((g / 2) * 40503::bigint) % ${companies}
      join synthetic_vocabulary r on r.kind = 'region' and r.i = (g / 14) % ${REGIONS.length}
      join synthetic_vocabulary s on s.kind = 'rule-set' and s.i = (g / 3) % ${RULE_SETS.length}`.execute(
      trx,
    );
  });
  registryChanged();
  // A benchmark's database: the seed vacuums the table itself, and an autovacuum worker busy on a million fresh
  // rows would only disturb the timings (and hold up dropping the database).
  if (store.kind === 'postgres')
    await sql`alter table registry_entries set (autovacuum_enabled = false)`.execute(store.db);
  // Vacuumed, not only analysed: the visibility map lets statistics read the totals from their index alone, as on
  // a database whose autovacuum has run.
  await sql`vacuum (analyze) registry_entries`.execute(store.db);
  return { organisations: companies };
}
