// The DraftStore port in memory, over the shared MemoryDatabase: one draft per run, the same pages and
// counts, and compare-and-set updates with the same audit events as the SQL store.
import { AppError } from '../domain/errors.js';
import type {
  DraftPatch,
  DraftRecord,
  DraftState,
  DraftStore,
  NewDraft,
} from '../domain/ports/draft-store.js';
import { DRAFT_STATES } from '../domain/ports/draft-store.js';
import { draftAuditActor, draftAuditDetails, type DraftPatchWithActor } from './draft-audit.js';
import { compareNewestFirst, decodeCursor, isAfterCursor, pageLimit, pageOf } from './keyset-cursor.js';
import { insertDraft, isoInstant, isoOrNull, rowKey, type MemoryDatabase } from './memory-database.js';
import { jsonClone, settle } from './sql-rows.js';

export function createMemoryDraftStore(database: MemoryDatabase): DraftStore {
  const { drafts, audit } = database;
  const draftsOf = (tenantId: string): DraftRecord[] =>
    [...drafts.values()].filter((d) => d.tenantId === tenantId);
  const forRun = (tenantId: string, runId: string): DraftRecord | undefined =>
    database.index.draftByRun.get(rowKey(tenantId, runId));

  return {
    async saveDraft(draft: NewDraft) {
      const existing = forRun(draft.tenantId, draft.runId);
      if (existing) return structuredClone(existing);
      if (!database.runs.has(rowKey(draft.tenantId, draft.runId))) {
        throw new AppError('not-found', `run ${draft.runId} not found for tenant ${draft.tenantId}`);
      }
      if (drafts.has(rowKey(draft.tenantId, draft.id))) {
        throw new AppError(
          'conflict',
          `draft ${draft.id} already exists for tenant ${draft.tenantId} under another run`,
        );
      }
      const record = newRecord(draft);
      insertDraft(database, record);
      const details = { draftId: record.id };
      await audit.append(record.tenantId, {
        actor: 'system',
        action: 'draft.created',
        runId: record.runId,
        stepId: null,
        details,
        at: record.createdAt,
      });
      return structuredClone(record);
    },

    findDraft(tenantId, draftId) {
      return settle(() => structuredClone(drafts.get(rowKey(tenantId, draftId)) ?? null));
    },

    findDraftForRun(tenantId, runId) {
      return settle(() => structuredClone(forRun(tenantId, runId) ?? null));
    },

    listDrafts(tenantId, filter) {
      return settle(() => {
        const limit = pageLimit(filter.limit);
        const cursor = decodeCursor(filter.cursor);
        const matching = draftsOf(tenantId)
          .filter((d) => (filter.state === undefined || d.state === filter.state) && isAfterCursor(d, cursor))
          .sort(compareNewestFirst);
        return pageOf(
          matching.slice(0, limit + 1).map((d) => structuredClone(d)),
          limit,
          (d) => d,
        );
      });
    },

    countDraftsByState(tenantId) {
      return settle(() => {
        const counts = Object.fromEntries(DRAFT_STATES.map((s) => [s, 0])) as Record<DraftState, number>;
        for (const draft of draftsOf(tenantId)) counts[draft.state] += 1;
        return counts;
      });
    },

    async updateDraft(tenantId, draftId, expected, patch: DraftPatchWithActor) {
      const draft = drafts.get(rowKey(tenantId, draftId));
      if (!draft || !expected.includes(draft.state)) return null;
      const from = draft.state;
      // Patched on a copy first, so a bad value leaves the stored draft untouched.
      const next = applyPatch({ ...draft }, patch);
      Object.assign(draft, next);
      const action = draft.state !== from ? `draft.${draft.state}` : 'draft.edited';
      const details = { draftId, from, to: draft.state, ...draftAuditDetails(patch) };
      await audit.append(tenantId, {
        actor: draftAuditActor(patch),
        action,
        runId: draft.runId,
        stepId: null,
        details,
        at: draft.updatedAt,
      });
      return structuredClone(draft);
    },

    countSent(tenantId, filter) {
      return settle(() => {
        const since = Date.parse(filter.since);
        const to = filter.to?.toLowerCase();
        return draftsOf(tenantId).filter(
          (d) =>
            d.state === 'sent' &&
            d.sentAt !== null &&
            Date.parse(d.sentAt) >= since &&
            (to === undefined || d.to.toLowerCase() === to),
        ).length;
      });
    },
  };
}

function newRecord(draft: NewDraft): DraftRecord {
  const createdAt = isoInstant(draft.createdAt);
  return {
    id: draft.id,
    tenantId: draft.tenantId,
    runId: draft.runId,
    to: draft.to,
    subject: draft.subject,
    body: draft.body,
    threadId: draft.threadId,
    inReplyTo: draft.inReplyTo,
    references: jsonClone(draft.references) ?? [],
    gmailDraftId: draft.gmailDraftId,
    gmailMessageId: draft.gmailMessageId,
    state: 'pending',
    lint: jsonClone(draft.lint) ?? [],
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    sentAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

function applyPatch(draft: DraftRecord, patch: DraftPatch): DraftRecord {
  draft.updatedAt = isoInstant(patch.updatedAt);
  if (patch.subject !== undefined) draft.subject = patch.subject;
  if (patch.body !== undefined) draft.body = patch.body;
  if (patch.lint !== undefined) draft.lint = jsonClone(patch.lint) ?? [];
  if (patch.state !== undefined) draft.state = patch.state;
  if (patch.decidedBy !== undefined) draft.decidedBy = patch.decidedBy;
  if (patch.decidedAt !== undefined) draft.decidedAt = isoOrNull(patch.decidedAt);
  if (patch.decisionReason !== undefined) draft.decisionReason = patch.decisionReason;
  if (patch.sentAt !== undefined) draft.sentAt = isoOrNull(patch.sentAt);
  if (patch.gmailDraftId !== undefined) draft.gmailDraftId = patch.gmailDraftId;
  if (patch.gmailMessageId !== undefined) draft.gmailMessageId = patch.gmailMessageId;
  return draft;
}
