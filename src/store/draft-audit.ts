// Who a draft change is audited as, and what its event says: shared by the SQL and memory draft stores
// so both write the same trail.
import type { DraftPatch } from '../domain/ports/draft-store.js';

/**
 * DraftPatch plus who acted. The port's patch has no actor; without one the event's actor is
 * `decidedBy`, else `system`. Callers that know the operator (an edit has no decidedBy) pass `actor`.
 */
export type DraftPatchWithActor = DraftPatch & { actor?: string };

export function draftAuditActor(patch: DraftPatchWithActor): string {
  return patch.actor ?? patch.decidedBy ?? 'system';
}

/** The event's details, the same in both stores. */
export function draftAuditDetails(patch: DraftPatch): Record<string, unknown> {
  return {
    changed: changedFields(patch),
    ...(patch.decisionReason === undefined ? {} : { reason: patch.decisionReason }),
  };
}

/** The fields a patch names, in the order the audit event lists them as changed. */
export const PATCH_FIELDS = [
  'subject',
  'body',
  'lint',
  'state',
  'decidedBy',
  'decidedAt',
  'decisionReason',
  'sentAt',
  'gmailDraftId',
  'gmailMessageId',
] as const;

export function changedFields(patch: DraftPatch): string[] {
  return PATCH_FIELDS.filter((field) => patch[field] !== undefined);
}
