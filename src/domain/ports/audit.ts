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

export interface AuditLog {
  append(tenantId: string, event: AuditEventInput): Promise<void>;
  list(tenantId: string, filter: { runId?: string; limit: number }): Promise<AuditEvent[]>;
}
