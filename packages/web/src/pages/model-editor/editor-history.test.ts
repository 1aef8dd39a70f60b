import { expect, test } from 'vitest';
import {
  canRedo,
  canUndo,
  COALESCE_MS,
  HISTORY_LIMIT,
  record,
  redo,
  startHistory,
  undo,
} from './editor-history';

test('undo and redo move between the states, and a change after an undo ends redo', () => {
  let h = startHistory('a');
  expect(canUndo(h)).toBe(false);
  h = record(h, 'b', 'x', 0);
  h = record(h, 'c', 'y', 10);
  h = undo(h);
  expect(h.present).toBe('b');
  expect(canRedo(h)).toBe(true);
  h = undo(h);
  expect(h.present).toBe('a');
  expect(undo(h)).toBe(h);
  h = redo(h);
  expect(h.present).toBe('b');
  h = record(h, 'd', 'z', 20);
  expect(canRedo(h)).toBe(false);
  expect(undo(h).present).toBe('b');
});

test('typing in one field is one step; a pause or another field starts the next', () => {
  let h = startHistory('');
  h = record(h, 'B', 'name', 0);
  h = record(h, 'Bo', 'name', 200);
  h = record(h, 'Bot', 'name', 400);
  expect(h.past).toEqual(['']);
  h = record(h, 'Bott', 'name', 400 + COALESCE_MS);
  expect(h.past).toEqual(['', 'Bot']);
  h = record(h, 'Bott!', 'other', 400 + COALESCE_MS + 1);
  expect(h.past).toEqual(['', 'Bot', 'Bott']);
  // changes without a key (buttons) are each a step
  h = record(h, 'x', undefined, 400 + COALESCE_MS + 2);
  h = record(h, 'y', undefined, 400 + COALESCE_MS + 3);
  expect(h.past.slice(-2)).toEqual(['Bott!', 'x']);
});

test('the same state is no change, and the history keeps its newest steps', () => {
  const h = startHistory(1);
  expect(record(h, 1, 'k', 0)).toBe(h);
  let long = h;
  for (let i = 2; i < HISTORY_LIMIT + 20; i++) long = record(long, i, undefined, i);
  expect(long.past).toHaveLength(HISTORY_LIMIT);
  expect(long.past[0]).toBe(long.present - HISTORY_LIMIT);
});
