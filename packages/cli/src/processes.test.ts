import assert from 'node:assert/strict';
import { test } from 'node:test';
import { demoDatabasePath } from './commands/demo.js';
import { run } from './test-support/run-cli.js';

const JIANGSU = 'Electricity, grid average, Jiangsu, CO2 emission factor 2023';

/** The process names `cfp processes <database> --search <text>` lists. */
async function search(database: string, text: string): Promise<string[]> {
  const r = await run('processes', database, '--search', text, '--format', 'json');
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout) as { processName: string }[]).map((row) => row.processName);
}

test('processes --search: every word must match, in any order and case', async () => {
  // 'aluminium' is in three process or product names; 'frame' narrows it to the bicycle frame.
  assert.deepEqual(await search(demoDatabasePath, 'aluminium'), [
    'Aluminium ingot production (illustrative)',
    'Aluminium scrap treatment (illustrative)',
    'Bicycle frame manufacturing (illustrative)',
  ]);
  assert.deepEqual(await search(demoDatabasePath, '  FRAME   aluminium '), [
    'Bicycle frame manufacturing (illustrative)',
  ]);
  assert.deepEqual(await search(demoDatabasePath, 'aluminium electricity'), []);
  // the ids are searched too
  assert.deepEqual(await search(demoDatabasePath, 'p-electricity'), ['Electricity grid mix (illustrative)']);
});

test('processes --search on the starter database: names, location code and name, Chinese names', async () => {
  assert.deepEqual(await search('starter', 'electricity jiangsu'), [JIANGSU]);
  assert.deepEqual(await search('starter', 'Jiangsu Electricity'), [JIANGSU]);
  // the location code (ISO 3166-2) and the location's Chinese name 'Jiangsu (江苏)'
  assert.deepEqual(await search('starter', 'CN-JS'), [JIANGSU]);
  assert.deepEqual(await search('starter', 'cn-js'), [JIANGSU]);
  assert.deepEqual(await search('starter', '江苏'), [JIANGSU]);
  // the product's Chinese name '电力(江苏)', a synonym of the product flow
  assert.deepEqual(await search('starter', '电力 江苏'), [JIANGSU]);
  // the category 'Energy/Electricity/China/Provinces' with a word of the name
  assert.deepEqual(await search('starter', 'provinces jiangsu'), [JIANGSU]);
  // '碳酸锂' (lithium carbonate) is the product synonym of the two lithium carbonate datasets
  assert.deepEqual(await search('starter', '碳酸锂'), [
    'Lithium carbonate from Salar de Atacama brine',
    'Lithium carbonate, battery grade, from Australian spodumene refined in China',
  ]);
  const text = await run('processes', 'starter', '--search', 'electricity jiangsu');
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Jiangsu .*\[MJ, CN-JS\]\n1 process-product\(s\)\n$/);
});
