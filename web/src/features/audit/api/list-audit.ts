import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/**
 * One audit record as GET /api/schools/:schoolId/audit answers it. The schema lives in the
 * server's audit routes (not yet in contract/schemas), so it is mirrored here.
 */
export interface AuditRecord {
  id: string;
  at: string;
  action: string;
  entity: string;
  entityId: string | null;
  actorUserId: string | null;
  actorName: string | null;
  ip: string;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  entity?: string;
  action?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** GET /api/schools/:schoolId/audit, newest first; `before` pages back by id. */
export const listAudit = (schoolId: string, filter: AuditFilter, before?: string) =>
  api.get<{ items: AuditRecord[] }>(`/api/schools/${schoolId}/audit`, { ...filter, before, limit: AUDIT_PAGE_SIZE });

export const auditQueryOptions = (schoolId: string, filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', schoolId, filter] as const,
    queryFn: ({ pageParam }) => listAudit(schoolId, filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.items.length === AUDIT_PAGE_SIZE ? last.items[last.items.length - 1]?.id : undefined),
  });

export const useAudit = (schoolId: string, filter: AuditFilter) => useInfiniteQuery(auditQueryOptions(schoolId, filter));
