import { createClient, type OpenCfpClient } from '@opencfp/client';
import { createContext, useContext, type ReactNode } from 'react';

const ApiContext = createContext<OpenCfpClient | null>(null);

/**
 * The client of the API the app is served with: same origin, the HttpOnly session cookie sent with every call
 * (no token is kept in JavaScript).
 *
 * @example const api = sameOriginClient(); await api.GET('/v1/me');
 */
export function sameOriginClient(baseUrl = ''): OpenCfpClient {
  return createClient({ baseUrl, credentials: 'same-origin' });
}

/**
 * Gives the pages their API client (tests give one pointed at a real server).
 *
 * @example <ApiProvider client={sameOriginClient()}><App /></ApiProvider>
 */
export function ApiProvider({ client, children }: { client: OpenCfpClient; children: ReactNode }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/**
 * The typed API client (@opencfp/client) inside an ApiProvider; use it in react-query's query functions.
 *
 * @example
 * const api = useApi();
 * const products = useQuery({
 *   queryKey: ['products', orgId],
 *   queryFn: async () => (await api.GET('/v1/orgs/{orgId}/products', { params: { path: { orgId } } })).data,
 * });
 */
export function useApi(): OpenCfpClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi needs an <ApiProvider> above it');
  return client;
}
