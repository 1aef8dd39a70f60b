import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyElementaryCategory, guessNomenclature } from './guess-nomenclature.js';
import { jsonPointer } from './json-pointer.js';

test('single categories are classified by their compartments', () => {
  const cases: [string | undefined, string][] = [
    ['Elementary flows/emission/air', 'fedefl'],
    ['Elementary flows/resource/ground', 'fedefl'],
    ['Elementary flows/resource/biotic', 'fedefl'],
    ['Elementary flows/Emission to air/unspecified', 'ilcd-ef'],
    ['Emissions/Emissions to air/Emissions to urban air close to ground', 'ilcd-ef'],
    ['Resources/Resources from ground', 'ilcd-ef'],
    ['air/urban air close to ground', 'ecoinvent-biosphere3'],
    ['Elementary flows/natural resource/in ground', 'ecoinvent-biosphere3'],
    ['water/surface water', 'ecoinvent-biosphere3'],
    ['air/high population density', 'uslci-legacy'],
    ['resource/in ground', 'uslci-legacy'],
    ['resource/biotic', 'uslci-legacy'],
    ['water/river', 'uslci-legacy'],
    ['air/unspecified', 'ambiguous'],
    ['soil/agricultural', 'ambiguous'],
    ['Elementary Flows', 'unknown'],
    ['Biofuels Manufacturing/Ethanol', 'unknown'],
    [undefined, 'unknown'],
  ];
  for (const [category, expected] of cases)
    assert.equal(classifyElementaryCategory(category), expected, String(category));
});

test('ambiguous compartments follow the majority of the database', () => {
  assert.deepEqual(guessNomenclature(['air/high population density', 'air/unspecified', 'water/ocean']), [
    'uslci-legacy',
    'uslci-legacy',
    'uslci-legacy',
  ]);
  assert.deepEqual(guessNomenclature(['air/urban air close to ground', 'air/unspecified']), [
    'ecoinvent-biosphere3',
    'ecoinvent-biosphere3',
  ]);
  assert.deepEqual(guessNomenclature(['air/unspecified', 'Elementary flows/emission/air']), [
    'unknown',
    'fedefl',
  ]);
});

test('jsonPointer escapes ~ and / in keys', () => {
  assert.equal(jsonPointer('exchanges', 3, 'amount'), '/exchanges/3/amount');
  assert.equal(jsonPointer('a/b', 'c~d'), '/a~1b/c~0d');
  assert.equal(jsonPointer(), '');
});
