import { expect, test } from 'vitest';
import { fromServerIssues, groupByPlace, placeOf } from './issue-placement';

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
