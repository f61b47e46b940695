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
  /** Step rows by rowKey(tenantId, runId), each run's in insertion order. */
  readonly steps: Map<string, MemoryStep[]>;
  readonly submissions: Map<string, MemorySubmission>;
  readonly drafts: Map<string, DraftRecord>;
  readonly tenants: Map<string, { name: string; createdAt: string }>;
  readonly settings: Map<string, MemorySettingsRow>;
  /** Lookups the SQL tables answer by index, kept by insertRun / insertSubmission / insertDraft. */
  readonly index: {
    /** rowKey(tenantId, run idempotency key) */
    runByKey: Map<string, MemoryRun>;
    /** rowKey(tenantId, submission id) */
    runBySubmission: Map<string, MemoryRun>;
    /** rowKey(tenantId, submission idempotency key) */
    submissionByKey: Map<string, MemorySubmission>;
    /** rowKey(tenantId, runId) */
    draftByRun: Map<string, DraftRecord>;
  };
  nextStepSeq: number;
}

export function createMemoryDatabase(options: { audit?: AuditLog } = {}): MemoryDatabase {
  return {
    audit: options.audit ?? createMemoryAuditLog(),
    runs: new Map(),
    steps: new Map(),
    submissions: new Map(),
    drafts: new Map(),
    tenants: new Map(),
    settings: new Map(),
    index: {
      runByKey: new Map(),
      runBySubmission: new Map(),
      submissionByKey: new Map(),
      draftByRun: new Map(),
    },
    nextStepSeq: 1,
  };
}

/** Adds a run row and its index entries (the caller has checked its keys are free). */
export function insertRun(database: MemoryDatabase, run: MemoryRun): void {
  database.runs.set(rowKey(run.tenantId, run.id), run);
  database.index.runByKey.set(rowKey(run.tenantId, run.idempotencyKey), run);
  if (run.submissionId !== null)
    database.index.runBySubmission.set(rowKey(run.tenantId, run.submissionId), run);
}

export function insertSubmission(database: MemoryDatabase, submission: MemorySubmission): void {
  database.submissions.set(rowKey(submission.tenantId, submission.id), submission);
  database.index.submissionByKey.set(rowKey(submission.tenantId, submission.idempotencyKey), submission);
}

export function insertDraft(database: MemoryDatabase, draft: DraftRecord): void {
  database.drafts.set(rowKey(draft.tenantId, draft.id), draft);
  database.index.draftByRun.set(rowKey(draft.tenantId, draft.runId), draft);
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
