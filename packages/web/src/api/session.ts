import { ApiError, type Schema } from '@opencfp/client';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useApi } from './api-context';

/** The query key of the signed-in user (GET /v1/me); null when nobody is signed in. */
export const ME_KEY = ['me'] as const;

/**
 * Who is signed in (GET /v1/me, by the session cookie): the user and their organisations; `null` when nobody is
 * (401), an error for anything else.
 *
 * @example const { data: me } = useMe(); if (me === null) return <Navigate to="/sign-in" />;
 */
export function useMe(): UseQueryResult<Schema<'Me'> | null> {
  const api = useApi();
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        return (await api.GET('/v1/me')).data;
      } catch (error) {
        if (ApiError.is(error, 'UNAUTHENTICATED')) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/**
 * Signs in (POST /v1/auth/sign-in, which sets the HttpOnly session cookie), then reloads who is signed in.
 *
 * @example const signIn = useSignIn(); signIn.mutate({ email, password });
 */
export function useSignIn() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schema<'SignIn'>) => (await api.POST('/v1/auth/sign-in', { body })).data,
    onSuccess: async () => {
      queries.clear();
      await queries.fetchQuery({ queryKey: ME_KEY, queryFn: async () => (await api.GET('/v1/me')).data });
    },
  });
}

/**
 * Signs out (POST /v1/auth/sign-out: ends the session, clears the cookie) and forgets every cached answer.
 *
 * @example const signOut = useSignOut(); <button onClick={() => signOut.mutate()}>…</button>
 */
export function useSignOut() {
  const api = useApi();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST('/v1/auth/sign-out');
      } catch (error) {
        // already signed out (session expired): the outcome is the same
        if (!ApiError.is(error, 'UNAUTHENTICATED')) throw error;
      }
    },
    onSuccess: () => {
      queries.clear();
      queries.setQueryData(ME_KEY, null);
    },
  });
}
