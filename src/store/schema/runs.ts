// Intake and execution tables: the verbatim form submission, the workflow run, one row per step
// attempt (the checkpoint the engine replays from), and the per-status run counts the database keeps.
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  unique,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { RunStatus, StepStatus } from '../../domain/ports/run-store.js';
import { RUN_STATUSES, STEP_STATUSES } from '../../domain/ports/run-store.js';
import { instant, oneOf } from './columns.js';

export const formSubmissions = pgTable(
  'form_submissions',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** LeadSourceKind: how the lead arrived (webhook shape, poll, plain JSON). */
    sourceKind: text('source_kind').notNull(),
    portalId: text('portal_id'),
    formId: text('form_id'),
    submissionId: text('submission_id'),
    /** The body exactly as received (signatures and replays need the bytes, not a re-serialisation). */
    rawPayload: text('raw_payload').notNull(),
    /** The same body parsed, for queries; null when it was not JSON. */
    payload: jsonb('payload'),
    receivedAt: instant('received_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'form_submissions_pkey', columns: [t.tenantId, t.id] }),
    unique('form_submissions_tenant_key_unique').on(t.tenantId, t.idempotencyKey),
  ],
);

/**
 * One row per run, updated as it runs. Migration 0005 keeps 30% of each page free (fillfactor 70, which
 * drizzle-kit does not model) so that updates touching no indexed column stay HOT and write no index entry.
 */
export const workflowRuns = pgTable(
  'workflow_runs',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    workflow: text('workflow').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    submissionId: text('submission_id'),
    status: text('status').$type<RunStatus>().notNull(),
    currentStep: text('current_step'),
    /** 0 until the engine first starts the run. */
    attempt: integer('attempt').notNull().default(0),
    input: jsonb('input'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    reason: text('reason'),
    traceId: text('trace_id'),
    /** Copied from the input at creation so the dashboard can search without reading jsonb. */
    email: text('email'),
    company: text('company'),
    /** The HubSpot form the run came from (copied from its submission), for the dashboard's list. */
    formId: text('form_id'),
    /** The run lease: the worker that holds the run, and until when. A lapsed lease may be taken over. */
    leaseOwner: text('lease_owner'),
    leaseUntil: instant('lease_until'),
    /** A pending run is not dispatched before this instant (a retry's backoff); null means now. */
    dueAt: instant('due_at'),
    /** Set when retries ran out; cleared when the run is retried. */
    deadLetteredAt: instant('dead_lettered_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [
    primaryKey({ name: 'workflow_runs_pkey', columns: [t.tenantId, t.id] }),
    unique('workflow_runs_tenant_key_unique').on(t.tenantId, t.idempotencyKey),
    check('workflow_runs_status_check', oneOf(t.status, RUN_STATUSES)),
    index('workflow_runs_tenant_status_created_idx').on(
      t.tenantId,
      t.status,
      t.createdAt.desc().nullsFirst(),
    ),
    index('workflow_runs_tenant_created_idx').on(t.tenantId, t.createdAt.desc().nullsFirst(), t.id),
    index('workflow_runs_tenant_email_idx').on(t.tenantId, t.email),
    // The run list's search (a case-insensitive substring of the email or the company): pg_trgm indexes
    // serve `lower(col) LIKE '%term%'`. Migration 0004 qualifies the operator class with the schema
    // pg_trgm is installed in, so the plain name here is only what drizzle-kit diffs against.
    // A 64 kB pending list (not 4 MB) bounds what a search must scan besides the index proper.
    index('workflow_runs_email_trgm_idx')
      .using('gin', sql`lower(${t.email}) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 64 }),
    index('workflow_runs_company_trgm_idx')
      .using('gin', sql`lower(${t.company}) gin_trgm_ops`)
      .with({ gin_pending_list_limit: 64 }),
    // The dispatcher's scans across tenants: pending runs by due time, running runs by lease expiry.
    index('workflow_runs_status_due_idx').on(t.status, t.dueAt),
    index('workflow_runs_status_lease_idx').on(t.status, t.leaseUntil),
  ],
);

/**
 * Runs per tenant and status, kept by triggers on workflow_runs (migrations 0004 and 0005) in the same
 * transaction as the change. Rows are signed deltas (+n inserted and -n deleted per statement, -1/+1 per
 * status change), so writers only ever insert and never wait on each other; a status's count is the sum
 * of its rows. The triggers fold a tenant's rows into one per status now and then
 * (docs/decisions/0003-run-list-counts-and-search.md).
 */
export const runStatusCounts = pgTable(
  'run_status_counts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    status: text('status').$type<RunStatus>().notNull(),
    delta: bigint('delta', { mode: 'number' }).notNull(),
  },
  (t) => [index('run_status_counts_tenant_idx').on(t.tenantId, t.status)],
);

export const stepRuns = pgTable(
  'step_runs',
  {
    /** Insertion order: breaks ties between attempts that started in the same millisecond. */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    attempt: integer('attempt').notNull(),
    status: text('status').$type<StepStatus>().notNull(),
    output: jsonb('output'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    durationMs: integer('duration_ms'),
  },
  (t) => [
    // One row per attempt. tenant_id leads because run ids are unique per tenant only; the key
    // doubles as the "steps by run" index.
    primaryKey({ name: 'step_runs_pkey', columns: [t.tenantId, t.runId, t.stepId, t.attempt] }),
    // Composite so a step can never point at another tenant's run.
    foreignKey({
      name: 'step_runs_run_fk',
      columns: [t.tenantId, t.runId],
      foreignColumns: [workflowRuns.tenantId, workflowRuns.id],
    }).onDelete('cascade'),
    check('step_runs_status_check', oneOf(t.status, STEP_STATUSES)),
    check('step_runs_attempt_check', sql`${t.attempt} >= 1`),
  ],
);
