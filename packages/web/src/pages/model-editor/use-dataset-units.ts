import type { Schema } from '@opencfp/client';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context';

/**
 * The units an input may give a background dataset's product in, each with the reference units one of it is — as
 * a calculation converts them: the units of the flow's properties, then the common units that convert to one of
 * them (GET …/databases/{versionId}/processes/{processId}, kept for the session: a version never changes).
 * Undefined until answered, or without a dataset.
 *
 * @example const units = useDatasetUnits(orgId, versionId, 'p-steel'); units?.find((u) => u.name === 'g')?.factor // 0.001
 */
export function useDatasetUnits(
  orgId: string,
  versionId: string | null,
  processId: string | undefined,
  productId?: string,
): readonly Schema<'ProductUnit'>[] | undefined {
  const api = useApi();
  const detail = useQuery({
    // the dataset page's key: one answer for both
    queryKey: ['dataset', orgId, versionId, processId],
    enabled: versionId !== null && !!processId,
    staleTime: Infinity,
    retry: false,
    queryFn: async () =>
      (
        await api.GET('/v1/orgs/{orgId}/databases/{versionId}/processes/{processId}', {
          params: { path: { orgId, versionId: versionId as string, processId: processId as string } },
        })
      ).data,
  });
  const data = detail.data;
  if (!data) return undefined;
  const product = productId
    ? data.products.find((p) => p.productId === productId)
    : (data.referenceProduct ?? data.products[0]);
  return product?.units;
}
