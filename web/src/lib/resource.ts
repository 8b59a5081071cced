import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

/**
 * Building blocks for the per-endpoint API files of school-owned resources
 * (/api/schools/:schoolId/<resource>[/:id]). Each feature file names its endpoint and types;
 * these helpers only remove the repetition of fetch + query key + cache invalidation.
 */
export type Query = Record<string, string | number | undefined | null>;

export const resourceKey = (schoolId: string, resource: string, query?: Query) =>
  query ? (['school', schoolId, resource, query] as const) : (['school', schoolId, resource] as const);

export const resourcePath = (schoolId: string, resource: string, id?: string) =>
  `/api/schools/${encodeURIComponent(schoolId)}/${resource}${id ? `/${encodeURIComponent(id)}` : ''}`;

/** Query options for a GET of a list or an item. */
export function resourceQuery<T>(schoolId: string, resource: string, query?: Query, id?: string) {
  return queryOptions({
    queryKey: id ? ([...resourceKey(schoolId, resource), id] as const) : resourceKey(schoolId, resource, query),
    queryFn: ({ signal }) => api.get<T>(resourcePath(schoolId, resource, id), query, signal),
  });
}

export const useResource = <T>(schoolId: string, resource: string, query?: Query, id?: string) =>
  useQuery(resourceQuery<T>(schoolId, resource, query, id));

/** A write to a resource; on success every cached read of the school's resources is refreshed. */
export function useResourceMutation<TInput, TResult = unknown>(schoolId: string, run: (input: TInput) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['school', schoolId] }),
  });
}
