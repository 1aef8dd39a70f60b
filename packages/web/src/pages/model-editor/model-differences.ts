import type { EditorState } from './model-types';
import { stableJson } from './use-autosave';

/** One way two versions of a model differ, for people to choose between them. */
export type Difference =
  | { kind: 'name' | 'background' | 'parameters' | 'scenarios' | 'settings' }
  | { kind: 'processAdded' | 'processRemoved' | 'processChanged'; process: string };

/**
 * How `mine` differs from `theirs`: the model's name and background version, each process (matched by id: added
 * in mine, missing from mine, or changed), the parameters, the scenarios and the rest of the document (reference,
 * functional unit, boundary, description, carbon content).
 *
 * @example differences(theirs, mine) // [{ kind: 'processChanged', process: 'Cell production' }]
 */
export function differences(theirs: EditorState, mine: EditorState): Difference[] {
  const found: Difference[] = [];
  if (theirs.name !== mine.name) found.push({ kind: 'name' });
  if (theirs.backgroundVersionId !== mine.backgroundVersionId) found.push({ kind: 'background' });
  const theirProcesses = new Map(theirs.document.processes.map((p) => [p.id, p]));
  const myIds = new Set(mine.document.processes.map((p) => p.id));
  for (const process of mine.document.processes) {
    const their = theirProcesses.get(process.id);
    if (!their) found.push({ kind: 'processAdded', process: process.name || process.id });
    else if (stableJson(their) !== stableJson(process))
      found.push({ kind: 'processChanged', process: process.name || process.id });
  }
  for (const process of theirs.document.processes)
    if (!myIds.has(process.id)) found.push({ kind: 'processRemoved', process: process.name || process.id });
  if (stableJson(theirs.document.parameters ?? []) !== stableJson(mine.document.parameters ?? []))
    found.push({ kind: 'parameters' });
  if (stableJson(theirs.document.scenarios ?? []) !== stableJson(mine.document.scenarios ?? []))
    found.push({ kind: 'scenarios' });
  const rest = (state: EditorState) => {
    const { processes: _p, parameters: _pa, scenarios: _s, ...others } = state.document;
    return stableJson(others);
  };
  if (rest(theirs) !== rest(mine)) found.push({ kind: 'settings' });
  return found;
}
