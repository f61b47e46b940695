// The AuditLog port in memory, for the CLI and tests: the same ordering and shapes as the database,
// and no way to change or remove an event once appended.
import type { AuditEvent, AuditEventInput, AuditLog } from '../domain/ports/audit.js';
import { normaliseLimit } from './audit-log.js';
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
    list(tenantId: string, filter: { runId?: string; limit: number }) {
      const matching = events.filter(
        (e) => e.tenantId === tenantId && (filter.runId === undefined || e.runId === filter.runId),
      );
      const newestFirst = matching.reverse().slice(0, normaliseLimit(filter.limit));
      return Promise.resolve(newestFirst.map((e) => structuredClone(e)));
    },
  };
}
