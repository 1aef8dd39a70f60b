/**
 * Undo and redo: the states the user went through, as values (documents are never changed in place, so a state
 * is kept by reference). Typing in one field makes one step, not one per key: changes with the same `key` within
 * `COALESCE_MS` of each other replace the newest state instead of adding one.
 */
export interface History<T> {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** the key and time of the newest change, to merge a run of keystrokes into one step */
  lastKey?: string;
  lastAt?: number;
}

/** How long a pause ends a step of typing in one field, in ms. */
export const COALESCE_MS = 1000;
/** How many steps back undo reaches. */
export const HISTORY_LIMIT = 200;

/** A history with one state and nothing to undo. */
export function startHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] };
}

/**
 * The history after a change to `next`: a step back to the present (merged with the previous step when `key` is
 * that of the previous change and it was less than COALESCE_MS ago); redo is no longer possible. A change to the
 * same state is no change.
 *
 * @example record(history, { ...history.present, name: 'x' }, 'name', Date.now())
 */
export function record<T>(history: History<T>, next: T, key: string | undefined, now: number): History<T> {
  if (next === history.present) return history;
  const merge =
    key !== undefined &&
    key === history.lastKey &&
    history.lastAt !== undefined &&
    now - history.lastAt < COALESCE_MS &&
    history.past.length > 0;
  const past = merge ? history.past : [...history.past, history.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

/** One step back (the history as it is when there is none). */
export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history;
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future],
  };
}

/** One step forward again after an undo. */
export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  return {
    past: [...history.past, history.present],
    present: history.future[0],
    future: history.future.slice(1),
  };
}

export const canUndo = <T>(history: History<T>): boolean => history.past.length > 0;
export const canRedo = <T>(history: History<T>): boolean => history.future.length > 0;
