import { expect, test } from 'vitest';
import {
  fromServerIssues,
  fromValidationIssues,
  groupByPlace,
  placeOf,
  pointerPath,
} from './issue-placement';

test('an issue goes to its field, or to the nearest place the editor shows', () => {
  expect(placeOf(['processes', 0, 'name'])).toBe('processes/0/name');
  expect(placeOf(['processes', 1, 'inputs', 2, 'source', 'region'])).toBe(
    'processes/1/inputs/2/source/region',
  );
  expect(placeOf(['processes', 1, 'inputs', 2, 'source', 'dataset', 'processId'])).toBe(
    'processes/1/inputs/2/source/dataset',
  );
  expect(placeOf(['processes', 1, 'inputs', 2, 'source', 'productId'])).toBe(
    'processes/1/inputs/2/source/processId',
  );
  expect(placeOf(['processes', 0, 'inputs', 0, 'uncertainty', 'geometricSd'])).toBe(
    'processes/0/inputs/0/uncertainty',
  );
  expect(placeOf(['processes', 0, 'inputs', 0, 'source', 'instruments', 1, 'criteria', 'timeMatch'])).toBe(
    'processes/0/inputs/0/source/instruments/1/criteria',
  );
  expect(placeOf(['scenarios', 0, 'parameters', 'pv_share'])).toBe('scenarios/0/parameters/pv_share');
  expect(placeOf(['processes', 3, 'somethingNew'])).toBe('processes/3');
  expect(placeOf(['somethingElse'])).toBe('');
});

test("the server's issues lose the body's model wrapper; the model's own fields get their places", () => {
  const issues = fromServerIssues([
    {
      location: 'body',
      path: ['model', 'processes', 0, 'inputs', 1, 'unit'],
      message: 'too long',
      code: 'too_big',
    },
    {
      location: 'body',
      path: ['model', 'processes', 0, 'inputs', 1, 'source'],
      message: 'give a dataset',
      code: 'custom',
    },
    { location: 'body', path: ['name'], message: 'Too small', code: 'too_small' },
    { location: 'header', path: ['if-match'], message: 'bad', code: 'invalid_format' },
  ]);
  expect(issues.map((i) => i.path)).toEqual([
    ['processes', 0, 'inputs', 1, 'unit'],
    ['processes', 0, 'inputs', 1, 'source'],
    ['$name'],
  ]);
  expect(issues[0].message).toEqual({ key: 'server.too_big', values: { text: 'too long' } });
  expect(issues[1].message).toEqual({ text: 'give a dataset' });
  const byPlace = groupByPlace(issues);
  expect([...byPlace.keys()]).toEqual(['processes/0/inputs/1/unit', 'processes/0/inputs/1/source', '$name']);
});

test("the server validation's problems go where their pointer points, named by code and scenario", () => {
  expect(pointerPath('/processes/0/inputs/12/unit')).toEqual(['processes', 0, 'inputs', 12, 'unit']);
  expect(pointerPath('/scenarios/1/parameters/a~1b~0c')).toEqual(['scenarios', 1, 'parameters', 'a/b~c']);
  expect(pointerPath('')).toEqual([]);
  const issues = fromValidationIssues(
    [
      { path: '/processes/0/inputs/1/unit', code: 'UNIT_MISMATCH', message: "input 'steel' is in 'kWh' …" },
      {
        path: '/processes/0/output/amount',
        code: 'INVALID_MODEL',
        message: "the output of 'Frame' is 0",
        scenarioId: 'light',
      },
      { path: '', code: 'SINGULAR_MATRIX', message: 'the background is singular' },
    ],
    {
      schema: 'opencfp/product-model@1',
      referenceProcessId: 'p',
      processes: [{ id: 'p', name: 'P', output: { amount: 1, unit: 'kg' } }],
      scenarios: [{ id: 'light', name: 'Lighter frame' }],
    },
  );
  expect(issues).toEqual([
    {
      path: ['processes', 0, 'inputs', 1, 'unit'],
      severity: 'error',
      origin: 'server',
      message: { key: 'model.UNIT_MISMATCH', values: { text: "input 'steel' is in 'kWh' …" } },
    },
    {
      path: ['processes', 0, 'output', 'amount'],
      severity: 'error',
      origin: 'server',
      message: {
        key: 'model.INVALID_MODEL',
        values: { text: "the output of 'Frame' is 0" },
        scenario: 'Lighter frame',
      },
    },
    {
      path: [],
      severity: 'error',
      origin: 'server',
      message: { key: 'model.other', values: { text: 'the background is singular' } },
    },
  ]);
  expect([...groupByPlace(issues).keys()]).toEqual([
    'processes/0/inputs/1/unit',
    'processes/0/output/amount',
    '',
  ]);
  expect(placeOf(['boundary'])).toBe('boundary');
  expect(placeOf(['functionalUnit', 'zh'])).toBe('functionalUnit/zh');
  expect(placeOf(['scenarios', 2, 'kind'])).toBe('scenarios/2/kind');
});
