import { ApiError, ifMatch, type Schema } from '@opencfp/client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { fromServerIssues } from './issue-placement';
import type { EditorState } from './model-types';
import type { EditorIssue } from './validate-document';

/** What the server holds, as far as this editor knows: the state it saved last and its version. */
export interface SavedModel {
  state: EditorState;
  version: number;
  updatedAt: string;
}

/**
 * Why the newest state is not saved: someone else saved a newer version (`conflict`: theirs as it is now, nothing
 * is sent until the user chooses), the server refused it (`refused`: its validation issues), or the request
 * failed (`failed`: no answer, or another error). `attempted` is the state that was sent: it is not sent again
 * unchanged.
 */
export type SaveProblem =
  | { kind: 'conflict'; theirs: Schema<'ProductModel'>; attempted: EditorState }
  | { kind: 'refused'; issues: EditorIssue[]; error: ApiError; attempted: EditorState }
  | { kind: 'failed'; error: unknown; attempted: EditorState };

/** The editor's state of a model as the server returned it. */
export const stateOf = (model: Schema<'ProductModel'>): EditorState => ({
  name: model.name,
  backgroundVersionId: model.backgroundVersionId,
  document: model.model,
});

/** JSON with the keys of every object sorted, so that equal documents compare equal whatever their key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

/** Whether two editor states hold the same model. */
export function sameState(a: EditorState, b: EditorState): boolean {
  if (a === b) return true;
  if (a.name !== b.name || a.backgroundVersionId !== b.backgroundVersionId) return false;
  return a.document === b.document || stableJson(a.document) === stableJson(b.document);
}

export interface Autosave {
  saved: SavedModel;
  /** the newest state differs from what the server holds */
  dirty: boolean;
  saving: boolean;
  problem: SaveProblem | null;
  /** saves now (when there is something to save and nothing stops it); whether all is saved afterwards */
  saveNow(): Promise<boolean>;
  /** resolves a conflict with their version: returns it (to be made the editor's state), forgets mine as saved */
  takeTheirs(): EditorState | undefined;
  /** resolves a conflict with mine: reads the newest version and saves mine over it, on purpose */
  keepMine(): Promise<void>;
  /** continues from a version read earlier (a restored draft): a newer one on the server is then a conflict */
  rebase(version: number): void;
}

/**
 * Saves the editor's state a short time (`delayMs`) after the last change, with optimistic concurrency: the name
 * and background version with PATCH, the document with PUT, each with `If-Match` of the version it was made
 * from. A newer version on the server (409 VERSION_CONFLICT) stops saving and keeps the user's state untouched
 * until they choose theirs or mine; a state the server refuses (400) is not sent again until it changes; nothing
 * is saved while `blocked` (the browser's checks found errors) or when not `enabled` (a viewer).
 *
 * @example const autosave = useAutosave({ orgId, modelId, current: history.present, initial, blocked, enabled: true });
 */
export function useAutosave({
  orgId,
  modelId,
  current,
  initial,
  blocked,
  enabled,
  delayMs = 1500,
}: {
  orgId: string;
  modelId: string;
  current: EditorState;
  initial: SavedModel;
  blocked: boolean;
  enabled: boolean;
  delayMs?: number;
}): Autosave {
  const api = useApi();
  const [saved, setSavedState] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  // the latest values for the save in flight (which outlives renders); updated after each render
  const savedRef = useRef(initial);
  const currentRef = useRef(current);
  const inFlight = useRef<Promise<boolean> | null>(null);
  useEffect(() => {
    currentRef.current = current;
  });
  const setSaved = useCallback((next: SavedModel) => {
    savedRef.current = next;
    setSavedState(next);
  }, []);

  const save = useCallback((): Promise<boolean> => {
    if (inFlight.current) return inFlight.current;
    const run = (async () => {
      const state = currentRef.current;
      let base = savedRef.current;
      const path = { orgId, id: modelId };
      setSaving(true);
      try {
        if (state.name !== base.state.name || state.backgroundVersionId !== base.state.backgroundVersionId) {
          const { data } = await api.PATCH('/v1/orgs/{orgId}/models/{id}', {
            params: { path, header: ifMatch(base.version) },
            body: {
              ...(state.name !== base.state.name ? { name: state.name } : {}),
              ...(state.backgroundVersionId !== base.state.backgroundVersionId
                ? { backgroundVersionId: state.backgroundVersionId }
                : {}),
            },
          });
          // what was sent, not the server's echo (it trims names): else a trailing space would save forever
          base = {
            state: { ...base.state, name: state.name, backgroundVersionId: state.backgroundVersionId },
            version: data.version,
            updatedAt: data.updatedAt,
          };
          setSaved(base);
        }
        if (!sameState({ ...base.state, document: state.document }, base.state)) {
          const { data } = await api.PUT('/v1/orgs/{orgId}/models/{id}', {
            params: { path, header: ifMatch(base.version) },
            body: { model: state.document },
          });
          base = {
            state: { ...base.state, document: state.document },
            version: data.version,
            updatedAt: data.updatedAt,
          };
          setSaved(base);
        }
        setProblem(null);
        return true;
      } catch (error) {
        if (ApiError.is(error, 'VERSION_CONFLICT'))
          try {
            const { data: theirs } = await api.GET('/v1/orgs/{orgId}/models/{id}', { params: { path } });
            setProblem({ kind: 'conflict', theirs, attempted: state });
          } catch (reading) {
            setProblem({ kind: 'failed', error: reading, attempted: state });
          }
        else if (ApiError.is(error, 'VALIDATION_FAILED'))
          setProblem({ kind: 'refused', issues: fromServerIssues(error.issues), error, attempted: state });
        else setProblem({ kind: 'failed', error, attempted: state });
        return false;
      } finally {
        setSaving(false);
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [api, orgId, modelId, setSaved]);

  const dirty = useMemo(() => !sameState(current, saved.state), [current, saved.state]);
  const waiting = problem !== null && (problem.kind === 'conflict' || problem.attempted === current);

  useEffect(() => {
    if (!enabled || !dirty || blocked || saving || waiting) return;
    const timer = setTimeout(() => void save(), delayMs);
    return () => clearTimeout(timer);
  }, [enabled, dirty, blocked, saving, waiting, current, delayMs, save]);

  // leaving the editor (another page of the app) saves what is waiting for the pause, instead of dropping it
  const flushOnLeave = useRef<() => void>(() => undefined);
  useEffect(() => {
    flushOnLeave.current = () => {
      if (enabled && dirty && !blocked && !waiting) void save();
    };
  });
  useEffect(() => () => flushOnLeave.current(), []);

  const saveNow = useCallback(async () => {
    if (inFlight.current) await inFlight.current;
    if (sameState(currentRef.current, savedRef.current.state)) return true;
    if (!enabled || blocked || problem?.kind === 'conflict') return false;
    return save();
  }, [enabled, blocked, problem, save]);

  const takeTheirs = useCallback(() => {
    if (problem?.kind !== 'conflict') return undefined;
    const theirs = stateOf(problem.theirs);
    setSaved({ state: theirs, version: problem.theirs.version, updatedAt: problem.theirs.updatedAt });
    setProblem(null);
    return theirs;
  }, [problem, setSaved]);

  const keepMine = useCallback(async () => {
    try {
      const { data } = await api.GET('/v1/orgs/{orgId}/models/{id}', {
        params: { path: { orgId, id: modelId } },
      });
      // the server's newest as the base: mine then differs from it and is saved over it with its version
      setSaved({ state: stateOf(data), version: data.version, updatedAt: data.updatedAt });
      setProblem(null);
      await save();
    } catch (error) {
      setProblem({ kind: 'failed', error, attempted: currentRef.current });
    }
  }, [api, orgId, modelId, save, setSaved]);

  const rebase = useCallback((version: number) => setSaved({ ...savedRef.current, version }), [setSaved]);

  return { saved, dirty, saving, problem, saveNow, takeTheirs, keepMine, rebase };
}
