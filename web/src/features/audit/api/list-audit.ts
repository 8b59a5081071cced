import type { AuditList, AuditRecord } from '@contract/schemas/audit';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export type { AuditRecord };

export interface AuditFilter {
  entity?: string;
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** Only what the school's operators did (their account actions in the school). */
  byOperator?: boolean;
}

export const AUDIT_PAGE_SIZE = 50;

/** GET /api/schools/:schoolId/audit, newest first; `before` pages back by id. */
export const listAudit = (schoolId: string, filter: AuditFilter, before?: string) =>
  api.get<AuditList>(`/api/schools/${schoolId}/audit`, {
    ...filter,
    byOperator: filter.byOperator ? 'true' : undefined,
    before,
    limit: AUDIT_PAGE_SIZE,
  });

export const auditQueryOptions = (schoolId: string, filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', schoolId, filter] as const,
    queryFn: ({ pageParam }) => listAudit(schoolId, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.items.length === AUDIT_PAGE_SIZE ? last.items[last.items.length - 1]?.id : undefined),
  });

export const useAudit = (schoolId: string, filter: AuditFilter) => useInfiniteQuery(auditQueryOptions(schoolId, filter));
