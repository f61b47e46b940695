// The audit trail port: append-only events for run and step transitions, operator actions and
// setting changes. Implementations must refuse updates and deletes.

export interface AuditEventInput {
  /** `system`, or `user:<id>` / `api-key:<id>`. */
  actor: string;
  /** `area.verb`, e.g. `run.started`, `step.failed`, `draft.approved`, `settings.updated`. */
  action: string;
  runId: string | null;
  stepId: string | null;
  details: Record<string, unknown>;
  at: string;
}

export interface AuditEvent extends AuditEventInput {
  id: string;
  tenantId: string;
}

/** Every given field narrows the list; absent fields do not filter. */
export interface AuditFilter {
  runId?: string;
  /** Exact actor, e.g. `user:ada@example.com`, or a prefix ending in `:` (`user:`). */
  actor?: string;
  /** Exact action, or a prefix ending in `.` (`draft.`). */
  action?: string;
  /** ISO instants on `at`: inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** Only events older than this event id (keyset pagination, newest first). */
  beforeId?: string;
  limit: number;
}

export interface AuditLog {
  append(tenantId: string, event: AuditEventInput): Promise<void>;
  /** Newest first, at most `limit` events. */
  list(tenantId: string, filter: AuditFilter): Promise<AuditEvent[]>;
}
