import type { OpenCfpClient } from '@opencfp/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { ApiProvider } from './api/api-context';
import { AppRoutes } from './routes';

/**
 * A query cache for the app: answers stay fresh for 30 s; a failed request is retried once unless the server
 * answered (a 4xx will not change by asking again).
 *
 * @example const queries = createQueryClient();
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => count < 1 && (error as { status?: number }).status === 0,
      },
    },
  });
}

/**
 * The whole app: API client, query cache, messages and routes.
 *
 * @example createRoot(root).render(<App client={sameOriginClient()} i18n={createI18n()} queries={createQueryClient()} />);
 */
export function App({ client, i18n, queries }: { client: OpenCfpClient; i18n: I18n; queries: QueryClient }) {
  return (
    <I18nextProvider i18n={i18n}>
      <ApiProvider client={client}>
        <QueryClientProvider client={queries}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </QueryClientProvider>
      </ApiProvider>
    </I18nextProvider>
  );
}
