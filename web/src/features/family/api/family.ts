import type { FamilyAccessList } from '@contract/schemas/family';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, api, NETWORK_ERROR } from '../../../lib/api';

/** GET /api/schools/:schoolId/family/access-log: staff reads of the parent's children, newest first. */
export const familyAccessQueryOptions = (schoolId: string) =>
  queryOptions({
    queryKey: ['family', 'access-log', schoolId] as const,
    queryFn: () => api.get<FamilyAccessList>(`/api/schools/${schoolId}/family/access-log`),
    select: (data) => data.items,
  });

export const useFamilyAccessLog = (schoolId: string) => useQuery(familyAccessQueryOptions(schoolId));

/**
 * POST /api/schools/:schoolId/family/export: the family's data as a file. A POST, so nothing about
 * the family is in a URL; the file is handed to the browser as a download from memory.
 */
export async function downloadFamilyExport(schoolId: string, format: 'json' | 'pdf', locale: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/schools/${schoolId}/family/export`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify({ format }),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, 'network', '');
  }
  if (!response.ok) {
    const data = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new ApiError(response.status, data?.error?.code ?? 'http_error', data?.error?.message ?? '');
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `otmetka-family.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
