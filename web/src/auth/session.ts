/**
 * Who is signed in: `GET /auth/me` through the query cache (one request for the whole shell); a 401
 * means nobody (null). Signing in or out refreshes it.
 */
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { SCHOOL_KEY, api, unwrap } from '../api/client';
import type { components, paths } from '../api/schema';
import { ProblemError } from '../lib/problem';

export type Me = paths['/auth/me']['get']['responses'][200]['content']['application/json'];
export type AccountView = NonNullable<Me['account']>;
export type _Components = components;

export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async (): Promise<Me | null> => {
    try {
      return await unwrap(api.GET('/auth/me'));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 401) return null;
      throw error;
    }
  },
  staleTime: 60_000,
});

export function useMe(): Me | null {
  return useQuery(meQuery).data ?? null;
}

export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    await api.POST('/auth/sign-out');
    // The next person on this device starts with all of their own schools.
    localStorage.removeItem(SCHOOL_KEY);
    client.clear();
    client.setQueryData(meQuery.queryKey, null);
  };
}
