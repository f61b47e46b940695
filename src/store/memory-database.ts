// The in-memory "database" behind every memory store: one object holding runs, steps, submissions,
// drafts, tenants and settings, so the memory ports see each other's writes like the SQL ones do.
import type { AuditLog } from '../domain/ports/audit.js';
import type { DraftRecord } from '../domain/ports/draft-store.js';
import type { SubmissionRecord } from '../domain/ports/intake-store.js';
import type { RunRecord, StepRecord } from '../domain/ports/run-store.js';
import { createMemoryAuditLog } from './memory-audit-log.js';

/** A run row: the port's record plus the columns only the queries and the dispatcher read. */
export interface MemoryRun extends RunRecord {
  submissionId: string | null;
  email: string | null;
  company: string | null;
  formId: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  dueAt: string | null;
  deadLetteredAt: string | null;
}

export interface MemoryStep extends StepRecord {
  tenantId: string;
  seq: number;
}

export type MemorySubmission = Omit<SubmissionRecord, 'runId'>;

export interface MemorySettingsRow {
  /** The document as stored (JSON), parsed with the schema's defaults on every read. */
  document: unknown;
  version: number;
  updatedAt: string;
}

export interface MemoryDatabase {
  readonly audit: AuditLog;
  /** Keyed by rowKey(tenantId, id). */
  readonly runs: Map<string, MemoryRun>;
  readonly steps: MemoryStep[];
  readonly submissions: Map<string, MemorySubmission>;
  readonly drafts: Map<string, DraftRecord>;
  readonly tenants: Map<string, { name: string; createdAt: string }>;
  readonly settings: Map<string, MemorySettingsRow>;
  nextStepSeq: number;
}

export function createMemoryDatabase(options: { audit?: AuditLog } = {}): MemoryDatabase {
  return {
    audit: options.audit ?? createMemoryAuditLog(),
    runs: new Map(),
    steps: [],
    submissions: new Map(),
    drafts: new Map(),
    tenants: new Map(),
    settings: new Map(),
    nextStepSeq: 1,
  };
}

/** The composite (tenant, id) key every table uses. */
export function rowKey(tenantId: string, id: string): string {
  return JSON.stringify([tenantId, id]);
}

/** The port's view of a stored run: a copy, without the columns RunRecord does not carry. */
export function toRunRecord(run: MemoryRun): RunRecord {
  return structuredClone({
    id: run.id,
    tenantId: run.tenantId,
    workflow: run.workflow,
    idempotencyKey: run.idempotencyKey,
    status: run.status,
    currentStep: run.currentStep,
    attempt: run.attempt,
    input: run.input,
    error: run.error,
    reason: run.reason,
    traceId: run.traceId,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
  });
}

/** What timestamptz does to an instant: normalised to ISO-8601 in UTC. */
export function isoInstant(at: string): string {
  return new Date(at).toISOString();
}

export function isoOrNull(at: string | null): string | null {
  return at === null ? null : isoInstant(at);
}

/** Runs of one tenant (tenant_id filter of every SQL query). */
export function runsOf(database: MemoryDatabase, tenantId: string): MemoryRun[] {
  return [...database.runs.values()].filter((r) => r.tenantId === tenantId);
}
