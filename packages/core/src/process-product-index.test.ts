import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { processProductIndex, searchWords } from './process-product-index.js';
import { buildMatrices } from './product-system.js';
import { DatabaseBuilder } from './test-support/database-builder.js';

/** Grid electricity in two provinces (Chinese synonyms), a smelter with a co-product, a waste treatment. */
function database() {
  const db = new DatabaseBuilder()
    .product('e-js', {
      name: 'electricity, grid, Jiangsu',
      property: 'energy',
      category: 'Energy/Electricity',
    })
    .product('e-gd', {
      name: 'electricity, grid, Guangdong',
      property: 'energy',
      category: 'Energy/Electricity',
    })
    .product('al', { name: 'aluminium ingot', category: 'Metals' })
    .product('dross', { name: 'aluminium dross' })
    .waste('scrap', { name: 'aluminium scrap' })
    .elementary('co2')
    .location('CN-JS', 'Jiangsu (江苏)')
    .location('CN-GD', 'Guangdong (广东)')
    .process('p-js', { name: 'Electricity, grid, Jiangsu', location: 'CN-JS' })
    .output('e-js', 1, { unit: 'kWh' })
    .output('co2', 0.58)
    .end()
    .process('p-gd', { name: 'Electricity, grid, Guangdong', location: 'CN-GD' })
    .output('e-gd', 1, { unit: 'kWh' })
    .output('co2', 0.44)
    .end()
    .process('p-al', { name: 'Aluminium smelting', tags: ['stage:production'] })
    .output('al', 1)
    .output('dross', 0.1)
    .input('e-js', 15, { unit: 'kWh' })
    .end()
    .process('p-scrap', { name: 'Aluminium scrap treatment' })
    .input('scrap', 1)
    .end()
    .build();
  db.processes[0].category = 'Energy/Electricity/China/Provinces';
  db.flows[0].synonyms = ['电力(江苏)'];
  db.flows[1].synonyms = ['电力(广东)'];
  return db;
}

describe('processProductIndex', () => {
  it('lists one entry per product output and treated waste, by process then product name', () => {
    const index = processProductIndex(database());
    assert.deepEqual(
      index.entries.map((e) => `${e.processName} → ${e.productName}`),
      [
        'Aluminium scrap treatment → aluminium scrap',
        'Aluminium smelting → aluminium dross',
        'Aluminium smelting → aluminium ingot',
        'Electricity, grid, Guangdong → electricity, grid, Guangdong',
        'Electricity, grid, Jiangsu → electricity, grid, Jiangsu',
      ],
    );
    assert.deepEqual(index.entries[4], {
      processId: 'p-js',
      processName: 'Electricity, grid, Jiangsu',
      productId: 'e-js',
      productName: 'electricity, grid, Jiangsu',
      unit: 'MJ',
      location: 'CN-JS',
      category: 'Energy/Electricity/China/Provinces',
      isWaste: false,
    });
    assert.deepEqual(
      [index.entries[0].isWaste, index.entries[0].unit, index.entries[2].tags],
      [true, 'kg', ['stage:production']],
    );
    // the same entries as the calculation's columns, when its products are given
    const db = database();
    assert.deepEqual(processProductIndex(db, buildMatrices(db).products).entries, index.entries);
  });

  it('matches every word, case- and width-insensitive, in names, synonyms, location, categories and ids', () => {
    const index = processProductIndex(database());
    const ids = (text: string) => index.search(text).map((e) => `${e.processId}/${e.productId}`);
    assert.deepEqual(ids('ELECTRICITY jiangsu'), ['p-js/e-js']);
    assert.deepEqual(ids('电力'), ['p-gd/e-gd', 'p-js/e-js'], 'Chinese, through the synonyms');
    assert.deepEqual(
      ids('电力（江苏）'),
      ['p-js/e-js'],
      'full-width brackets as typed on a Chinese keyboard',
    );
    assert.deepEqual(ids('广东'), ['p-gd/e-gd'], "the location's Chinese name");
    assert.deepEqual(ids('cn-gd'), ['p-gd/e-gd'], "the location's code");
    assert.deepEqual(ids('provinces'), ['p-js/e-js'], "the process's category");
    assert.deepEqual(ids('metals'), ['p-al/al'], "the product's category");
    assert.deepEqual(ids('p-scrap'), ['p-scrap/scrap'], 'an id');
    assert.deepEqual(ids('aluminium dross'), ['p-al/dross']);
    assert.deepEqual(ids('aluminium nickel'), [], 'every word must match');
    assert.equal(index.search('  ').length, 5, 'no words: everything');
  });

  it('splits a search at any white space, the ideographic space too', () => {
    assert.deepEqual(searchWords('  Electricity\u3000JIANGSU\t'), ['electricity', 'jiangsu']);
    assert.deepEqual(searchWords(''), []);
  });
});
