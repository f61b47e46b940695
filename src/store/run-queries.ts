// The RunQueries port on PostgreSQL / PGlite: the dashboard's run list (filters, search, keyset
// pages), counts per status and failures grouped by cause. Read-only; every query filters by tenant_id.
import { sql, type SQL } from 'drizzle-orm';
import type { FailureGroup, RunListFilter, RunListItem, RunQueries } from '../domain/ports/run-queries.js';
import { RUN_STATUSES, type RunStatus } from '../domain/ports/run-store.js';
import type { Database } from './database-handle.js';
import { decodeCursor, pageLimit, pageOf } from './keyset-cursor.js';
import { likePattern, MAX_FAILURE_RUN_IDS, selectsWholeTenant } from './run-list-filter.js';
import { queryRows, toIso, toIsoOrNull } from './sql-rows.js';

const LIST_COLUMNS = sql.raw(
  'id, status, email, company, form_id, current_step, attempt, error_code, error_message, reason, ' +
    'dead_lettered_at, created_at, updated_at, finished_at',
);

interface ListRow {
  id: string;
  status: RunStatus;
  email: string | null;
  company: string | null;
  form_id: string | null;
  current_step: string | null;
  attempt: number;
  error_code: string | null;
  error_message: string | null;
  reason: string | null;
  dead_lettered_at: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

interface FailureRow {
  error_code: string;
  step_id: string | null;
  message: string;
  n: number;
  run_ids: string[];
}

export function createPostgresRunQueries(database: Database): RunQueries {
  const { db } = database;
  return {
    async listRuns(tenantId: string, filter: RunListFilter) {
      const limit = pageLimit(filter.limit);
      const rows = await queryRows<ListRow>(db, listRunsSql(tenantId, filter));
      return pageOf(rows.map(listItemFromRow), limit, (item) => item);
    },

    async findRunListItem(tenantId, runId) {
      const rows = await queryRows<ListRow>(
        db,
        sql`SELECT ${LIST_COLUMNS} FROM workflow_runs WHERE tenant_id = ${tenantId} AND id = ${runId}`,
      );
      const [row] = rows;
      return row ? listItemFromRow(row) : null;
    },

    async countRunsByStatus(tenantId, filter) {
      const rows = await queryRows<{ status: RunStatus; n: number }>(db, countRunsSql(tenantId, filter));
      const counts = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Record<RunStatus, number>;
      for (const row of rows) counts[row.status] = row.n;
      return counts;
    },

    async groupFailures(tenantId: string, limit: number): Promise<FailureGroup[]> {
      const rows = await queryRows<FailureRow>(db, failureGroupsSql(tenantId, pageLimit(limit)));
      return rows.map((row) => ({
        errorCode: row.error_code,
        stepId: row.step_id,
        message: row.message,
        count: row.n,
        runIds: row.run_ids,
      }));
    },
  };
}

/** One page of the list plus one row (to tell whether there is a next page). Exported for plan checks. */
export function listRunsSql(tenantId: string, filter: RunListFilter): SQL {
  const cursor = decodeCursor(filter.cursor);
  const after =
    cursor === null
      ? sql``
      : sql` AND (created_at, id COLLATE "C") < (${cursor.createdAt}::timestamptz, ${cursor.id}::text COLLATE "C")`;
  return sql`SELECT ${LIST_COLUMNS} FROM workflow_runs
             WHERE tenant_id = ${tenantId}${statusFilter(filter.statuses)}${commonFilters(filter)}${after}
             ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT ${pageLimit(filter.limit) + 1}::int`;
}

/**
 * Runs per status. The whole tenant (the list's usual view) is read from the counts that migration 0004's
 * triggers keep in step with workflow_runs; a window or a search counts the matching runs themselves.
 * Exported for plan checks.
 */
export function countRunsSql(tenantId: string, filter: Pick<RunListFilter, 'from' | 'to' | 'search'>): SQL {
  if (selectsWholeTenant(filter)) {
    return sql`SELECT status, sum(delta)::int AS n FROM run_status_counts WHERE tenant_id = ${tenantId} GROUP BY status`;
  }
  return sql`SELECT status, count(*)::int AS n FROM workflow_runs
             WHERE tenant_id = ${tenantId}${commonFilters(filter)} GROUP BY status`;
}

function statusFilter(statuses: RunStatus[] | undefined): SQL {
  if (statuses === undefined) return sql``;
  // An empty list selects nothing, as `IN ()` would if SQL allowed it.
  if (statuses.length === 0) return sql` AND false`;
  return sql` AND status IN (${sql.join(
    statuses.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}

/** The filters the list and the counts share: the created_at window and the search. */
function commonFilters(filter: Pick<RunListFilter, 'from' | 'to' | 'search'>): SQL {
  const parts: SQL[] = [];
  if (filter.from !== undefined) parts.push(sql` AND created_at >= ${filter.from}::timestamptz`);
  if (filter.to !== undefined) parts.push(sql` AND created_at < ${filter.to}::timestamptz`);
  const pattern = likePattern(filter.search);
  if (pattern !== null) {
    // `lower(col) LIKE` exactly as the pg_trgm indexes of migration 0004 are written, so they serve it.
    parts.push(
      sql` AND (lower(email) LIKE lower(${pattern}) ESCAPE '\\' OR lower(company) LIKE lower(${pattern}) ESCAPE '\\')`,
    );
  }
  return sql.join(parts, sql``);
}

/** Failed runs by (error code, failing step): newest group first, each with its newest message and runs. */
function failureGroupsSql(tenantId: string, limit: number): SQL {
  return sql`
    WITH failed AS (
      SELECT id, coalesce(error_code, 'unknown') AS error_code, current_step, coalesce(error_message, '') AS message,
             coalesce(finished_at, updated_at) AS failed_at
      FROM workflow_runs WHERE tenant_id = ${tenantId} AND status = 'failed'
    )
    SELECT error_code, current_step AS step_id, count(*)::int AS n,
           (array_agg(message ORDER BY failed_at DESC, id COLLATE "C" DESC))[1] AS message,
           (array_agg(id ORDER BY failed_at DESC, id COLLATE "C" DESC))[1:${MAX_FAILURE_RUN_IDS}::int] AS run_ids
    FROM failed
    GROUP BY error_code, current_step
    ORDER BY max(failed_at) DESC, count(*) DESC, error_code COLLATE "C", current_step COLLATE "C" NULLS FIRST
    LIMIT ${limit}::int`;
}

function listItemFromRow(row: ListRow): RunListItem {
  return {
    id: row.id,
    status: row.status,
    email: row.email,
    company: row.company,
    formId: row.form_id,
    currentStep: row.current_step,
    attempt: row.attempt,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    reason: row.reason,
    deadLettered: row.dead_lettered_at !== null,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    finishedAt: toIsoOrNull(row.finished_at),
  };
}
