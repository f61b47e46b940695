// Group commit for intake on PostgreSQL / PGlite: many submissions, their pending runs and `run.created`
// events in one INSERT statement (one round trip, one commit), answered item by item as if each had been
// recorded alone, in order. A statement that some item makes roll back is split and retried; what the
// shared statements cannot settle (a race with another writer, an item the database refuses, an id taken
// under another key) goes through the single-item path, so one bad item never decides another's answer.
// It knows nothing of HTTP, queues or when a batch is cut.
import { sql } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type {
  IntakeRecord,
  NewSubmission,
  RecordedSubmission,
  RecordOutcome,
} from '../domain/ports/intake-store.js';
import type { Db } from './database-handle.js';
import { isItemFailure } from './sql-errors.js';
import { queryRows } from './sql-rows.js';

type RecordOne = (item: IntakeRecord) => Promise<RecordedSubmission>;

interface Plan {
  /** Items the shared statement inserts: distinct keys and ids, in arrival order. */
  leaders: number[];
  /** A later item repeating a leader's key: answered with the leader's run unless the leader failed. */
  followers: { index: number; leader: number }[];
  /** Items that must be tried alone after the batch (an id another item of the batch already uses). */
  idClashes: number[];
}

export async function recordSubmissions(
  db: Db,
  items: readonly IntakeRecord[],
  recordOne: RecordOne,
): Promise<RecordOutcome[]> {
  const outcomes: (RecordOutcome | undefined)[] = new Array<RecordOutcome | undefined>(items.length);
  const settleAlone = async (index: number): Promise<void> => {
    outcomes[index] = await settle(() => recordOne(items[index] as IntakeRecord));
  };
  const plan = planBatch(items, outcomes);
  const alone = await recordLeaders(db, items, plan.leaders, outcomes);
  await Promise.all(alone.map(settleAlone));
  // The rest one after another, in arrival order, as separate deliveries would have gone.
  for (const index of plan.idClashes) await settleAlone(index);
  for (const { index, leader } of plan.followers) {
    const first = outcomes[leader];
    if (first?.ok === true) outcomes[index] = { ok: true, runId: first.runId, created: false };
    else await settleAlone(index);
  }
  return outcomes.map(
    (o) => o ?? { ok: false, error: new AppError('internal', 'an intake item was left unanswered') },
  );
}

/**
 * Stores the leaders in as few statements as their data allows and answers those it settled: created,
 * or a duplicate of the run holding the key. Returns the ones left for the single-item path.
 */
async function recordLeaders(
  db: Db,
  items: readonly IntakeRecord[],
  leaders: number[],
  outcomes: (RecordOutcome | undefined)[],
): Promise<number[]> {
  const alone: number[] = [];
  const inserted = new Set<string>();
  await insertOrSplit(db, items, leaders, inserted, alone);
  const runIdOf = (i: number): string => (items[i] as IntakeRecord).run.id;
  const tried = new Set(alone);
  for (const i of leaders)
    if (inserted.has(runIdOf(i))) outcomes[i] = { ok: true, runId: runIdOf(i), created: true };
  const missing = leaders.filter((i) => !tried.has(i) && !inserted.has(runIdOf(i)));
  if (missing.length === 0) return alone;
  const holders = await findHolders(
    db,
    missing.map((i) => items[i] as IntakeRecord),
  );
  missing.forEach((index, n) => {
    const holder = holders[n];
    // Not inserted and no holder: a run or submission id taken under another key, or a holder that
    // committed after this statement's snapshot. The single-item path tells them apart.
    if (holder === undefined || holder === null) alone.push(index);
    else outcomes[index] = { ok: true, runId: holder, created: false };
  });
  return alone;
}

function planBatch(items: readonly IntakeRecord[], outcomes: (RecordOutcome | undefined)[]): Plan {
  const plan: Plan = { leaders: [], followers: [], idClashes: [] };
  const keyHolder = new Map<string, number>();
  const ids = new Set<string>();
  items.forEach(({ submission, run }, index) => {
    if (submission.tenantId !== run.tenantId) {
      outcomes[index] = {
        ok: false,
        error: new AppError('validation', 'a submission and its run must belong to the same tenant'),
      };
      return;
    }
    const keys = [
      `${run.tenantId}\u0000${submission.idempotencyKey}`,
      `${run.tenantId}\u0000${run.idempotencyKey}`,
    ];
    const leader = keys.map((k) => keyHolder.get(k)).find((l) => l !== undefined);
    if (leader !== undefined) {
      plan.followers.push({ index, leader });
      return;
    }
    for (const k of keys) keyHolder.set(k, index);
    const own = [`s\u0000${run.tenantId}\u0000${submission.id}`, `r\u0000${run.tenantId}\u0000${run.id}`];
    if (own.some((id) => ids.has(id))) {
      plan.idClashes.push(index);
      return;
    }
    for (const id of own) ids.add(id);
    plan.leaders.push(index);
  });
  return plan;
}

/**
 * Inserts the leaders with one statement. When something in them makes it roll back, each half is tried
 * again (so one bad item costs a few statements, not one per item), down to single items, which are left
 * to the single-item path for their own answer. Run ids created are added to `inserted`.
 */
async function insertOrSplit(
  db: Db,
  items: readonly IntakeRecord[],
  leaders: number[],
  inserted: Set<string>,
  alone: number[],
): Promise<void> {
  if (leaders.length === 0) return;
  try {
    const rows = await queryRows<{ id: string }>(
      db,
      insertBatchSql(leaders.map((i) => items[i] as IntakeRecord)),
    );
    for (const row of rows) inserted.add(row.id);
  } catch (error) {
    if (!isItemFailure(error)) throw error;
    if (leaders.length === 1) {
      alone.push(...leaders);
      return;
    }
    const half = Math.ceil(leaders.length / 2);
    await Promise.all(
      [leaders.slice(0, half), leaders.slice(half)].map((part) =>
        insertOrSplit(db, items, part, inserted, alone),
      ),
    );
  }
}

/**
 * A run's input usually carries its submission's payload (the very same object): it is sent once, and
 * put back into the input by the statement, so the stored input is the same.
 */
function splitInput(submission: NewSubmission, input: unknown): { input: unknown; addPayload: boolean } {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { input: input ?? null, addPayload: false };
  const { payload, ...rest } = input as Record<string, unknown>;
  const shared = payload === submission.payload && payload !== null && typeof payload === 'object';
  return shared ? { input: rest, addPayload: true } : { input, addPayload: false };
}

/** The rows go in as one jsonb parameter, however many there are (no 65,535 bind-parameter limit). */
function toRows(leaders: IntakeRecord[]): string {
  return JSON.stringify(
    // Object.assign onto the fresh split, not fields after a spread (docs/decisions/0008).
    leaders.map(({ submission: s, run: r }) =>
      Object.assign(splitInput(s, r.input), {
        tenant_id: s.tenantId,
        sub_id: s.id,
        sub_key: s.idempotencyKey,
        source_kind: s.sourceKind,
        portal_id: s.portalId,
        form_id: s.formId,
        submission_id: s.submissionId,
        raw_payload: s.rawPayload,
        payload: s.payload ?? null,
        received_at: s.receivedAt,
        run_id: r.id,
        workflow: r.workflow,
        run_key: r.idempotencyKey,
        trace_id: r.traceId,
        email: r.email,
        company: r.company,
        created_at: r.createdAt,
      }),
    ),
  );
}

/**
 * recordSubmission's statement for many rows. Rows go in key order, so two batches racing for the same
 * keys take their locks in the same order instead of deadlocking. A submission whose key is held (ON
 * CONFLICT) or whose run key a run already holds (NOT EXISTS) inserts nothing and starts no run; a run
 * colliding after all raises a unique violation that rolls the whole statement back.
 */
function insertBatchSql(leaders: IntakeRecord[]) {
  return sql`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${toRows(leaders)}::jsonb) AS i(
        tenant_id text, sub_id text, sub_key text, source_kind text, portal_id text, form_id text,
        submission_id text, raw_payload text, payload jsonb, received_at timestamptz, run_id text,
        workflow text, run_key text, input jsonb, "addPayload" boolean, trace_id text, email text, company text,
        created_at timestamptz)
    ), sub AS (
      INSERT INTO form_submissions (tenant_id, id, idempotency_key, source_kind, portal_id, form_id, submission_id,
                                    raw_payload, payload, received_at)
      SELECT tenant_id, sub_id, sub_key, source_kind, portal_id, form_id, submission_id, raw_payload, payload, received_at
      -- A lookup by key per row: as NOT EXISTS the planner, expecting 100 rows from jsonb_to_recordset,
      -- made it a hash anti join over every run of the table (LIMIT keeps the lateral from being flattened).
      FROM input AS i LEFT JOIN LATERAL (
        SELECT true AS held FROM workflow_runs AS r
        WHERE r.tenant_id = i.tenant_id AND r.idempotency_key = i.run_key LIMIT 1
      ) AS h ON true
      WHERE h.held IS NULL
      ORDER BY tenant_id, sub_key
      ON CONFLICT DO NOTHING
      RETURNING tenant_id, id
    ), run AS (
      INSERT INTO workflow_runs (tenant_id, id, workflow, idempotency_key, submission_id, status, attempt, input,
                                 trace_id, email, company, form_id, created_at, updated_at)
      SELECT i.tenant_id, i.run_id, i.workflow, i.run_key, i.sub_id, 'pending', 0,
             CASE WHEN i."addPayload" THEN i.input || jsonb_build_object('payload', i.payload) ELSE i.input END,
             i.trace_id, i.email, i.company, i.form_id, i.created_at, i.created_at
      FROM sub JOIN input AS i ON i.tenant_id = sub.tenant_id AND i.sub_id = sub.id
      ORDER BY i.tenant_id, i.run_key
      RETURNING tenant_id, id, workflow, idempotency_key, created_at
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.created', id, NULL,
             jsonb_build_object('workflow', workflow, 'idempotencyKey', idempotency_key), created_at
      FROM run
    )
    SELECT id FROM run`;
}

/**
 * For each item, in order: the run already holding its run's key or its submission's key, or null. The
 * run's key first: it is an index lookup, while reaching a run through its submission has no index on
 * workflow_runs.submission_id and reads the tenant's runs (intake gives both the same key anyway).
 */
async function findHolders(db: Db, items: IntakeRecord[]): Promise<(string | null)[]> {
  const keys = JSON.stringify(
    items.map(({ submission, run }, ord) => ({
      ord,
      tenant_id: run.tenantId,
      sub_key: submission.idempotencyKey,
      run_key: run.idempotencyKey,
    })),
  );
  const rows = await queryRows<{ ord: number; id: string | null }>(
    db,
    sql`SELECT k.ord, coalesce(
          (SELECT r.id FROM workflow_runs AS r WHERE r.tenant_id = k.tenant_id AND r.idempotency_key = k.run_key),
          (SELECT r.id FROM form_submissions AS s
             JOIN workflow_runs AS r ON r.tenant_id = s.tenant_id AND r.submission_id = s.id
           WHERE s.tenant_id = k.tenant_id AND s.idempotency_key = k.sub_key)
        ) AS id
        FROM jsonb_to_recordset(${keys}::jsonb) AS k(ord int, tenant_id text, sub_key text, run_key text)`,
  );
  const byOrd = new Map(rows.map((r) => [Number(r.ord), r.id]));
  return items.map((_, ord) => byOrd.get(ord) ?? null);
}

async function settle(fn: () => Promise<RecordedSubmission>): Promise<RecordOutcome> {
  try {
    return { ok: true, ...(await fn()) };
  } catch (error) {
    return { ok: false, error };
  }
}
