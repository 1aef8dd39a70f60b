import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readMatrixMarket } from '@opencfp/linalg';
import { run } from './test-support/run-cli.js';
import { demoDatabasePath } from './commands/demo.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.abs(expected), `${actual} ≠ ${expected}`);

test('lci of the illustrative bicycle frame matches the hand calculation (examples/bicycle-frame/README.md)', async () => {
  const { code, stdout } = await run('lci', demoDatabasePath, '--process', 'p-frame');
  assert.equal(code, 0);
  const [r] = JSON.parse(stdout);
  assert.equal(r.processId, 'p-frame');
  assert.equal(r.productId, 'f-frame');
  assert.equal(r.unit, 'Item(s)');
  const amount = (id: string) => r.inventory.find((e: { flowId: string }) => e.flowId === id).amount;
  // generated electricity 35.2 kWh / 0.98; CO2 = 0.6 per kWh + 2 kg Al × 1.5 + 0.4 kg scrap × 0.05
  close(amount('f-co2'), (35.2 / 0.98) * 0.6 + 3 + 0.02);
  close(amount('f-ch4'), (35.2 / 0.98) * 0.0015); // 1.5 g = 0.0015 kg per kWh
  close(amount('f-bauxite'), -8); // an extraction is negative
  assert.deepEqual(r.cutoff, []);
  assert.ok(r.residual < 1e-12);
});

test('lci takes several processes and prints CSV', async () => {
  const { code, stdout } = await run(
    'lci',
    demoDatabasePath,
    '--process',
    'p-frame,p-electricity',
    '--format',
    'csv',
  );
  assert.equal(code, 0);
  const lines = stdout.trim().split('\n');
  assert.equal(lines[0], 'processId,productId,kind,flowId,name,category,unit,amount');
  const electricityCo2 = lines.find((l) => l.startsWith('p-electricity,') && l.includes(',f-co2,'))!;
  // per MJ (the reference unit): 0.6 kg/kWh ÷ 0.98 ÷ 3.6 MJ/kWh
  close(Number(electricityCo2.split(',').at(-1)), 0.6 / 0.98 / 3.6);
});

test('matrix writes A, B, K and index files that read back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfp-matrix-'));
  const { code, stdout } = await run('matrix', demoDatabasePath, '--out', dir);
  assert.equal(code, 0, stdout);
  const A = readMatrixMarket(readFileSync(join(dir, 'A.mtx'), 'utf8'));
  const columns = readFileSync(join(dir, 'columns.csv'), 'utf8').trim().split('\n');
  assert.equal(A.rows, 4);
  assert.equal(columns.length, 5);
  const col = (processId: string) => columns.findIndex((l) => l.split(',')[1] === processId) - 1;
  const e = col('p-electricity');
  close(A.get(e, e), 3.6 * 0.98); // 1 kWh out − 0.02 kWh in, in MJ
  const scrap = col('p-scrap');
  assert.equal(A.get(scrap, scrap), -1); // waste treatment: the waste input provides, entered as −a
  assert.equal(A.get(scrap, col('p-frame')), 0.4); // the frame's waste output demands treatment: +a
  const flows = readFileSync(join(dir, 'elementary-flows.csv'), 'utf8');
  assert.match(flows, /f-co2,"Carbon dioxide, fossil"/);
});

test('bench solve prints timings and a small residual', async () => {
  const { code, stdout } = await run('bench', 'solve', '--n', '300', '--repeats', '1', '--rhs', '5');
  assert.equal(code, 0);
  const result = JSON.parse(stdout);
  assert.ok(result.residual < 1e-10, `residual ${result.residual}`);
  assert.ok(result.factorizeMs > 0 && result.solveMs > 0, stdout);
});

test('bad input gives one clear message and exit code 2, no stack trace', async () => {
  const notZip = join(mkdtempSync(join(tmpdir(), 'cfp-bad-')), 'x.zip');
  writeFileSync(notZip, 'this is not a zip file');
  const cases: [string[], RegExp][] = [
    [['lci', '/nonexistent/db.zip', '--process', 'x'], /does not exist/],
    [['lci', notZip, '--process', 'x'], /zip/i],
    [['lci', demoDatabasePath, '--process', 'no-such-process'], /no-such-process/],
    [['lci', demoDatabasePath], /--process is required/],
    [
      ['lci', demoDatabasePath, '--process', 'p-frame', '--allocation', 'magic'],
      /--allocation must be one of/,
    ],
    [['lci', demoDatabasePath, '--process', 'p-frame', '--bogus'], /Unknown option/],
    [['frobnicate'], /unknown command/],
    [['bench', 'solve', '--n', 'many'], /--n must be a whole number/],
  ];
  for (const [argv, message] of cases) {
    const r = await run(...argv);
    assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace without --debug');
  }
  const debug = await run('lci', demoDatabasePath, '--process', 'no-such-process', '--debug');
  assert.equal(debug.code, 2);
  assert.match(debug.stderr, /\n\s+at /);
});

test('the installed bin runs as a process and exits with the right codes', () => {
  const bin = fileURLToPath(new URL('./bin.js', import.meta.url));
  const ok = spawnSync(process.execPath, [bin, 'demo'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /24\.5710 kg\s+Carbon dioxide, fossil/);
  const bad = spawnSync(process.execPath, [bin, 'lci', '/nonexistent.zip', '--process', 'x'], {
    encoding: 'utf8',
  });
  assert.equal(bad.status, 2);
  const help = spawnSync(process.execPath, [bin, 'help'], { encoding: 'utf8' });
  assert.match(help.stdout, /cfp lci|lci <database>/);
});

test('lci --method gives the carbon footprint: CO2 + 29.8 × CH4 (IPCC AR6 GWP100)', async () => {
  const { code, stdout } = await run(
    'lci',
    demoDatabasePath,
    '--process',
    'p-frame',
    '--method',
    'ipcc-ar6-gwp100',
  );
  assert.equal(code, 0);
  const [r] = JSON.parse(stdout);
  const electricity = 35.2 / 0.98;
  close(r.impacts[0].amount, electricity * 0.6 + 3.02 + 29.8 * electricity * 0.0015);
  assert.equal(r.impacts[0].unit, 'kg CO2 eq');
  const demo = await run('demo');
  assert.match(demo.stdout, /Carbon footprint: 26\.1766 kg CO2 eq per frame/);
  // Stages (see calc.test.ts for the arithmetic): 22.7357 + 3.2893 + 0.1516 = 26.1766.
  assert.match(demo.stdout, /22\.7357 kg CO2 eq\s+\( 86\.9 %\)\s+Raw material acquisition/);
  assert.match(demo.stdout, /0\.1516 kg CO2 eq\s+\(\s+0\.6 %\)\s+End of life/);
});

test('processes lists the process-products with their ids, and filters by text', async () => {
  const all = await run('processes', demoDatabasePath, '--format', 'json');
  assert.equal(all.code, 0);
  assert.equal(JSON.parse(all.stdout).length, 4);
  const some = JSON.parse(
    (await run('processes', demoDatabasePath, '--search', 'scrap', '--format', 'json')).stdout,
  );
  assert.deepEqual(
    some.map((r: { processId: string; isWaste: boolean }) => [r.processId, r.isWaste]),
    [['p-scrap', true]],
  );
});

test('usage: no arguments is an error; --help and help print the usage; extra arguments are refused', async () => {
  const none = await run();
  assert.equal(none.code, 2);
  assert.match(none.stderr, /Usage: cfp/);
  assert.equal((await run('lci', '--help')).code, 0);
  assert.equal((await run('help')).code, 0);
  assert.equal((await run('demo', 'extra')).code, 2);
  const write = await run('matrix', demoDatabasePath, '--out', '/dev/null/x');
  assert.equal(write.code, 2);
  assert.match(write.stderr, /cannot write '\/dev\/null\/x'/);
});
