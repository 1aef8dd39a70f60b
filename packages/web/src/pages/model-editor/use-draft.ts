import { useEffect } from 'react';
import type { EditorState } from './model-types';

/**
 * A copy of unsaved changes in this browser (localStorage), so that nothing typed is lost when the page is closed,
 * the network is down, the server refuses the model or a conflict is left open: the editor offers to restore it
 * on the next visit. `version` is the version the changes were made from.
 */
export interface Draft {
  version: number;
  /** when it was kept (ISO) */
  at: string;
  state: EditorState;
}

const draftKey = (modelId: string) => `opencfp.model-draft.${modelId}`;

/** The draft kept for a model, if any (and readable). */
export function readDraft(modelId: string): Draft | null {
  try {
    const text = globalThis.localStorage?.getItem(draftKey(modelId));
    if (!text) return null;
    const draft = JSON.parse(text) as Partial<Draft>;
    return typeof draft.version === 'number' && typeof draft.at === 'string' && draft.state?.document
      ? (draft as Draft)
      : null;
  } catch {
    return null;
  }
}

/** Forgets the draft of a model. */
export function clearDraft(modelId: string): void {
  try {
    globalThis.localStorage?.removeItem(draftKey(modelId));
  } catch {
    // storage refused: nothing was kept either
  }
}

/**
 * Keeps `current` as the model's draft while it is not saved (`dirty`), and forgets the draft once it is; not
 * while `paused` (a draft offered for restoring is left alone until the user decides).
 *
 * @example useDraftKeeper(modelId, history.present, autosave.saved.version, autosave.dirty, false);
 */
export function useDraftKeeper(
  modelId: string,
  current: EditorState,
  version: number,
  dirty: boolean,
  paused: boolean,
): void {
  useEffect(() => {
    if (paused) return;
    if (!dirty) return clearDraft(modelId);
    const timer = setTimeout(() => {
      try {
        const draft: Draft = { version, at: new Date().toISOString(), state: current };
        globalThis.localStorage?.setItem(draftKey(modelId), JSON.stringify(draft));
      } catch {
        // storage full or refused: the page still holds the changes
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [modelId, current, version, dirty, paused]);
}
