import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/api-context';
import { fromValidationIssues } from './issue-placement';
import type { ModelDocument } from './model-types';
import { stableJson } from './use-autosave';
import type { EditorIssue } from './validate-document';

/** How long the document must stay unchanged before the server checks it, in ms. */
export const VALIDATION_DELAY_MS = 600;

const NONE: EditorIssue[] = [];

/**
 * The problems a calculation of the document would raise, as the server finds them without calculating
 * (POST …/models/validate on the model's background version): asked `delayMs` after the last change, only while
 * `enabled` (the browser's own checks found no error: the server would mostly repeat them), and for viewers too.
 * The answer for a document is kept, so undo and redo need no new request; until the next answer comes, the last
 * one stays shown.
 *
 * @example const { issues, checking } = useServerValidation({ orgId, document, backgroundVersionId, enabled: true });
 */
export function useServerValidation({
  orgId,
  document,
  backgroundVersionId,
  enabled,
  delayMs = VALIDATION_DELAY_MS,
}: {
  orgId: string;
  document: ModelDocument;
  backgroundVersionId: string | null;
  enabled: boolean;
  delayMs?: number;
}): { issues: readonly EditorIssue[]; checking: boolean; error: unknown } {
  const api = useApi();
  const text = useMemo(() => stableJson(document), [document]);
  const [asked, setAsked] = useState({ text, backgroundVersionId });
  useEffect(() => {
    if (asked.text === text && asked.backgroundVersionId === backgroundVersionId) return;
    const timer = setTimeout(() => setAsked({ text, backgroundVersionId }), delayMs);
    return () => clearTimeout(timer);
  }, [text, backgroundVersionId, asked, delayMs]);

  const answer = useQuery({
    queryKey: ['model-validation', orgId, asked.backgroundVersionId, asked.text],
    enabled,
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const model = JSON.parse(asked.text) as ModelDocument;
      const { data } = await api.POST('/v1/orgs/{orgId}/models/validate', {
        params: { path: { orgId } },
        body: { model, backgroundVersionId: asked.backgroundVersionId },
        signal,
      });
      return fromValidationIssues(data.issues, model);
    },
  });
  return {
    issues: enabled ? (answer.data ?? NONE) : NONE,
    checking: enabled && answer.isFetching,
    error: enabled ? answer.error : null,
  };
}
