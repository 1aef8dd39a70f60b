import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './test-support/run-cli.js';
import { textWidth } from './text-width.js';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= 1e-12 * Math.abs(expected), `${actual} ≠ ${expected}`);

test('grid: a hypothetical mix with an import and losses, compared with the national 2024 life-cycle factor', async () => {
  const r = await run(
    'grid',
    '--mix',
    'coal=0.6,hydro=0.2,wind=0.1,solar-pv=0.1',
    '--import',
    '西南=0.2@0.3',
    '--losses',
    '0.05',
    '--compare',
    '全国',
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  // Own generation: 0.6·0.924 + 0.2·0.0141 + 0.1·0.0324 + 0.1·0.052 = 0.56566 (2024 per-type factors).
  close(result.generationFactor, 0.6 * 0.924 + 0.2 * 0.0141 + 0.1 * 0.0324 + 0.1 * 0.052);
  // Supply: 0.8 · 0.56566 + 0.2 · 0.3 = 0.512528; consumption: 0.512528 / 0.95 + 0.0046 (T&D without losses).
  close(result.supplyFactor, 0.8 * 0.56566 + 0.2 * 0.3);
  close(result.consumptionFactor, (0.8 * 0.56566 + 0.2 * 0.3) / 0.95 + 0.0046);
  close(result.comparison.published, 0.5777);
  close(result.comparison.difference, (0.8 * 0.56566 + 0.2 * 0.3) / 0.95 + 0.0046 - 0.5777);
  const text = await run('grid', '--mix', 'coal=0.5,hydro=0.5', '--year', '2023', '--compare', 'Jiangsu');
  assert.equal(text.code, 0, text.stderr);
  // 0.5 · 0.944 + 0.5 · 0.0143 + 0.0036 (2023 T&D) = 0.48275 (printed to 4 places); Jiangsu 2023 CO2 factor 0.5827.
  assert.match(text.stdout, /consumption 0\.482[78] kg CO2e\/kWh/);
  assert.match(text.stdout, /Published .*0\.5827/);
});

test('grid: every breakdown line multiplies out, and the columns line up with Chinese names', async () => {
  const r = await run(
    'grid',
    '--mix',
    'coal=0.6,hydro=0.2,wind=0.1,solar-pv=0.1',
    '--import',
    '西南=0.2@0.3',
    '--losses',
    '0.05',
  );
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  const coal = lines.find((l) => /^\s+coal\s/.test(l)) ?? '';
  const imported = lines.find((l) => l.includes('import 西南')) ?? '';
  // coal: 60 % of the own generation; of the supply 0.8 × 60 % = 48.0 %; 0.48 × 0.924 = 0.44352
  assert.match(coal, /60\.0 %\s+48\.0 %\s+×\s+0\.9240\s+→\s+0\.4435$/);
  // the import: 20 % of the supply × 0.3 = 0.06
  assert.match(imported, /20\.0 %\s+×\s+0\.3000\s+→\s+0\.0600$/);
  assert.match(r.stdout, /own generation × 80\.0 % \(20\.0 % is imported\)/);
  // 西南 is two characters but four terminal columns: '×' and '→' stand in the same column on both lines.
  const column = (line: string, mark: string) => textWidth(line.slice(0, line.indexOf(mark)));
  assert.equal(column(imported, '×'), column(coal, '×'));
  assert.equal(column(imported, '→'), column(coal, '→'));
  const total = lines.find((l) => l.includes('consumption factor')) ?? '';
  assert.equal(column(total, '='), column(coal, '→'));
  // 0.512528 / 0.95 + 0.0046 = 0.5441031… (see the test above)
  assert.match(total, /0\.5441$/);
  // JSON carries the same shares: shareOfSupply = 0.8 × share.
  const json = JSON.parse(
    (await run('grid', '--mix', 'coal=0.6,hydro=0.4', '--import', '西南=0.2@0.3', '--format', 'json')).stdout,
  );
  close(json.breakdown.ownGenerationShare, 0.8);
  close(json.breakdown.generation[0].shareOfSupply, 0.8 * 0.6);
});

test('grid --compare: the model year, else the latest published year with a note; a missing year lists the years', async () => {
  const compare = async (...argv: string[]) => {
    const r = await run('grid', '--mix', 'coal=0.5,hydro=0.5', '--losses', '0', ...argv, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    return JSON.parse(r.stdout).comparison as { publishedId: string; published: number; notes: string[] };
  };
  // Jiangsu has no 2024 factor (the default model year): the latest, 2023, with a note saying so.
  const jiangsu = await compare('--compare', 'Jiangsu');
  assert.equal(jiangsu.publishedId, 'cn-co2-location-average-2023-jiangsu');
  close(jiangsu.published, 0.5827);
  assert.match(
    jiangsu.notes[0],
    /not published for 2024 \(the model's year\): compared with the latest, 2023/,
  );
  assert.ok(
    jiangsu.notes.some((n) =>
      /published factor is for 2023, the model uses the per-type factors of 2024/.test(n),
    ),
  );
  // The model's own year when it was published: no year note.
  const same = await compare('--year', '2023', '--compare', '江苏');
  assert.equal(same.publishedId, 'cn-co2-location-average-2023-jiangsu');
  assert.ok(!same.notes.some((n) => /is for \d{4}/.test(n)));
  // 全国 is always the life-cycle factor; another year than the model's is noted.
  const national = await compare('--compare', '全国:2023');
  assert.equal(national.publishedId, 'cn-life-cycle-national-average-2023');
  assert.ok(
    national.notes.some((n) =>
      /published factor is for 2023, the model uses the per-type factors of 2024/.test(n),
    ),
  );
  assert.equal((await compare('--compare', 'China')).publishedId, 'cn-life-cycle-national-average-2024');
  for (const [argument, message] of [
    [
      'Jiangsu:2024',
      /not published for 2024; it exists for 2021, 2022, 2023 \(e\.g\. --compare Jiangsu:2023\)/,
    ],
    [
      '全国:2022',
      /life-cycle .*not published for 2022; it exists for 2023, 2024 \(e\.g\. --compare 全国:2024\)/,
    ],
    ['Jiangsu:2023:x', /is not <area>\[:<year>\]/],
  ] as const) {
    const r = await run('grid', '--mix', 'coal=1', '--compare', argument);
    assert.equal(r.code, 2, argument);
    assert.match(r.stderr, message);
  }
});

test('grid --factor: a factor of one’s own for a type, with its source', async () => {
  const r = await run(
    'grid',
    '--mix',
    'coal=0.5,oil=0.5',
    '--factor',
    'oil=0.8@plant EPD (illustrative)',
    '--factor',
    'coal=0.9@another EPD (illustrative)',
    '--losses',
    '0',
    '--format',
    'json',
  );
  assert.equal(r.code, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  // 0.5 × 0.9 + 0.5 × 0.8 = 0.85; + 0.0046 (2024 T&D without losses)
  close(result.generationFactor, 0.85);
  close(result.consumptionFactor, 0.85 + 0.0046);
  assert.equal(result.breakdown.generation[1].source, 'plant EPD (illustrative)');
  assert.ok(result.notes.some((n: string) => /oil: the user's factor 0\.8 .*no published factor/.test(n)));
  assert.ok(
    result.notes.some((n: string) => /coal: the user's factor 0\.9 .*replaces the published one/.test(n)),
  );
});

test('grid: notes and errors name the command-line option as well as the library field', async () => {
  const r = await run('grid', '--mix', 'wind=1');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /`lossFraction`; `cfp grid --losses 0\.05`/);
  const oil = await run('grid', '--mix', 'oil=1');
  assert.equal(oil.code, 2);
  assert.match(oil.stderr, /`factorOverrides`; `cfp grid --factor oil=<value>@<source>`/);
  const sum = await run('grid', '--mix', 'coal=0.5');
  assert.match(sum.stderr, /`imports`; `cfp grid --import/);
});

test('grid: bad input exits 2 and says how to fix it', async () => {
  const cases: [string[], RegExp][] = [
    [['grid'], /--mix is required/],
    [['grid', '--mix', 'coal=0.6,hydro=0.3'], /sum/i],
    [['grid', '--mix', 'coal'], /is not <type>=<share>/],
    [['grid', '--mix', 'coal=1', '--import', '西南=0.2'], /is not <grid>=<share>@<factor>/],
    [['grid', '--mix', 'coal=1', '--compare', 'Atlantis'], /Atlantis/],
    [['grid', '--mix', 'uranium=1'], /uranium/],
    [['grid', '--mix', 'oil=1', '--factor', 'oil=0.8'], /is not <type>=<value>@<source>/],
    [['grid', '--mix', 'oil=1', '--factor', 'oil=0.8@ '], /is not <type>=<value>@<source>/],
    [['grid', '--mix', 'oil=1', '--factor', 'oil=x@src'], /--factor oil must be a number/],
    [['grid', '--mix', 'oil=1', '--factor', 'oil=-1@src'], /factor given for 'oil'/],
    [['grid', '--mix', 'oil=1', '--factor', 'oil=1@a', '--factor', 'oil=2@b'], /given twice/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
  }
});
