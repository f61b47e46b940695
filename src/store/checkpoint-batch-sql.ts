// The statements behind RunStore.startAttempt and RunStore.writeCheckpoints. A checkpoint batch is one
// statement of data-modifying CTEs: the step rows it opens or closes, the side-effect outcomes and
// intents, the run's fields and every audit event, all written or none. Everything joins the locked
// run row, so a batch for a missing run writes nothing. Audit events go in by one INSERT, in order, and
// only for step rows actually written: closing an attempt that was never opened (an engine bug) writes
// no row and no event, and the store reports the batch as an internal error. A batch's statement holds
// only the parts it needs (planning the whole statement for every batch cost more than running it).
import { sql, type SQL } from 'drizzle-orm';
import type { CheckpointBatch } from '../domain/ports/run-store.js';
import { runStatusEventDetails, stepEndedEventDetails, stepStartedEventDetails } from './audit-details-sql.js';
import { RUN_COLUMNS } from './run-row.js';
import { setClauses } from './run-update-sql.js';
import { SIDE_EFFECT_COLUMNS } from './side-effect-ledger.js';
import { jsonParam } from './sql-rows.js';

/** Last in the audit order: the run's own status change follows its steps. */
const RUN_EVENT_ORDER = sql.raw('2147483647');

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

export interface CheckpointBatchRow {
  runs: number;
  steps: number;
  done: number;
  intents: (Record<string, unknown> & { ord: number; created: boolean })[];
}

export function writeCheckpointsSql(tenantId: string, runId: string, batch: CheckpointBatch) {
  const ctes: SQL[] = [
    sql`run AS (
      SELECT tenant_id, id, status AS old_status FROM workflow_runs
      WHERE tenant_id = ${tenantId} AND id = ${runId} FOR UPDATE
    )`,
  ];
  const events: SQL[] = [];
  const counts: SQL[] = [sql`(SELECT count(*) FROM run)::int AS runs`];

  if (batch.steps.length > 0) {
    ctes.push(...stepCtes(batch));
    events.push(
      sql`SELECT s.ord, 0 AS sub, 'step.started' AS action, s.step_id, ${stepStartedEventDetails('s')} AS details,
                 s.started_at AS at
          FROM written s WHERE s.opens`,
      sql`SELECT s.ord, 1, 'step.' || s.status, s.step_id, ${stepEndedEventDetails('s')}, s.finished_at
          FROM written s WHERE s.status IS NOT NULL`,
    );
    counts.push(sql`((SELECT count(*) FROM opened) + (SELECT count(*) FROM closed))::int AS steps`);
  } else {
    counts.push(sql`0 AS steps`);
  }

  if (batch.done.length > 0) {
    const done = batch.done.map((d) => ({
      idempotency_key: d.idempotencyKey,
      external_id: d.externalId,
      result: d.result ?? null,
      at: d.at,
    }));
    ctes.push(sql`done AS (
      UPDATE side_effects AS se
      SET status = 'done', external_id = d.external_id, result = d.result, updated_at = d.at
      FROM jsonb_to_recordset(${jsonParam(done)}::jsonb) AS d(idempotency_key text, external_id text, result jsonb, at timestamptz),
           run
      -- The run's own intents, found by its index: matching the key alone would scan the tenant's ledger.
      WHERE se.tenant_id = run.tenant_id AND se.run_id = run.id AND se.idempotency_key = d.idempotency_key
      RETURNING 1
    )`);
    counts.push(sql`(SELECT count(*) FROM done)::int AS done`);
  } else {
    counts.push(sql`0 AS done`);
  }

  if (batch.intents.length > 0) {
    ctes.push(...intentCtes(batch));
    counts.push(sql`(SELECT COALESCE(jsonb_agg(to_jsonb(x) ORDER BY x.ord), '[]'::jsonb) FROM (
        SELECT i.ord, true AS created, n.* FROM intended n JOIN intents_in i USING (idempotency_key)
        UNION ALL
        SELECT i.ord, false AS created, se.*
        FROM intents_in i
        CROSS JOIN LATERAL (SELECT ${SIDE_EFFECT_COLUMNS} FROM side_effects
                            WHERE tenant_id = ${tenantId} AND idempotency_key = i.idempotency_key) AS se
      ) AS x) AS intents`);
  } else {
    counts.push(sql`'[]'::jsonb AS intents`);
  }

  if (batch.run !== null) {
    ctes.push(sql`run_upd AS (
      UPDATE workflow_runs AS r SET ${sql.join(setClauses(batch.run), sql`, `)}
      FROM run WHERE r.tenant_id = run.tenant_id AND r.id = run.id
      RETURNING r.tenant_id, r.id, r.status, r.attempt, r.error_code, r.error_message, r.reason, r.updated_at,
                run.old_status
    )`);
    events.push(sql`SELECT ${RUN_EVENT_ORDER} AS ord, 0 AS sub, 'run.' || u.status AS action, NULL::text AS step_id,
             ${runStatusEventDetails('u')} AS details, u.updated_at AS at
      FROM run_upd u WHERE u.status IS DISTINCT FROM u.old_status`);
  }

  if (events.length > 0) {
    ctes.push(sql`audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT run.tenant_id, 'system', e.action, run.id, e.step_id, e.details, e.at
      FROM (${sql.join(events, sql` UNION ALL `)}) AS e CROSS JOIN run
      ORDER BY e.ord, e.sub
    )`);
  }
  return sql`WITH ${sql.join(ctes, sql`, `)} SELECT ${sql.join(counts, sql`, `)}`;
}

function stepCtes(batch: CheckpointBatch): SQL[] {
  const steps = batch.steps.map((s, ord) => ({
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
  }));
  return [
    sql`steps_in AS (
      SELECT * FROM jsonb_to_recordset(${jsonParam(steps)}::jsonb) AS s(
        ord int, step_id text, attempt int, opens boolean, started_at timestamptz, status text, output jsonb,
        error_code text, error_message text, finished_at timestamptz, duration_ms int)
    )`,
    sql`opened AS (
      INSERT INTO step_runs (tenant_id, run_id, step_id, attempt, status, output, error_code, error_message,
                             started_at, finished_at, duration_ms)
      SELECT run.tenant_id, run.id, s.step_id, s.attempt, COALESCE(s.status, 'running'), s.output, s.error_code,
             s.error_message, s.started_at, s.finished_at, s.duration_ms
      FROM steps_in s CROSS JOIN run WHERE s.opens ORDER BY s.ord
      ON CONFLICT (tenant_id, run_id, step_id, attempt) DO UPDATE
        SET status = EXCLUDED.status, started_at = EXCLUDED.started_at, output = EXCLUDED.output,
            error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
            finished_at = EXCLUDED.finished_at, duration_ms = EXCLUDED.duration_ms
      RETURNING step_id, attempt
    )`,
    sql`closed AS (
      UPDATE step_runs AS sr
      SET status = s.status, output = s.output, error_code = s.error_code, error_message = s.error_message,
          finished_at = s.finished_at, duration_ms = s.duration_ms
      FROM steps_in s, run
      WHERE NOT s.opens AND sr.tenant_id = run.tenant_id AND sr.run_id = run.id AND sr.step_id = s.step_id
        AND sr.attempt = s.attempt
      RETURNING sr.step_id, sr.attempt
    )`,
    sql`written AS (
      SELECT s.* FROM steps_in s
      WHERE (s.step_id, s.attempt) IN (SELECT step_id, attempt FROM opened UNION ALL SELECT step_id, attempt FROM closed)
    )`,
  ];
}

function intentCtes(batch: CheckpointBatch): SQL[] {
  const intents = batch.intents.map((i, ord) => ({
    ord,
    idempotency_key: i.idempotencyKey,
    run_id: i.runId,
    step_id: i.stepId,
    kind: i.kind,
    at: i.at,
  }));
  return [
    sql`intents_in AS (
      SELECT * FROM jsonb_to_recordset(${jsonParam(intents)}::jsonb)
        AS i(ord int, idempotency_key text, run_id text, step_id text, kind text, at timestamptz)
    )`,
    sql`intended AS (
      INSERT INTO side_effects (tenant_id, idempotency_key, run_id, step_id, kind, status, created_at, updated_at)
      SELECT run.tenant_id, i.idempotency_key, i.run_id, i.step_id, i.kind, 'intent', i.at, i.at
      FROM intents_in i CROSS JOIN run ORDER BY i.ord
      ON CONFLICT (tenant_id, idempotency_key) DO NOTHING
      RETURNING ${SIDE_EFFECT_COLUMNS}
    )`,
  ];
}
