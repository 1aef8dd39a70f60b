import { expect, test } from 'vitest';
import { differences } from './model-differences';
import type { EditorState } from './model-types';

const base: EditorState = {
  name: 'Pack',
  backgroundVersionId: 'v1',
  document: {
    schema: 'opencfp/product-model@1',
    referenceProcessId: 'a',
    processes: [
      { id: 'a', name: 'Assembly', output: { amount: 1, unit: 'kWh' } },
      { id: 'b', name: 'Cells', output: { amount: 1, unit: 'kWh' } },
    ],
  },
};

test('what differs between two versions, process by process', () => {
  expect(differences(base, { ...base })).toEqual([]);
  const mine: EditorState = {
    ...base,
    name: 'Pack 2',
    document: {
      ...base.document,
      description: 'new',
      parameters: [{ name: 'x', value: 1 }],
      processes: [
        { id: 'a', name: 'Assembly', output: { amount: 2, unit: 'kWh' } },
        { id: 'c', name: 'Housing', output: { amount: 1, unit: 'kg' } },
      ],
    },
  };
  expect(differences(base, mine)).toEqual([
    { kind: 'name' },
    { kind: 'processChanged', process: 'Assembly' },
    { kind: 'processAdded', process: 'Housing' },
    { kind: 'processRemoved', process: 'Cells' },
    { kind: 'parameters' },
    { kind: 'settings' },
  ]);
  // key order does not make a difference
  const reordered = {
    ...base,
    document: {
      ...base.document,
      processes: base.document.processes.map((p) => ({ output: p.output, name: p.name, id: p.id })),
    },
  };
  expect(differences(base, reordered)).toEqual([]);
});
