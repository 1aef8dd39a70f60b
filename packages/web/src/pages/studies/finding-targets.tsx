import { createContext, useContext, type ReactNode } from 'react';

/**
 * What the read-only views of a study (model, result, declarations, compliance) need to let the invited verifier
 * raise a finding on one of their items, and to show every reader where findings were raised: which item the
 * verifier is writing a finding on, how to start one, the findings per item path, and each item in words.
 */
export interface FindingTargets {
  /** The reader may raise findings now (the invited verifier during the verification). */
  canRaise: boolean;
  /**
   * Where a finding is being written (null: nowhere): the key of the place that started it — its item path, or
   * another key where several places point at one item (compliance rows).
   */
  composing: string | null;
  /**
   * Start a finding on an item (a JSON pointer, '' for the study as a whole), with the text to start from, from the
   * place `key` (default: the item path).
   */
  raise(itemPath: string, text?: string, key?: string): void;
  /** Stop writing it. */
  cancel(): void;
  /** How many findings (and how many of them still open) were raised on an item path. */
  count(itemPath: string): { all: number; open: number };
  /** An item path in words, e.g. 'Input “Aluminium tubes” of process “Frame welding”'. */
  describe(itemPath: string): string;
  /** Where the findings are listed (a link of the study page). */
  findingsHref: string;
  /** The form of the finding being written, shown beside its item. */
  composer: ReactNode;
}

const NOBODY: FindingTargets = {
  canRaise: false,
  composing: null,
  raise: () => undefined,
  cancel: () => undefined,
  count: () => ({ all: 0, open: 0 }),
  describe: (path) => path,
  findingsHref: '?view=findings',
  composer: null,
};

export const FindingTargetsContext = createContext<FindingTargets>(NOBODY);

/**
 * The study page's finding targets (outside a study page: none can be raised, none are counted).
 *
 * @example const targets = useFindingTargets(); targets.canRaise && <button onClick={() => targets.raise(path)}>…</button>
 */
export function useFindingTargets(): FindingTargets {
  return useContext(FindingTargetsContext);
}
