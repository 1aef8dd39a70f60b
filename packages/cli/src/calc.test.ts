import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDatabasePath } from './commands/demo.js';
import { run } from './test-support/run-cli.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${actual} ≠ ${expected}`);

// examples/bicycle-frame/README.md: per kWh delivered (0.6 kg CO2 + 29.8 · 0.0015 kg CH4) / 0.98 = 0.657857… kg CO2e.
const PER_KWH = (0.6 + 29.8 * 0.0015) / 0.98;

test('calc: the bicycle frame footprint, its split and its stages (hand-computed)', async () => {
  const { code, stdout, stderr } = await run('calc', demoDatabasePath, '--process', 'p-frame');
  assert.equal(code, 0, stderr);
  const cfp = JSON.parse(stdout);
  const total = 35.2 * PER_KWH + 2 * 1.5 + 0.4 * 0.05; // 26.176571…
  close(cfp.split.total, total);
  close(cfp.split.fossilEmissions, total);
  assert.equal(cfp.split.biogenicRemovals, 0);
  assert.equal(cfp.gwpSet.id, 'ipcc-ar6-gwp100');
  assert.equal(cfp.biogenicApproach, '-1/+1');
  close(cfp.pact.pCfExcludingBiogenic, total);
  const stage = (id: string) => cfp.byStage.find((s: { id: string }) => s.id === id).amount;
  close(stage('raw-material-acquisition'), 2 * 1.5 + 30 * PER_KWH); // aluminium and its 30 kWh: 22.7357
  close(stage('production'), 5 * PER_KWH); // the frame's 18 MJ = 5 kWh: 3.2893
  close(stage('end-of-life'), 0.4 * 0.05 + 0.2 * PER_KWH); // scrap treatment and its 0.2 kWh: 0.1516
  close(
    cfp.byStage.reduce((a: number, s: { amount: number }) => a + s.amount, 0),
    total,
  );
  assert.equal(cfp.topContributors[0].processId, 'p-electricity');
  // No carbon content in the data: the PACT fields are left out. The frame is counted in items, not mass, so
  // no note asks for one (carbon content is asked of material products).
  assert.doesNotMatch(stderr, /CARBON_CONTENT_MISSING/);
  assert.equal(cfp.pact.fossilCarbonContent, undefined);
});

test('calc: another GWP set, another amount, EU battery stages, CSV and text', async () => {
  const ar5 = JSON.parse(
    (
      await run(
        'calc',
        demoDatabasePath,
        '--process',
        'p-frame',
        '--method',
        'ipcc-ar5-gwp100',
        '--amount',
        '2',
      )
    ).stdout,
  );
  // AR5 GWP100 CH4 (no fossil/non-fossil distinction): 28.
  close(ar5.split.total, 2 * ((35.2 / 0.98) * (0.6 + 28 * 0.0015) + 3.02));
  const eu = JSON.parse(
    (await run('calc', demoDatabasePath, '--process', 'p-frame', '--stages', 'eu-battery')).stdout,
  );
  assert.deepEqual(
    eu.byStage.map((s: { id: string }) => s.id),
    [
      'raw-material-acquisition-and-pre-processing',
      'main-product-production',
      'distribution',
      'end-of-life-and-recycling',
    ],
  );
  close(eu.byStage[1].amount, 5 * PER_KWH);
  const csvRun = await run('calc', demoDatabasePath, '--process', 'p-frame', '--format', 'csv');
  assert.equal(csvRun.code, 0);
  const lines = csvRun.stdout.trim().split('\n');
  assert.equal(lines[0], 'section,key,name,amount,unit,share,mass_kg,factor,counted');
  const totalLine = lines.find((l) => l.startsWith('split,total,'));
  assert.ok(totalLine);
  close(Number(totalLine.split(',')[3]), 35.2 * PER_KWH + 3.02);
  assert.ok(lines.some((l) => l.startsWith('stage,production,Production,')));
  assert.ok(lines.some((l) => l.startsWith('pact,pCfExcludingBiogenic,')));
  const text = await run('calc', demoDatabasePath, '--process', 'p-frame', '--format', 'text');
  assert.match(text.stdout, /Total: 26\.1766 kg CO2e/);
  assert.match(text.stdout, /Raw material acquisition 原材料获取\s+22\.7357/);
});

test('calc: bad options exit 2 with a message that says what to do', async () => {
  const cases: [string[], RegExp][] = [
    [['calc', demoDatabasePath], /--process is required/],
    [
      ['calc', demoDatabasePath, '--process', 'p-frame', '--method', 'ipcc-ar7'],
      /unknown GWP set 'ipcc-ar7'.*ipcc-ar6-gwp100/,
    ],
    [
      ['calc', demoDatabasePath, '--process', 'p-frame', '--biogenic', '1/1'],
      /--biogenic must be one of -1\/\+1, 0\/0/,
    ],
    [['calc', demoDatabasePath, '--process', 'p-frame', '--stages', 'pef'], /--stages must be one of/],
    [['calc', demoDatabasePath, '--process', 'p-frame', '--amount=-1'], /--amount must be a positive number/],
    [['calc', demoDatabasePath, '--process', 'nope'], /nope/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.stderr, message);
  }
});

test('calc on the starter database: --unit converts the declared unit, and starter data is named', async () => {
  // Jiangsu grid electricity, MEE/NBS 2023 CO2 factor 0.5827 kg CO2/kWh; the flow's reference unit is MJ.
  const jiangsu = '74598a7b-cb71-5f37-b2a6-e36d1f608b8b';
  const r = await run('calc', 'starter', '--process', jiangsu, '--unit', 'kWh', '--amount', '2');
  assert.equal(r.code, 0, r.stderr);
  const cfp = JSON.parse(r.stdout);
  assert.equal(cfp.declaredUnit.amount, 2);
  assert.equal(cfp.declaredUnit.unit, 'kWh');
  close(cfp.declaredUnit.referenceAmount, 7.2); // 2 kWh = 7.2 MJ, the flow's reference unit
  assert.equal(cfp.declaredUnit.referenceUnit, 'MJ');
  close(cfp.split.total, 2 * 0.5827);
  assert.match(r.stderr, /STARTER_DATA: 1 process .*replace with a licensed database for certified studies/);
  const bad = await run('calc', 'starter', '--process', jiangsu, '--unit', 'kg');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--unit kg: .* can be given in MJ, kWh/);
});

test('calc: negative-looking values, fuel per kg, diagnostics in JSON, a self-describing CSV, stage checks', async () => {
  // '--biogenic -1/+1' as written in the README (parseArgs alone would take '-1/+1' for an option).
  const r = await run('calc', demoDatabasePath, '--process', 'p-frame', '--biogenic', '-1/+1');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.equal(json.biogenicApproach, '-1/+1');
  assert.deepEqual(json.diagnostics, []);
  assert.deepEqual(json.cutoff, []);
  const negative = await run('calc', demoDatabasePath, '--process', 'p-frame', '--amount', '-5');
  assert.equal(negative.code, 2);
  assert.match(negative.stderr, /--amount must be a positive number, got '-5'/);
  // Diesel in road vehicles per kg: IPCC 2006 NCV 43.0 TJ/Gg → 43 MJ per kg; 0.07528092 kg CO2e per MJ.
  const diesel = '02a177f5-2cf4-5abe-8c20-f667488264da';
  const perKg = JSON.parse((await run('calc', 'starter', '--process', diesel, '--unit', 'kg')).stdout);
  close(perKg.split.total, 43 * 0.07528092);
  assert.equal(perKg.declaredUnit.unit, 'kg');
  const csvText = (await run('calc', demoDatabasePath, '--process', 'p-frame', '--format', 'csv')).stdout;
  const rows = csvText.trim().split('\n');
  // Fields: commas outside quotes, plus one.
  const fields = (row: string) => row.replace(/"(?:[^"]|"")*"/g, 'x').split(',');
  for (const row of rows) assert.equal(fields(row).length, 9, row);
  assert.ok(rows.includes('meta,gwpSet,IPCC AR6 GWP100,,ipcc-ar6-gwp100,,,,'));
  assert.ok(rows.includes('meta,biogenicApproach,-1/+1,,,,,,'));
  const stage = await run('calc', demoDatabasePath, '--process', 'p-frame', '--default-stage', 'foo');
  assert.equal(stage.code, 2);
  assert.match(
    stage.stderr,
    /--default-stage must be a stage of iso-14067: raw-material-acquisition, production/,
  );
});
