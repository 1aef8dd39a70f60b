// The dataset page's pure parts: reading data-quality entries, grouping and filtering exchanges, uncertainties in
// words, the dataset path. The exchanges here are shaped as GET …/processes/{processId} answers them.
import { expect, test } from 'vitest';
import { formatFor } from '../../i18n/format';
import { createI18n } from '../../i18n/i18n';
import { datasetPath } from './dataset-path';
import {
  exchangeMatches,
  filterWords,
  groupExchanges,
  takesProvider,
  type DatasetExchange,
} from './exchange-groups';
import { readDataQuality } from './pedigree';
import { uncertaintyText } from './uncertainty-text';

test('data-quality entries are read in the notations databases use; anything else is not explained', () => {
  expect(readDataQuality('(1;2;1;1;3)')).toEqual({ scores: [1, 2, 1, 1, 3], pedigree: true });
  expect(readDataQuality('(2,3,1,1,1)')).toEqual({ scores: [2, 3, 1, 1, 1], pedigree: true });
  expect(readDataQuality(' ( 5 ; 4 ; 3 ; 2 ; 1 ) ')).toEqual({ scores: [5, 4, 3, 2, 1], pedigree: true });
  expect(readDataQuality('1;2;3;4;5')).toEqual({ scores: [1, 2, 3, 4, 5], pedigree: true });
  expect(readDataQuality('(1;n.a.;2;-;3)')).toEqual({ scores: [1, null, 2, null, 3], pedigree: true });
  // another system's entry: its scores, but not read as the pedigree matrix
  expect(readDataQuality('(1;2;3)')).toEqual({ scores: [1, 2, 3], pedigree: false });
  expect(readDataQuality('(1;2;1;1;3;2)')).toEqual({ scores: [1, 2, 1, 1, 3, 2], pedigree: false });
  // not scores 1…5: shown as the database gives it
  for (const entry of [
    '',
    '()',
    'good',
    '(1;2;6;1;1)',
    '(1.5;2;1;1;1)',
    '(n.a.;n.a.;n.a.;n.a.;n.a.)',
    '(0;1;1;1;1)',
  ])
    expect(readDataQuality(entry), entry).toBeNull();
});

/** An exchange as the detail route answers it; `fields` set what the case is about. */
function exchange(internalId: number, fields: Partial<DatasetExchange>): DatasetExchange {
  return {
    internalId,
    flowId: `f-${internalId}`,
    flowName: `flow ${internalId}`,
    flowType: 'product',
    category: null,
    isInput: true,
    isReference: false,
    isAvoided: false,
    amount: 1,
    formula: null,
    unit: 'kg',
    provider: null,
    dqEntry: null,
    uncertainty: null,
    description: null,
    ...fields,
  };
}

const electricity = exchange(1, {
  flowName: 'Electricity, at grid, US, 2008',
  category: 'Utilities/Electric Power Distribution',
  unit: 'kWh',
  provider: {
    processId: 'p-grid',
    processName: 'Electricity, at Grid, US, 2008',
    productId: 'f-1',
    productName: 'Electricity, at grid, US, 2008',
  },
});
const resin = exchange(2, {
  flowName: 'Polypropylene resin, at plant',
  provider: {
    processId: 'p-pp',
    processName: 'Polypropylene, resin, at plant',
    productId: 'f-2',
    productName: 'Polypropylene resin, at plant',
  },
});
const water = exchange(3, {
  flowName: 'Water, process, unspecified natural origin',
  flowType: 'elementary',
  category: 'Elementary flows/Resource/in water',
  unit: 'm3',
});
const part = exchange(4, { flowName: 'Injection molded part', isInput: false });
const scrap = exchange(5, { flowName: 'Polypropylene scrap', flowType: 'waste', isInput: false });
const co2 = exchange(6, {
  flowName: 'Carbon dioxide, fossil',
  flowType: 'elementary',
  category: 'Elementary flows/Emission to air/unspecified',
  isInput: false,
});
const reference = exchange(7, {
  flowName: 'Injection molding, rigid part',
  isInput: false,
  isReference: true,
});
const lost = exchange(8, { flowName: null, flowType: null, flowId: 'f-missing', isInput: false });
const all = [electricity, resin, water, part, scrap, co2, reference, lost];

test('exchanges are split into inputs and outputs, grouped by kind of flow, the reference first', () => {
  const grouped = groupExchanges(all);
  expect(grouped.total).toBe(8);
  expect(grouped.shown).toBe(8);
  expect(grouped.inputs.map((g) => [g.group, g.exchanges.map((e) => e.internalId)])).toEqual([
    ['technosphere', [1, 2]],
    ['elementary', [3]],
  ]);
  expect(grouped.outputs.map((g) => [g.group, g.exchanges.map((e) => e.internalId)])).toEqual([
    // the reference output first, the others in the database's order
    ['technosphere', [7, 4, 5]],
    ['elementary', [6]],
    ['unknown', [8]],
  ]);
});

test('the filter keeps exchanges whose flow, category, unit, id or provider has every word, folded', () => {
  expect(filterWords('  Carbon  DIOXIDE ')).toEqual(['carbon', 'dioxide']);
  expect(filterWords('电力（江苏）')).toEqual(['电力(江苏)']);
  const ids = (filter: string) => {
    const grouped = groupExchanges(all, filter);
    return [...grouped.inputs, ...grouped.outputs]
      .flatMap((g) => g.exchanges.map((e) => e.internalId))
      .sort();
  };
  expect(ids('polypropylene')).toEqual([2, 5]);
  expect(ids('POLYPROPYLENE   scrap')).toEqual([5]);
  expect(ids('kwh'), 'the unit').toEqual([1]);
  expect(ids('power distribution'), 'the category').toEqual([1]);
  expect(ids('air'), 'elementary flows by compartment').toEqual([6]);
  expect(ids('f-missing'), 'a flow the database lacks, by its id').toEqual([8]);
  expect(ids('grid'), "the provider's name").toEqual([1]);
  expect(ids('elementary'), 'every elementary flow by its category').toEqual([3, 6]);
  expect(ids('polypropylene atlantis')).toEqual([]);
  const none = groupExchanges(all, 'atlantis');
  expect([none.shown, none.total, none.inputs, none.outputs]).toEqual([0, 8, [], []]);
  expect(exchangeMatches(co2, []), 'no words: every exchange').toBe(true);
});

test('product inputs, waste outputs and avoided products take a provider; the rest have none by nature', () => {
  expect(all.filter(takesProvider).map((e) => e.internalId)).toEqual([1, 2, 5]);
  expect(takesProvider(exchange(9, { flowType: 'product', isInput: false, isAvoided: true }))).toBe(true);
  expect(takesProvider(exchange(10, { flowType: 'waste', isInput: true, isReference: true }))).toBe(false);
});

test('an uncertainty reads as its distribution with its parameters, in either language; missing ones are not invented', () => {
  const en = createI18n('en').t;
  const zh = createI18n('zh-CN').t;
  expect(uncertaintyText({ type: 'triangular', min: 0.38, mode: 0.42, max: 0.46 }, en, formatFor('en'))).toBe(
    'triangular: min 0.38, mode 0.42, max 0.46',
  );
  expect(
    uncertaintyText({ type: 'lognormal', geometricMean: 1234.5, geometricSd: 1.5 }, en, formatFor('en')),
  ).toBe('lognormal: geometric mean 1,234.5, geometric SD 1.5');
  expect(uncertaintyText({ type: 'normal', mean: 2, sd: 0.1 }, zh, formatFor('zh-CN'))).toBe(
    '正态分布：平均值 2，标准差 0.1',
  );
  expect(uncertaintyText({ type: 'uniform', min: 0.036, max: 0.16 }, zh, formatFor('zh-CN'))).toBe(
    '均匀分布：最小值 0.036，最大值 0.16',
  );
  // a lognormal stated without its geometric SD: named only
  expect(uncertaintyText({ type: 'lognormal', geometricMean: 1 }, en, formatFor('en'))).toBe('lognormal');
});

test("a dataset's path names the process and, when given, the product", () => {
  expect(datasetPath('v-1', 'p-frame')).toBe('/databases/v-1/processes/p-frame');
  expect(datasetPath('v 1', 'p/1', 'f?1')).toBe('/databases/v%201/processes/p%2F1?product=f%3F1');
});
