import assert from 'node:assert/strict';
import { test } from 'node:test';
import { run } from './test-support/run-cli.js';

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

test('grid: bad input exits 2 and says how to fix it', async () => {
  const cases: [string[], RegExp][] = [
    [['grid'], /--mix is required/],
    [['grid', '--mix', 'coal=0.6,hydro=0.3'], /sum/i],
    [['grid', '--mix', 'coal'], /is not <type>=<share>/],
    [['grid', '--mix', 'coal=1', '--import', '西南=0.2'], /is not <grid>=<share>@<factor>/],
    [['grid', '--mix', 'coal=1', '--compare', 'Atlantis'], /Atlantis/],
    [['grid', '--mix', 'uranium=1'], /uranium/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
  }
});
