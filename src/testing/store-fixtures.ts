// Shared fixtures for the store conformance suites: fresh tenants, a valid new run, and small readers of
// the audit trail. Every test makes its own tenants, so suites can share one database.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { AuditEvent, AuditLog } from '../domain/ports/audit.js';
import type { NewRun, RunStore } from '../domain/ports/run-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';

export interface RunStoreHarness {
  runStore: RunStore;
  /** The audit log the store writes its events to. */
  audit: AuditLog;
  /** The side-effect ledger writeCheckpoints records in. */
  ledger: SideEffectLedger;
}

export function newTenant(): string {
  return `tenant-${randomUUID()}`;
}

export function newRun(tenantId: string, overrides: Partial<NewRun> = {}): NewRun {
  return {
    id: randomUUID(),
    tenantId,
    workflow: 'form-lead',
    idempotencyKey: `key-${randomUUID()}`,
    input: { lead: { email: 'ada@example.com', company: 'Example Ltd' }, tags: ['a', 'b'], score: 1.5 },
    traceId: 'trace-1',
    createdAt: '2026-11-25T10:00:00.000-05:00',
    ...overrides,
  };
}

/** `count` new runs of the tenant, each on its first attempt (started at `at`), by id. */
export async function startRuns(runStore: RunStore, tenant: string, count: number, at: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { run } = await runStore.createRun(newRun(tenant));
    await runStore.startAttempt(tenant, run.id, at);
    ids.push(run.id);
  }
  return ids;
}

export function isAppError(code: string): (error: unknown) => boolean {
  return (error) => error instanceof AppError && error.code === code;
}

export async function auditActions(audit: AuditLog, tenantId: string, runId?: string): Promise<string[]> {
  const events = await audit.list(tenantId, { ...(runId === undefined ? {} : { runId }), limit: 100 });
  return events.map((e) => e.action).reverse();
}

export async function latestAudit(audit: AuditLog, tenantId: string): Promise<AuditEvent> {
  const [event] = await audit.list(tenantId, { limit: 1 });
  assert.ok(event, 'an audit event was written');
  return event;
}

export type MakeRunStoreHarness = () => RunStoreHarness | Promise<RunStoreHarness>;
