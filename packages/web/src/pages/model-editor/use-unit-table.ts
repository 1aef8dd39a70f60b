import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { unitTable, type UnitTable } from './unit-table';

/**
 * The engine's unit table (GET /v1/reference/units), asked once per session and kept: undefined until it has
 * come (checks that need it wait for it).
 *
 * @example const units = useUnitTable(); units?.factor('t', 'kg') // 1000
 */
export function useUnitTable(): UnitTable | undefined {
  const api = useApi();
  const { data } = useQuery({
    queryKey: ['reference-units'],
    staleTime: Infinity,
    gcTime: Infinity,
    queryFn: async () => (await api.GET('/v1/reference/units')).data,
  });
  return useMemo(() => (data ? unitTable(data) : undefined), [data]);
}
