import { ApiError, type Schema } from '@opencfp/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { monteCarloRun, type MonteCarloRun } from './monte-carlo';
import { readResult, type ResultData } from './read-result';
import { markData, markRequest } from './render-timing';
import type { Job } from './use-job';

// The results pages' queries. Keys start with 'results' so that they never share a cache entry with another page's
// query of the same route in another shape (the dashboard keeps only each model's latest result under
// ['calculations', orgId, modelId]).

/** A stored result (immutable: never refetched). Marks the arrival of its answer for the benchmarks. */
export function useResult(orgId: string, resultId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'result', orgId, resultId],
    enabled: resultId !== null,
    staleTime: Infinity,
    queryFn: async (): Promise<ResultData> => {
      const id = resultId ?? '';
      markRequest('result', id);
      const { data } = await api.GET('/v1/orgs/{orgId}/calculations/{resultId}', {
        params: { path: { orgId, resultId: id } },
      });
      const read = readResult(data);
      markData('result', id);
      return read;
    },
  });
}

/** A product model with its document (scenarios, processes). */
export function useModel(orgId: string, modelId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'model', orgId, modelId],
    enabled: modelId !== null,
    queryFn: async (): Promise<Schema<'ProductModel'>> =>
      (
        await api.GET('/v1/orgs/{orgId}/models/{id}', {
          params: { path: { orgId, id: modelId ?? '' } },
        })
      ).data,
  });
}

/** The product a model is of (names, declared unit). */
export function useProduct(orgId: string, productId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'product', orgId, productId],
    enabled: productId !== null,
    queryFn: async (): Promise<Schema<'Product'>> =>
      (
        await api.GET('/v1/orgs/{orgId}/products/{id}', {
          params: { path: { orgId, id: productId ?? '' } },
        })
      ).data,
  });
}

/** The stored results of a model, newest first. */
export function useModelResults(orgId: string, modelId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'list', orgId, modelId],
    queryFn: async (): Promise<Schema<'CalculationResultSummary'>[]> =>
      (
        await api.GET('/v1/orgs/{orgId}/models/{id}/calculations', {
          params: { path: { orgId, id: modelId } },
        })
      ).data.results,
  });
}

/**
 * The latest Monte Carlo run of a result: the server finds the newest succeeded run of the result's inputs (model
 * document, background version and options); null when there is none yet.
 */
export function useResultMonteCarlo(orgId: string, resultId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'monte-carlo', orgId, resultId],
    queryFn: async (): Promise<MonteCarloRun | null> => {
      try {
        const { data } = await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/monte-carlo', {
          params: { path: { orgId, resultId } },
        });
        return monteCarloRun(data);
      } catch (error) {
        // No run yet (the answer names the inputs hash it looked for); a result that is gone stays an error.
        if (ApiError.is(error, 'NOT_FOUND') && typeof error.details.inputsHash === 'string') return null;
        throw error;
      }
    },
  });
}

/** How many of a model's Monte Carlo jobs are looked through for one still under way. */
const RECENT_MONTE_CARLO_JOBS = 5;

/**
 * A Monte Carlo run of a model still queued or running (the newest), e.g. one started before the page was left: it
 * can be followed again. Null when none is under way.
 */
export function useMonteCarloUnderWay(orgId: string, modelId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'monte-carlo-jobs', orgId, modelId],
    queryFn: async (): Promise<Job | null> => {
      const { data } = await api.GET('/v1/orgs/{orgId}/jobs', {
        params: {
          path: { orgId },
          query: { kind: 'monte-carlo', modelId, limit: RECENT_MONTE_CARLO_JOBS },
        },
      });
      return data.jobs.find((job) => job.status === 'queued' || job.status === 'running') ?? null;
    },
  });
}

/** One node of a result's upstream tree with its children (immutable per result). */
export function useUpstream(orgId: string, resultId: string, node: string | null, limit: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'upstream', orgId, resultId, node ?? 'root', limit],
    staleTime: Infinity,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/upstream', {
          params: { path: { orgId, resultId }, query: { ...(node === null ? {} : { node }), limit } },
        })
      ).data,
  });
}

/** The key of a Sankey answer in the performance marks. */
export const sankeyKey = (resultId: string, threshold: number, maxNodes: number) =>
  `${resultId}|${threshold}|${maxNodes}`;

/**
 * The supply-chain Sankey of a result, pruned on the server at `threshold` (share of the total) and `maxNodes`.
 * While another threshold loads, the previous diagram stays.
 */
export function useSankey(orgId: string, resultId: string, threshold: number, maxNodes: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'sankey', orgId, resultId, threshold, maxNodes],
    staleTime: Infinity,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const key = sankeyKey(resultId, threshold, maxNodes);
      markRequest('sankey', key);
      const { data } = await api.GET('/v1/orgs/{orgId}/calculations/{resultId}/sankey', {
        params: { path: { orgId, resultId }, query: { threshold, maxNodes } },
      });
      markData('sankey', key);
      return data;
    },
  });
}
