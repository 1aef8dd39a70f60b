import type { Schema } from '@opencfp/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { readMonteCarlo, type MonteCarloRun } from './monte-carlo';
import { readResult, type ResultData } from './read-result';
import { markData, markRequest } from './render-timing';

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

/** Most Monte Carlo jobs looked through for a model's runs (the jobs list has no model filter). */
const MONTE_CARLO_JOBS = 200;

/**
 * The succeeded Monte Carlo runs of a model, newest first. The jobs list cannot be asked for one model's jobs, so
 * the organisation's latest Monte Carlo jobs are read and this model's kept.
 */
export function useMonteCarloRuns(orgId: string, modelId: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['results', 'monte-carlo', orgId, modelId],
    queryFn: async (): Promise<MonteCarloRun[]> => {
      const { data } = await api.GET('/v1/orgs/{orgId}/jobs', {
        params: {
          path: { orgId },
          query: { kind: 'monte-carlo', status: 'succeeded', limit: MONTE_CARLO_JOBS },
        },
      });
      return data.jobs
        .map(readMonteCarlo)
        .filter((run): run is MonteCarloRun => run !== null && run.modelId === modelId);
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
