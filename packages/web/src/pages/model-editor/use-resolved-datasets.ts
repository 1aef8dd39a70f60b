import { useQueries } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { inputsOf } from './document-operations';
import type { ModelDocument } from './model-types';
import { datasetKey, type ResolvedDataset } from './validate-document';

/** The background links of a document: background inputs and transport legs at a dataset. */
export function backgroundLinks(document: ModelDocument): { processId: string; productId?: string }[] {
  const links = new Map<string, { processId: string; productId?: string }>();
  for (const process of document.processes)
    for (const input of inputsOf(process)) {
      const source = input.source;
      const link =
        source.kind === 'background'
          ? { processId: source.processId, productId: source.productId }
          : source.kind === 'transport' && source.dataset
            ? source.dataset
            : undefined;
      if (link?.processId) links.set(datasetKey(link.processId, link.productId), link);
    }
  return [...links.values()];
}

/**
 * The datasets a document links to, looked up in its background version (the listing searches ids, so one
 * search per process finds its products): each one's names, location and reference unit, or null when the
 * version has no such dataset. Not yet answered: absent from the map.
 *
 * @example const datasets = useResolvedDatasets(orgId, versionId, document); datasets.get(datasetKey(id))?.unit
 */
export function useResolvedDatasets(
  orgId: string,
  versionId: string | null,
  document: ModelDocument,
): Map<string, ResolvedDataset> {
  const api = useApi();
  const processIds = [...new Set(backgroundLinks(document).map((l) => l.processId))].sort();
  const answers = useQueries({
    queries: processIds.map((processId) => ({
      queryKey: ['dataset-by-id', orgId, versionId, processId],
      enabled: versionId !== null,
      staleTime: Infinity,
      queryFn: async () => {
        const { data } = await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
          params: {
            path: { orgId, versionId: versionId as string },
            query: { search: processId, limit: 50 },
          },
        });
        return data.processes.filter((p) => p.processId === processId);
      },
    })),
  });
  const resolved = new Map<string, ResolvedDataset>();
  for (const link of backgroundLinks(document)) {
    const products = answers[processIds.indexOf(link.processId)]?.data;
    if (!products) continue;
    const product = link.productId ? products.find((p) => p.productId === link.productId) : products[0];
    resolved.set(datasetKey(link.processId, link.productId), product ?? null);
  }
  return resolved;
}
