// The shape of workflow_runs and step_runs rows as raw SQL returns them, and their mapping to the
// port's records. Shared by every statement of the PostgreSQL run store.
import { sql } from 'drizzle-orm';
import type { RunError, RunRecord, RunStatus, StepRecord, StepStatus } from '../domain/ports/run-store.js';
import { toIso, toIsoOrNull } from './sql-rows.js';

export const RUN_COLUMN_NAMES = [
  'tenant_id',
  'id',
  'workflow',
  'idempotency_key',
  'status',
  'current_step',
  'attempt',
  'input',
  'error_code',
  'error_message',
  'reason',
  'trace_id',
  'created_at',
  'updated_at',
  'finished_at',
] as const;

export const RUN_COLUMNS = sql.raw(RUN_COLUMN_NAMES.join(', '));

/** The run columns qualified by a table alias, for statements that join workflow_runs. */
export function runColumnsOf(alias: string) {
  return sql.raw(RUN_COLUMN_NAMES.map((c) => `${alias}.${c}`).join(', '));
}

export interface RunRow {
  tenant_id: string;
  id: string;
  workflow: string;
  idempotency_key: string;
  status: RunStatus;
  current_step: string | null;
  attempt: number;
  input: unknown;
  error_code: string | null;
  error_message: string | null;
  reason: string | null;
  trace_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export function runFromRow(row: RunRow): RunRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    workflow: row.workflow,
    idempotencyKey: row.idempotency_key,
    status: row.status,
    currentStep: row.current_step,
    attempt: row.attempt,
    input: row.input ?? null,
    error: errorFrom(row.error_code, row.error_message),
    reason: row.reason,
    traceId: row.trace_id,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    finishedAt: toIsoOrNull(row.finished_at),
  };
}

export const STEP_COLUMNS = sql.raw(
  'run_id, step_id, attempt, status, output, error_code, error_message, started_at, finished_at, duration_ms',
);

export interface StepRow {
  run_id: string;
  step_id: string;
  attempt: number;
  status: StepStatus;
  output: unknown;
  error_code: string | null;
  error_message: string | null;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
}

export function stepFromRow(row: StepRow): StepRecord {
  return {
    runId: row.run_id,
    stepId: row.step_id,
    attempt: row.attempt,
    status: row.status,
    output: row.output ?? null,
    error: errorFrom(row.error_code, row.error_message),
    startedAt: toIso(row.started_at),
    finishedAt: toIsoOrNull(row.finished_at),
    durationMs: row.duration_ms,
  };
}

function errorFrom(code: string | null, message: string | null): RunError | null {
  return code === null ? null : { code, message: message ?? '' };
}

/** The dashboard's search columns, read from the run's input when it carries a lead. */
export function searchFieldsOf(input: unknown): { email: string | null; company: string | null } {
  const top = asRecord(input);
  const lead = asRecord(top?.['lead']);
  return {
    email: (stringField(lead, 'email') ?? stringField(top, 'email'))?.toLowerCase() ?? null,
    company: stringField(lead, 'company') ?? stringField(top, 'company'),
  };
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function stringField(record: Record<string, unknown> | null, key: string): string | null {
  const value = record?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
