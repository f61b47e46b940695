// The shape of drafts rows as raw SQL returns them, their mapping to DraftRecord, and the patch's SET
// clauses. Shared by the statements of the PostgreSQL draft store.
import { sql, type SQL } from 'drizzle-orm';
import type { DraftPatch, DraftRecord, DraftState } from '../domain/ports/draft-store.js';
import type { LintProblem } from '../domain/results.js';
import { jsonParam, toIso, toIsoOrNull } from './sql-rows.js';

export const DRAFT_COLUMN_NAMES = [
  'tenant_id',
  'id',
  'run_id',
  'to_address',
  'subject',
  'body',
  'thread_id',
  'in_reply_to',
  'reference_ids',
  'gmail_draft_id',
  'gmail_message_id',
  'state',
  'lint',
  'decided_by',
  'decided_at',
  'decision_reason',
  'sent_at',
  'created_at',
  'updated_at',
] as const;

export const DRAFT_COLUMNS = sql.raw(DRAFT_COLUMN_NAMES.join(', '));

export function draftColumnsOf(alias: string): SQL {
  return sql.raw(DRAFT_COLUMN_NAMES.map((c) => `${alias}.${c}`).join(', '));
}

export interface DraftRow {
  tenant_id: string;
  id: string;
  run_id: string;
  to_address: string;
  subject: string;
  body: string;
  thread_id: string | null;
  in_reply_to: string | null;
  reference_ids: string[];
  gmail_draft_id: string | null;
  gmail_message_id: string | null;
  state: DraftState;
  lint: LintProblem[];
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  sent_at: string | null;
  created_at: string;
  updated_at: string;
}

export function draftFromRow(row: DraftRow): DraftRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    runId: row.run_id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    threadId: row.thread_id,
    inReplyTo: row.in_reply_to,
    references: row.reference_ids,
    gmailDraftId: row.gmail_draft_id,
    gmailMessageId: row.gmail_message_id,
    state: row.state,
    lint: row.lint,
    decidedBy: row.decided_by,
    decidedAt: toIsoOrNull(row.decided_at),
    decisionReason: row.decision_reason,
    sentAt: toIsoOrNull(row.sent_at),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** Only the fields present in the patch are written; `updated_at` always is. */
export function draftSetClauses(patch: DraftPatch): SQL {
  const set: SQL[] = [sql`updated_at = ${patch.updatedAt}::timestamptz`];
  if (patch.subject !== undefined) set.push(sql`subject = ${patch.subject}::text`);
  if (patch.body !== undefined) set.push(sql`body = ${patch.body}::text`);
  if (patch.lint !== undefined) set.push(sql`lint = ${jsonParam(patch.lint)}::jsonb`);
  if (patch.state !== undefined) set.push(sql`state = ${patch.state}::text`);
  if (patch.decidedBy !== undefined) set.push(sql`decided_by = ${patch.decidedBy}::text`);
  if (patch.decidedAt !== undefined) set.push(sql`decided_at = ${patch.decidedAt}::timestamptz`);
  if (patch.decisionReason !== undefined) set.push(sql`decision_reason = ${patch.decisionReason}::text`);
  if (patch.sentAt !== undefined) set.push(sql`sent_at = ${patch.sentAt}::timestamptz`);
  if (patch.gmailDraftId !== undefined) set.push(sql`gmail_draft_id = ${patch.gmailDraftId}::text`);
  if (patch.gmailMessageId !== undefined) set.push(sql`gmail_message_id = ${patch.gmailMessageId}::text`);
  return sql.join(set, sql`, `);
}
