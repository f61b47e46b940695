// The statements behind RunStore.startAttempt and RunStore.writeCheckpoints. The checkpoint batches of
// several runs are written by one statement of data-modifying CTEs: the step rows each batch opens or
// closes, the side-effect outcomes and intents, each run's fields and every audit event, all written or
// none. It holds only the parts the group's batches need, so there are a few texts (steps, outcomes,
// intents, run fields: present or not), each prepared once per connection. Every part joins its run's
// row, locked first in the order of the runs, so a batch for a missing run writes nothing and lets the
// others land.
// Audit events go in by one INSERT, ordered by run, and only for step rows actually written: closing an
// attempt that was never opened (an engine bug) writes no row and no event, and the store reports that
// batch as an internal error. Existing rows are found by key through lateral lookups with LIMIT 1 (the
// keys are unique), which the planner cannot turn into joins: the plan stays an index lookup per row
// whatever it expects of jsonb_to_recordset (100 rows) or of the table's size, also in a cached plan.
import { sql, type SQL } from 'drizzle-orm';
import type { CheckpointBatch } from '../domain/ports/run-store.js';
import {
  runStatusEventDetails,
  stepEndedEventDetails,
  stepStartedEventDetails,
} from './audit-details-sql.js';
import { RUN_COLUMNS } from './run-row.js';
import { SIDE_EFFECT_COLUMNS } from './side-effect-ledger.js';
import { jsonParam } from './sql-rows.js';

export function startAttemptSql(tenantId: string, runId: string, at: string) {
  return sql`
    WITH old AS (
      SELECT status AS old_status FROM workflow_runs
      WHERE tenant_id = ${tenantId} AND id = ${runId} AND status NOT IN ('succeeded', 'skipped', 'failed')
      FOR UPDATE
    ), upd AS (
      UPDATE workflow_runs AS r
      SET status = 'running', attempt = r.attempt + 1, error_code = NULL, error_message = NULL,
          updated_at = ${at}::timestamptz
      FROM old WHERE r.tenant_id = ${tenantId} AND r.id = ${runId}
      RETURNING ${RUN_COLUMNS}, old_status
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'run.running', id, NULL, ${runStatusEventDetails('upd')}, updated_at
      FROM upd WHERE old_status IS DISTINCT FROM 'running'
    )
    SELECT ${RUN_COLUMNS} FROM upd`;
}

/** One run's batch in a group statement. */
export interface CheckpointGroupItem {
  tenantId: string;
  runId: string;
  batch: CheckpointBatch;
}

/** What the statement answers for the item at position `k`. */
export interface CheckpointGroupRow {
  k: number;
  found: boolean;
  steps: number;
  done: number;
  intents: (Record<string, unknown> & { ord: number; created: boolean })[];
}

/**
 * The statement for these batches; their runs must be distinct (a run's batches go out one after
 * another). It holds the parts some batch of the group needs, so a group has one of a few texts, each
 * prepared once per connection (and planned for what it does, on PGlite, which plans every statement).
 */
export function writeCheckpointGroupSql(items: CheckpointGroupItem[]) {
  const params = groupParams(items);
  const ctes: SQL[] = [runCtes(params.runs)];
  const events: SQL[] = [];
  let steps = sql`0`;
  let done = sql`0`;
  let intents = sql`'[]'::jsonb`;
  if (params.steps.length > 0) {
    ctes.push(stepCtes(params.steps));
    events.push(
      sql`SELECT s.k, s.ord, 0 AS sub, 'step.started' AS action, s.step_id, ${stepStartedEventDetails('s')} AS details,
                 s.started_at AS at
          FROM written s WHERE s.opens`,
      sql`SELECT s.k, s.ord, 1, 'step.' || s.status, s.step_id, ${stepEndedEventDetails('s')}, s.finished_at
          FROM written s WHERE s.status IS NOT NULL`,
    );
    steps = sql`(SELECT count(*) FROM written w WHERE w.k = b.k)::int`;
  }
  if (params.done.length > 0) {
    ctes.push(doneCtes(params.done));
    done = sql`(SELECT count(*) FROM done d WHERE d.k = b.k)::int`;
  }
  if (params.intents.length > 0) {
    ctes.push(intentCtes(params.intents));
    intents = sql`(SELECT COALESCE(jsonb_agg(to_jsonb(x) ORDER BY x.ord), '[]'::jsonb) FROM intent_rows x WHERE x.k = b.k)`;
  }
  if (params.runs.some((r) => r.patch !== null)) {
    ctes.push(RUN_UPDATE_CTE);
    // Last of its run: the run's own status change follows its steps.
    events.push(sql`SELECT u.k, 2147483647 AS ord, 0 AS sub, 'run.' || u.status AS action, NULL::text AS step_id,
             ${runStatusEventDetails('u')} AS details, u.updated_at AS at
                    FROM run_upd u WHERE u.status IS DISTINCT FROM u.old_status`);
  }
  if (events.length > 0) {
    ctes.push(sql`audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT run.tenant_id, 'system', e.action, run.id, e.step_id, e.details, e.at
      FROM (${sql.join(events, sql` UNION ALL `)}) AS e JOIN run ON run.k = e.k
      ORDER BY e.k, e.ord, e.sub
    )`);
  }
  return sql`
    WITH ${sql.join(ctes, sql`, `)}
    SELECT b.k, EXISTS (SELECT 1 FROM run WHERE run.k = b.k) AS found, ${steps} AS steps, ${done} AS done,
           ${intents} AS intents
    FROM runs_in b ORDER BY b.k`;
}

/**
 * The runs as arrays through unnest rather than a jsonb record set: the planner then expects 10 runs in a
 * cached plan (the real count in the first custom plans), not jsonb_to_recordset's 100, so joining them to
 * workflow_runs stays a lookup per run instead of a scan of the table.
 */
function runCtes(runs: GroupParams['runs']): SQL {
  const column = <T>(pick: (r: GroupParams['runs'][number]) => T) => sql.param(runs.map(pick));
  return sql`runs_in AS (
      SELECT * FROM unnest(${column((r) => r.k)}::int[], ${column((r) => r.tenant_id)}::text[],
                           ${column((r) => r.run_id)}::text[], ${column((r) => (r.patch === null ? null : JSON.stringify(r.patch)))}::jsonb[])
        AS b(k, tenant_id, run_id, patch)
    ), run AS (
      SELECT b.k, w.tenant_id, w.id, w.old_status, w.tid
      FROM runs_in b CROSS JOIN LATERAL (
        SELECT tenant_id, id, status AS old_status, ctid AS tid FROM workflow_runs
        WHERE tenant_id = b.tenant_id AND id = b.run_id LIMIT 1 FOR UPDATE
      ) AS w
    )`;
}

function stepCtes(steps: GroupParams['steps']): SQL {
  return sql`steps_in AS (
      SELECT * FROM jsonb_to_recordset(${jsonParam(steps)}::jsonb) AS s(
        k int, ord int, step_id text, attempt int, opens boolean, started_at timestamptz, status text, output jsonb,
        error_code text, error_message text, finished_at timestamptz, duration_ms int)
    ), opened AS (
      INSERT INTO step_runs (tenant_id, run_id, step_id, attempt, status, output, error_code, error_message,
                             started_at, finished_at, duration_ms)
      SELECT run.tenant_id, run.id, s.step_id, s.attempt, COALESCE(s.status, 'running'), s.output, s.error_code,
             s.error_message, s.started_at, s.finished_at, s.duration_ms
      FROM steps_in s JOIN run ON run.k = s.k WHERE s.opens ORDER BY s.k, s.ord
      ON CONFLICT (tenant_id, run_id, step_id, attempt) DO UPDATE
        SET status = EXCLUDED.status, started_at = EXCLUDED.started_at, output = EXCLUDED.output,
            error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
            finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms
      RETURNING tenant_id, run_id, step_id, attempt
    ), closing AS (
      SELECT s.*, x.tid FROM steps_in s JOIN run ON run.k = s.k
      CROSS JOIN LATERAL (
        SELECT ctid AS tid FROM step_runs
        WHERE tenant_id = run.tenant_id AND run_id = run.id AND step_id = s.step_id AND attempt = s.attempt LIMIT 1
      ) AS x
      WHERE NOT s.opens
    ), closed AS (
      UPDATE step_runs AS sr
      SET status = c.status, output = c.output, error_code = c.error_code, error_message = c.error_message,
          finished_at = c.finished_at, duration_ms = c.duration_ms
      FROM closing c WHERE sr.ctid = c.tid
      RETURNING sr.tenant_id, sr.run_id, sr.step_id, sr.attempt
    ), written AS (
      SELECT s.* FROM steps_in s JOIN run ON run.k = s.k
      WHERE (run.tenant_id, run.id, s.step_id, s.attempt) IN (
        SELECT tenant_id, run_id, step_id, attempt FROM opened
        UNION ALL SELECT tenant_id, run_id, step_id, attempt FROM closed)
    )`;
}

function doneCtes(done: GroupParams['done']): SQL {
  return sql`done_in AS (
      SELECT d.*, x.tid FROM jsonb_to_recordset(${jsonParam(done)}::jsonb)
        AS d(k int, idempotency_key text, external_id text, result jsonb, at timestamptz)
      JOIN run ON run.k = d.k
      -- The run's own intents only: an outcome never lands on another run's ledger entry.
      CROSS JOIN LATERAL (
        SELECT ctid AS tid FROM side_effects
        WHERE tenant_id = run.tenant_id AND idempotency_key = d.idempotency_key AND run_id = run.id LIMIT 1
      ) AS x
    ), done AS (
      UPDATE side_effects AS se
      SET status = 'done', external_id = d.external_id, result = d.result, updated_at = d.at
      FROM done_in d WHERE se.ctid = d.tid
      RETURNING d.k
    )`;
}

function intentCtes(intents: GroupParams['intents']): SQL {
  return sql`intents_in AS (
      SELECT i.*, run.tenant_id FROM jsonb_to_recordset(${jsonParam(intents)}::jsonb)
        AS i(k int, ord int, idempotency_key text, run_id text, step_id text, kind text, at timestamptz)
      JOIN run ON run.k = i.k
    ), intended AS (
      INSERT INTO side_effects (tenant_id, idempotency_key, run_id, step_id, kind, status, created_at, updated_at)
      SELECT i.tenant_id, i.idempotency_key, i.run_id, i.step_id, i.kind, 'intent', i.at, i.at
      FROM intents_in i ORDER BY i.k, i.ord
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING ${SIDE_EFFECT_COLUMNS}
    ), intent_rows AS (
      SELECT i.k, i.ord, true AS created, n.* FROM intended n
      JOIN intents_in i ON i.tenant_id = n.tenant_id AND i.idempotency_key = n.idempotency_key
      UNION ALL
      -- A key recorded earlier (this statement's own inserts are not visible here): answered as it is.
      SELECT i.k, i.ord, false AS created, se.*
      FROM intents_in i CROSS JOIN LATERAL (
        SELECT ${SIDE_EFFECT_COLUMNS} FROM side_effects
        WHERE tenant_id = i.tenant_id AND idempotency_key = i.idempotency_key LIMIT 1
      ) AS se
    )`;
}

/** Each run's patch, field by field: a field the patch does not name keeps its value. */
const RUN_UPDATE_CTE = sql`run_upd AS (
      UPDATE workflow_runs AS r SET
        updated_at = (b.patch->>'updatedAt')::timestamptz,
        status = CASE WHEN b.patch ? 'status' THEN b.patch->>'status' ELSE r.status END,
        current_step = CASE WHEN b.patch ? 'currentStep' THEN b.patch->>'currentStep' ELSE r.current_step END,
        attempt = CASE WHEN b.patch ? 'attempt' THEN (b.patch->>'attempt')::int ELSE r.attempt END,
        error_code = CASE WHEN b.patch ? 'error' THEN b.patch->'error'->>'code' ELSE r.error_code END,
        error_message = CASE WHEN b.patch ? 'error' THEN b.patch->'error'->>'message' ELSE r.error_message END,
        reason = CASE WHEN b.patch ? 'reason' THEN b.patch->>'reason' ELSE r.reason END,
        finished_at = CASE WHEN b.patch ? 'finishedAt' THEN (b.patch->>'finishedAt')::timestamptz ELSE r.finished_at END
      -- The row locked above, by its ctid: nothing else in the statement updates it.
      FROM run JOIN runs_in b ON b.k = run.k
      WHERE b.patch IS NOT NULL AND r.ctid = run.tid
      RETURNING run.k, r.status, r.attempt, r.error_code, r.error_message, r.reason, r.updated_at, run.old_status
    )`;

type GroupParams = ReturnType<typeof groupParams>;

/** The four jsonb arrays of a group: runs (with their patches), steps, outcomes and intents, keyed by item. */
function groupParams(items: CheckpointGroupItem[]) {
  const runs = items.map((item, k) => ({
    k,
    tenant_id: item.tenantId,
    run_id: item.runId,
    patch: item.batch.run,
  }));
  const steps = items.flatMap((item, k) =>
    item.batch.steps.map((s, ord) => ({
      k,
      ord,
      step_id: s.stepId,
      attempt: s.attempt,
      opens: s.opens,
      started_at: s.startedAt,
      status: s.end?.status ?? null,
      output: s.end ? (s.end.output ?? null) : null,
      error_code: s.end?.error?.code ?? null,
      error_message: s.end?.error?.message ?? null,
      finished_at: s.end?.finishedAt ?? null,
      duration_ms: s.end ? Math.round(s.end.durationMs) : null,
    })),
  );
  const done = items.flatMap((item, k) =>
    item.batch.done.map((d) => ({
      k,
      idempotency_key: d.idempotencyKey,
      external_id: d.externalId,
      result: d.result ?? null,
      at: d.at,
    })),
  );
  const intents = items.flatMap((item, k) =>
    item.batch.intents.map((i, ord) => ({
      k,
      ord,
      idempotency_key: i.idempotencyKey,
      run_id: i.runId,
      step_id: i.stepId,
      kind: i.kind,
      at: i.at,
    })),
  );
  return { runs, steps, done, intents };
}
