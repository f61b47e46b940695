// The audit log for the dashboard: a filtered, newest-first page with a cursor. Read-only; the
// events themselves are appended by the stores and services that act.
import type { AuditEvent, AuditFilter, AuditLog } from '../domain/ports/audit.js';

export interface AuditSearch {
  search(tenantId: string, filter: Omit<AuditFilter, 'beforeId'> & { cursor?: string | null }): Promise<{ items: AuditEvent[]; nextCursor: string | null }>;
}

export function createAuditSearch(audit: AuditLog): AuditSearch {
  return {
    async search(tenantId, filter) {
      const { cursor, ...rest } = filter;
      const query: AuditFilter = { ...rest, limit: filter.limit + 1 };
      if (cursor !== undefined && cursor !== null && cursor !== '') query.beforeId = cursor;
      const events = await audit.list(tenantId, query);
      const items = events.slice(0, filter.limit);
      const last = items.at(-1);
      return { items, nextCursor: events.length > filter.limit && last ? last.id : null };
    },
  };
}
