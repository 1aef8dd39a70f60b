import type { Schema } from '@opencfp/client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';
import { inputsOf } from './document-operations';
import type { ModelDocument } from './model-types';
import { datasetKey, type ResolvedDataset } from './validate-document';

type ProcessProduct = Schema<'ProcessProduct'>;

/** How many process ids one lookup names (the server takes at most 200). */
const IDS_PER_REQUEST = 100;

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
 * The datasets a document links to, looked up in its background version in one request
 * (GET …/processes?ids=…): each one's names, location and reference unit, or null when the version has no such
 * dataset. Not yet answered: absent from the map. Answers are kept for the session (a version never changes), so
 * adding a link asks again for the document's ids, and undoing it asks nothing.
 *
 * @example const datasets = useResolvedDatasets(orgId, versionId, document); datasets.get(datasetKey(id))?.unit
 */
export function useResolvedDatasets(
  orgId: string,
  versionId: string | null,
  document: ModelDocument,
): Map<string, ResolvedDataset> {
  const api = useApi();
  const links = backgroundLinks(document);
  const ids = [...new Set(links.map((l) => l.processId))].sort();
  const answer = useQuery({
    queryKey: ['datasets-by-id', orgId, versionId, ids],
    enabled: versionId !== null && ids.length > 0,
    staleTime: Infinity,
    // while a changed list is asked, what was known stays known
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const found: ProcessProduct[] = [];
      // at most IDS_PER_REQUEST ids a request (the server's limit), and every product of each
      for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
        const chunk = ids.slice(start, start + IDS_PER_REQUEST);
        const { data } = await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes', {
          params: {
            path: { orgId, versionId: versionId as string },
            query: { ids: chunk.join(','), limit: 500 },
          },
        });
        found.push(...data.processes);
      }
      return { versionId, ids, found };
    },
  });
  const resolved = new Map<string, ResolvedDataset>();
  const data = answer.data;
  if (!data || data.versionId !== versionId) return resolved;
  for (const link of links) {
    // an answer to an earlier list does not know the ids added since
    if (!data.ids.includes(link.processId)) continue;
    const products = data.found.filter((p) => p.processId === link.processId);
    const product = link.productId ? products.find((p) => p.productId === link.productId) : products[0];
    resolved.set(datasetKey(link.processId, link.productId), product ?? null);
  }
  return resolved;
}
