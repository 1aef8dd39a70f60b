// The studies pages' queries and changes. Keys start with ['studies', orgId] — the dashboard's list of studies is
// ['studies', orgId] itself — so that one invalidation after a change refreshes every view of the organisation's
// studies, the dashboard's among them.
import { ApiError, ifMatch, type Schema } from '@opencfp/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { readCompliance, type ComplianceReport } from './read-compliance';
import { readStudyModel, readStudyResult, type StudyModel, type StudyResult } from './read-study-model';

export type StudyDetail = Schema<'StudyDetail'>;
export type Study = Schema<'Study'>;
export type StudyFinding = Schema<'StudyFinding'>;
export type Relation = Study['relation'];

/** The studies the organisation takes part in (its own, and those it is invited to verify or certify). */
export function useStudies(orgId: string, relation: Relation | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'list', relation],
    queryFn: async (): Promise<Study[]> =>
      (
        await api.GET('/v1/orgs/{orgId}/studies', {
          params: { path: { orgId }, query: relation ? { relation } : {} },
        })
      ).data.studies,
  });
}

/** One study with its history. */
export function useStudy(orgId: string, id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'detail', id],
    queryFn: async (): Promise<StudyDetail> =>
      (await api.GET('/v1/orgs/{orgId}/studies/{id}', { params: { path: { orgId, id } } })).data,
  });
}

/** The findings on a study, oldest first. */
export function useFindings(orgId: string, id: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'findings', id],
    queryFn: async (): Promise<StudyFinding[]> =>
      (await api.GET('/v1/orgs/{orgId}/studies/{id}/findings', { params: { path: { orgId, id } } })).data
        .findings,
  });
}

/** The study checked against its rule set now (only once it names a result: 404 before). */
export function useCompliance(orgId: string, id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'compliance', id],
    enabled,
    queryFn: async (): Promise<ComplianceReport> =>
      readCompliance(
        (await api.GET('/v1/orgs/{orgId}/studies/{id}/compliance', { params: { path: { orgId, id } } })).data,
      ),
  });
}

/** The model the study reports, as calculated for its result, with whether it was saved since. */
export interface StudyModelAnswer {
  view: Schema<'StudyModelView'>;
  model: StudyModel | null;
}

export function useStudyModel(orgId: string, id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'model', id],
    enabled,
    queryFn: async (): Promise<StudyModelAnswer> => {
      const { data } = await api.GET('/v1/orgs/{orgId}/studies/{id}/model', {
        params: { path: { orgId, id } },
      });
      return { view: data, model: readStudyModel(data.model) };
    },
  });
}

/** The result the study reports (immutable, like every result). */
export interface StudyResultAnswer {
  view: Schema<'StudyResultView'>;
  result: StudyResult;
}

export function useStudyResult(orgId: string, id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'result', id],
    enabled,
    queryFn: async (): Promise<StudyResultAnswer> => {
      const { data } = await api.GET('/v1/orgs/{orgId}/studies/{id}/result', {
        params: { path: { orgId, id } },
      });
      return { view: data, result: readStudyResult(data.footprint, data.total) };
    },
  });
}

/** The public statement of a published study (no sign-in needed). */
export function useStatement(statementId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['statements', statementId],
    enabled: statementId !== null,
    queryFn: async () => {
      const { data } = await api.GET('/v1/public/statements/{statementId}', {
        params: { path: { statementId: statementId ?? '' } },
      });
      // the route answers the compact JWS alone only when asked for application/vc+jwt, which this call is not
      if (typeof data === 'string') throw new Error('the statement came as a bare JWS, not as JSON');
      return data;
    },
  });
}

/** What the server ran on a result: its stored answer, the newest Monte Carlo, sensitivity and method-choice runs. */
export interface ResultRuns {
  calculation: Schema<'CalculationResult'>;
  monteCarlo: Schema<'MonteCarloOutput'> | null;
  sensitivity: Schema<'SensitivityOutput'> | null;
  methodChoices: Schema<'MethodChoicesOutput'> | null;
}

/** A run of a result, or null when there is none yet (404 naming the inputs hash it looked for). */
async function runOrNull<T>(ask: () => Promise<T>): Promise<T | null> {
  try {
    return await ask();
  } catch (error) {
    if (ApiError.is(error, 'NOT_FOUND') && typeof error.details.inputsHash === 'string') return null;
    throw error;
  }
}

/**
 * The practitioner's result of a study (its own organisation's) with the analyses run on it, to state them in the
 * study (the verifier reads the study's own views instead).
 */
export function useResultRuns(orgId: string, resultId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['studies', orgId, 'runs', resultId],
    enabled: resultId !== null,
    queryFn: async (): Promise<ResultRuns> => {
      const path = { orgId, resultId: resultId ?? '' };
      const [calculation, monteCarlo, sensitivity, methodChoices] = await Promise.all([
        api.GET('/v1/orgs/{orgId}/calculations/{resultId}', { params: { path } }).then((r) => r.data),
        runOrNull(
          async () =>
            (await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/monte-carlo', { params: { path } })).data
              .output,
        ),
        runOrNull(
          async () =>
            (await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/sensitivity', { params: { path } })).data
              .output,
        ),
        runOrNull(
          async () =>
            (await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/method-choices', { params: { path } }))
              .data.output,
        ),
      ]);
      return { calculation, monteCarlo, sensitivity, methodChoices };
    },
  });
}

/** A move of the study's workflow, with what it needs. */
export type StudyMove =
  | { action: 'submit'; resultId?: string }
  | { action: 'invite-verifier'; body: Schema<'StudyInvitation'> }
  | { action: 'start-verification' }
  | { action: 'verify'; note?: string }
  | { action: 'reject'; reason: string }
  | { action: 'certify'; note?: string }
  | { action: 'publish' }
  | { action: 'withdraw'; reason: string }
  | { action: 'supersede'; title?: string }
  | { action: 'update'; version: number; change: Schema<'StudyChange'> }
  | { action: 'raise-finding'; itemPath: string; text: string }
  | { action: 'answer-finding'; findingId: string; text: string }
  | { action: 'close-finding'; findingId: string };

/**
 * Changes a study (every move of the workflow, a draft's change, findings) and refreshes what shows it. Resolves to
 * the study as it is now (for `supersede`: the new draft).
 *
 * @example const move = useStudyMove(orgId, id); move.mutate({ action: 'reject', reason });
 */
export function useStudyMove(orgId: string, id: string) {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (move: StudyMove): Promise<Study> => {
      const path = { orgId, id };
      switch (move.action) {
        case 'submit':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/submit', {
              params: { path },
              body: move.resultId ? { resultId: move.resultId } : {},
            })
          ).data;
        case 'invite-verifier':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/invite-verifier', {
              params: { path },
              body: move.body,
            })
          ).data;
        case 'start-verification':
          return (await api.POST('/v1/orgs/{orgId}/studies/{id}/start-verification', { params: { path } }))
            .data;
        case 'verify':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/verify', {
              params: { path },
              body: move.note ? { note: move.note } : {},
            })
          ).data;
        case 'reject':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/reject', {
              params: { path },
              body: { reason: move.reason },
            })
          ).data;
        case 'certify':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/certify', {
              params: { path },
              body: move.note ? { note: move.note } : {},
            })
          ).data;
        case 'publish':
          return (await api.POST('/v1/orgs/{orgId}/studies/{id}/publish', { params: { path } })).data;
        case 'withdraw':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/withdraw', {
              params: { path },
              body: { reason: move.reason },
            })
          ).data;
        case 'supersede':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/supersede', {
              params: { path },
              body: move.title ? { title: move.title } : {},
            })
          ).data;
        case 'update':
          return (
            await api.PATCH('/v1/orgs/{orgId}/studies/{id}', {
              params: { path, header: ifMatch(move.version) },
              body: move.change,
            })
          ).data;
        case 'raise-finding':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/findings', {
              params: { path },
              body: { itemPath: move.itemPath, text: move.text },
            })
          ).data.study;
        case 'answer-finding':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/findings/{findingId}/answers', {
              params: { path: { ...path, findingId: move.findingId } },
              body: { text: move.text },
            })
          ).data.study;
        case 'close-finding':
          return (
            await api.POST('/v1/orgs/{orgId}/studies/{id}/findings/{findingId}/close', {
              params: { path: { ...path, findingId: move.findingId } },
            })
          ).data.study;
      }
    },
    onSettled: async () => {
      // a refused move may still mean the study moved meanwhile (409): show it as it is now either way
      await queries.invalidateQueries({ queryKey: ['studies', orgId] });
    },
  });
}
