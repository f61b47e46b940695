// The DraftStore port on PostgreSQL / PGlite: one draft per run, newest-first keyset pages, and state
// changes as compare-and-set UPDATEs that append their audit event in the same statement.
import { sql, type SQL } from 'drizzle-orm';
import { AppError } from '../domain/errors.js';
import type { DraftRecord, DraftState, DraftStore, NewDraft } from '../domain/ports/draft-store.js';
import { DRAFT_STATES } from '../domain/ports/draft-store.js';
import type { Database } from './database-handle.js';
import { DRAFT_COLUMNS, draftColumnsOf, draftFromRow, draftSetClauses, type DraftRow } from './draft-row.js';
import { draftAuditActor, draftAuditDetails, type DraftPatchWithActor } from './draft-audit.js';
import { decodeCursor, pageLimit, pageOf } from './keyset-cursor.js';
import { jsonParam, queryRows } from './sql-rows.js';

export function createPostgresDraftStore(database: Database): DraftStore {
  const { db } = database;

  async function findOne(tenantId: string, where: SQL): Promise<DraftRecord | null> {
    const rows = await queryRows<DraftRow>(
      db,
      sql`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE tenant_id = ${tenantId} AND ${where}`,
    );
    return rows[0] ? draftFromRow(rows[0]) : null;
  }

  return {
    async saveDraft(draft: NewDraft) {
      const rows = await queryRows<DraftRow>(db, insertDraftSql(draft));
      if (rows[0]) return draftFromRow(rows[0]);
      const existing = await findOne(draft.tenantId, sql`run_id = ${draft.runId}`);
      if (existing) return existing;
      const run = await queryRows<{ id: string }>(
        db,
        sql`SELECT id FROM workflow_runs WHERE tenant_id = ${draft.tenantId} AND id = ${draft.runId}`,
      );
      if (!run[0])
        throw new AppError('not-found', `run ${draft.runId} not found for tenant ${draft.tenantId}`);
      throw new AppError(
        'conflict',
        `draft ${draft.id} already exists for tenant ${draft.tenantId} under another run`,
      );
    },

    findDraft: (tenantId, draftId) => findOne(tenantId, sql`id = ${draftId}`),
    findDraftForRun: (tenantId, runId) => findOne(tenantId, sql`run_id = ${runId}`),

    async listDrafts(tenantId, filter) {
      const limit = pageLimit(filter.limit);
      const cursor = decodeCursor(filter.cursor);
      const byState = filter.state === undefined ? sql`` : sql` AND state = ${filter.state}`;
      const after =
        cursor === null
          ? sql``
          : sql` AND (created_at, id COLLATE "C") < (${cursor.createdAt}::timestamptz, ${cursor.id}::text COLLATE "C")`;
      const rows = await queryRows<DraftRow>(
        db,
        sql`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE tenant_id = ${tenantId}${byState}${after}
            ORDER BY created_at DESC, id COLLATE "C" DESC LIMIT ${limit + 1}::int`,
      );
      return pageOf(rows.map(draftFromRow), limit, (d) => d);
    },

    async countDraftsByState(tenantId) {
      const rows = await queryRows<{ state: DraftState; n: number }>(
        db,
        sql`SELECT state, count(*)::int AS n FROM drafts WHERE tenant_id = ${tenantId} GROUP BY state`,
      );
      const counts = Object.fromEntries(DRAFT_STATES.map((s) => [s, 0])) as Record<DraftState, number>;
      for (const row of rows) counts[row.state] = row.n;
      return counts;
    },

    async updateDraft(tenantId, draftId, expected, patch: DraftPatchWithActor) {
      if (expected.length === 0) return null;
      const rows = await queryRows<DraftRow>(db, updateDraftSql(tenantId, draftId, expected, patch));
      return rows[0] ? draftFromRow(rows[0]) : null;
    },

    async countSent(tenantId, filter) {
      const to = filter.to === undefined ? sql`` : sql` AND lower(to_address) = lower(${filter.to})`;
      const rows = await queryRows<{ n: number }>(
        db,
        sql`SELECT count(*)::int AS n FROM drafts
            WHERE tenant_id = ${tenantId} AND state = 'sent' AND sent_at >= ${filter.since}::timestamptz${to}`,
      );
      return rows[0]?.n ?? 0;
    },
  };
}

/** Inserted only when the run exists in this tenant; nothing when the run already has a draft. */
function insertDraftSql(draft: NewDraft): SQL {
  return sql`
    WITH ins AS (
      INSERT INTO drafts (tenant_id, id, run_id, to_address, subject, body, thread_id, in_reply_to, reference_ids,
                          gmail_draft_id, gmail_message_id, state, lint, created_at, updated_at)
      SELECT tenant_id, ${draft.id}, id, ${draft.to}, ${draft.subject}, ${draft.body}, ${draft.threadId}, ${draft.inReplyTo},
             ${jsonParam(draft.references)}::jsonb, ${draft.gmailDraftId}, ${draft.gmailMessageId}, 'pending',
             ${jsonParam(draft.lint)}::jsonb, ${draft.createdAt}::timestamptz, ${draft.createdAt}::timestamptz
      FROM workflow_runs WHERE tenant_id = ${draft.tenantId} AND id = ${draft.runId}
      ON CONFLICT DO NOTHING
      RETURNING ${DRAFT_COLUMNS}
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, 'system', 'draft.created', run_id, NULL, jsonb_build_object('draftId', id), created_at
      FROM ins
    )
    SELECT ${DRAFT_COLUMNS} FROM ins`;
}

/**
 * Compare-and-set: the row is locked, its state re-checked against `expected`, and only then changed. A
 * second operator acting at the same moment waits for the first and then finds the state moved on.
 */
function updateDraftSql(
  tenantId: string,
  draftId: string,
  expected: DraftState[],
  patch: DraftPatchWithActor,
): SQL {
  const states = sql.join(
    expected.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`
    WITH old AS (
      SELECT tenant_id, id, state FROM drafts WHERE tenant_id = ${tenantId} AND id = ${draftId} FOR UPDATE
    ), upd AS (
      UPDATE drafts AS d SET ${draftSetClauses(patch)}
      FROM old
      WHERE d.tenant_id = old.tenant_id AND d.id = old.id AND d.state IN (${states})
      RETURNING ${draftColumnsOf('d')}, old.state AS old_state
    ), audit AS (
      INSERT INTO audit_events (tenant_id, actor, action, run_id, step_id, details, at)
      SELECT tenant_id, ${draftAuditActor(patch)}::text,
             CASE WHEN state <> old_state THEN 'draft.' || state ELSE 'draft.edited' END, run_id, NULL,
             jsonb_build_object('draftId', id, 'from', old_state, 'to', state) || ${jsonParam(draftAuditDetails(patch))}::jsonb,
             updated_at
      FROM upd
    )
    SELECT ${DRAFT_COLUMNS} FROM upd`;
}
