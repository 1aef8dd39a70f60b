import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './test-support/run-cli.js';

test('factors 华东 --year 2023: the East China grid factor with its source', async () => {
  const { code, stdout, stderr } = await run('factors', '华东', '--year', '2023', '--kind', 'electricity');
  assert.equal(code, 0, stderr);
  const lines = stdout.split('\n');
  assert.match(lines[0], /^id\s+value\s+unit\s+region\s+year\s+basis\s+source$/);
  // 2023 East China regional grid: 0.55 kg CO2/kWh (MEE/NBS announcement of the 2023 factors)
  assert.match(
    lines[1],
    /^cn-co2-location-average-2023-east-china\s+0\.55\s+kg CO2\/kWh\s+East China 华东\s+2023\s+CO2, operational, location average\s+\[1\]$/,
  );
  assert.equal(lines[2], '');
  assert.match(
    stdout,
    /\[1\] 生态环境部.*关于发布2023年电力二氧化碳排放因子的公告.*2025-12-31\. https:\/\/www\.mee\.gov\.cn\//,
  );
  assert.match(stdout, /1 factor\. /);
  assert.equal(stderr, '');
});

test('factors Jiangsu: the three provincial factors, and the same in Chinese', async () => {
  const { code, stdout } = await run('factors', 'Jiangsu', '--kind', 'electricity', '--format', 'json');
  assert.equal(code, 0);
  const records = JSON.parse(stdout);
  assert.deepEqual(
    records.map((r: { year: number; value: number; regionChinese: string }) => [
      r.year,
      r.value,
      r.regionChinese,
    ]),
    [
      [2021, 0.6451, '江苏'],
      [2022, 0.5978, '江苏'],
      [2023, 0.5827, '江苏'],
    ],
  );
  assert.match(records[0].source.document, /公告2024年第12号/);
  const chinese = await run('factors', '--region', '江苏', '--kind', 'electricity', '--format', 'json');
  assert.deepEqual(JSON.parse(chinese.stdout), records);
  const table = await run('factors', 'Jiangsu');
  // three rows and two sources in the table: 2021 and 2022 announcements have no URL, 2023 has one
  assert.equal(table.stdout.split('\n').filter((l) => l.startsWith('cn-co2-location-average-')).length, 3);
  assert.match(table.stdout, /\[3\] .*2023年/);
});

test('factors: CSV, several words, GWP values, and the kind filter', async () => {
  const { code, stdout } = await run('factors', 'coal', '2024', '--kind', 'electricity', '--format', 'csv');
  assert.equal(code, 0);
  const [header, row, end] = stdout.split('\n');
  assert.equal(header.split(',').slice(0, 6).join(','), 'id,kind,name,nameChinese,value,unit');
  assert.match(row, /^cn-life-cycle-coal-2024,electricity,.*,0\.924,kg CO2e\/kWh,China,全国,2024,/);
  assert.equal(end, '');
  const gwp = await run('factors', 'N2O', '--kind', 'gwp', '--year', '2021', '--format', 'json');
  // AR6 sets (2021): GWP100 273, GWP20 273, GWP500 130, GTP100 233 — as in gwp-sets.ts
  assert.deepEqual(
    JSON.parse(gwp.stdout).map((r: { id: string }) => r.id),
    ['ipcc-ar6-gwp100:N2O', 'ipcc-ar6-gwp20:N2O', 'ipcc-ar6-gwp500:N2O', 'ipcc-ar6-gtp100:N2O'],
  );
});

test('factors: the starter datasets are in the registry too, with their sources', async () => {
  const { code, stdout } = await run('factors', 'diesel', '--kind', 'starter-dataset', '--format', 'json');
  assert.equal(code, 0);
  const records = JSON.parse(stdout);
  const stationary = records.find(
    (r: { id: string }) => r.id === 'starter:fuel-diesel-stationary-combustion-ipcc-2006',
  );
  // (74,100 + 3 · 29.8 + 0.6 · 273) kg CO2e per TJ = 0.0743532 kg CO2e per MJ
  assert.ok(Math.abs(stationary.value - 0.0743532) < 1e-15);
  assert.match(stationary.source.document, /2006 IPCC Guidelines/);
  const all = await run('factors', 'Jiangsu');
  assert.match(all.stdout, /starter:electricity-grid-cn-jiangsu-co2-2023\s+0\.5827/);
});

test('factors: no match is a message and exit 0; bad options exit 2', async () => {
  const none = await run('factors', 'Atlantis', '--format', 'json');
  assert.equal(none.code, 0);
  assert.equal(none.stdout, '[]\n');
  assert.match(none.stderr, /no factor matches 'Atlantis'/);
  const noneTable = await run('factors', '华东', '--year', '2030');
  assert.equal(noneTable.code, 0);
  assert.equal(noneTable.stdout, '');
  assert.match(noneTable.stderr, /'华东', year 2030/);
  for (const argv of [
    ['factors', '--year', 'last'],
    ['factors', '--kind', 'nonsense'],
    ['factors', '--format', 'xml'],
    ['factors', '--unknown'],
  ]) {
    const bad = await run(...argv);
    assert.equal(bad.code, 2, argv.join(' '));
    assert.match(bad.stderr, /^cfp: /);
  }
});
