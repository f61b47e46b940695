// The AuditLog port in memory, for the CLI and tests: the same ordering and shapes as the database,
// and no way to change or remove an event once appended.
import type { AuditEvent, AuditEventInput, AuditFilter, AuditLog } from '../domain/ports/audit.js';
import { matchesAuditFilter, normaliseLimit } from './audit-log.js';
import { jsonClone, settle } from './sql-rows.js';

export function createMemoryAuditLog(): AuditLog {
  const events: AuditEvent[] = [];
  let nextId = 1;
  return {
    append(tenantId: string, event: AuditEventInput) {
      return settle(() => {
        events.push(
          Object.freeze({
            id: String(nextId++),
            tenantId,
            actor: event.actor,
            action: event.action,
            runId: event.runId,
            stepId: event.stepId,
            details: jsonClone(event.details) ?? {},
            at: new Date(event.at).toISOString(),
          }),
        );
      });
    },

    /** Newest first, at most `limit` events. */
    list(tenantId: string, filter: AuditFilter) {
      const matching = events.filter((e) => e.tenantId === tenantId && matchesAuditFilter(e, filter));
      const newestFirst = matching.reverse().slice(0, normaliseLimit(filter.limit));
      return Promise.resolve(newestFirst.map((e) => structuredClone(e)));
    },
  };
}
