import type { Schema } from '@opencfp/client';
import { createContext, useContext } from 'react';
import { pathKey } from './issue-placement';
import type { DocumentPath, EditorState, ModelDocument } from './model-types';
import type { StageScheme } from './stages';
import type { UnitTable } from './unit-table';
import type { EditorIssue, ResolvedDataset } from './validate-document';

/** A change of the document; `key` (the field's path) merges a run of typing into one undo step. */
export type Edit = (change: (document: ModelDocument) => ModelDocument, key?: string) => void;

/** What every part of the editor reads and changes. */
export interface EditorContextValue {
  state: EditorState;
  change: (change: (state: EditorState) => EditorState, key?: string) => void;
  edit: Edit;
  readOnly: boolean;
  orgId: string;
  product: Schema<'Product'>;
  /** the stage scheme the document's stages are written in */
  scheme: StageScheme;
  /** the model's parameter names, for formulas */
  parameterNames: readonly string[];
  /** background datasets the document links to, as resolved in its version (datasetKey) */
  datasets: ReadonlyMap<string, ResolvedDataset>;
  electricity: Schema<'ElectricityReference'> | undefined;
  transport: Schema<'TransportReference'> | undefined;
  /** the engine's unit table (GET /v1/reference/units); undefined until it has come */
  units: UnitTable | undefined;
  /** the problems, by the place that shows them (issue-placement.ts) */
  issues: ReadonlyMap<string, readonly EditorIssue[]>;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

/**
 * The editor's state and its change functions, inside <ModelEditor>.
 *
 * @example const { document, edit } = useEditor();
 */
export function useEditor(): EditorContextValue & { document: ModelDocument } {
  const value = useContext(EditorContext);
  if (!value) throw new Error('useEditor needs the <ModelEditor> around it');
  return { ...value, document: value.state.document };
}

/** The problems shown at a place (exactly that place, see placeOf). */
export function useIssuesAt(path: DocumentPath): readonly EditorIssue[] {
  const value = useContext(EditorContext);
  return value?.issues.get(pathKey(path)) ?? NO_ISSUES;
}

const NO_ISSUES: readonly EditorIssue[] = [];

/** The DOM id of the control (or card) at a place, so that the list of problems can move focus there. */
export function placeId(path: DocumentPath | string): string {
  const key = typeof path === 'string' ? path : pathKey(path);
  return `place-${key.replace(/[^A-Za-z0-9_-]/g, '_') || 'model'}`;
}
