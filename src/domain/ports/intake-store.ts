// Intake persistence: the raw submission and its run, stored in one transaction before the webhook
// is answered, so an accepted lead is never lost and a duplicate never starts a second run.
import type { LeadSourceKind } from '../lead.js';
import type { NewRun } from './run-store.js';

/** How a submission arrived: a lead shape, or a Webhooks API contact event resolved by the workflow. */
export type SubmissionSourceKind = LeadSourceKind | 'hubspot-event';

export interface NewSubmission {
  id: string;
  tenantId: string;
  idempotencyKey: string;
  sourceKind: SubmissionSourceKind;
  portalId: string | null;
  formId: string | null;
  submissionId: string | null;
  /** The body exactly as received. */
  rawPayload: string;
  payload: unknown;
  receivedAt: string;
}

export interface SubmissionRecord extends NewSubmission {
  runId: string | null;
}

/** A submission and the pending run it starts, under one idempotency key. */
export interface IntakeRecord {
  submission: NewSubmission;
  run: NewRun & { email: string | null; company: string | null };
}

export interface RecordedSubmission {
  runId: string;
  created: boolean;
}

/** One item's answer from `recordSubmissions`: what `recordSubmission` would have returned or thrown. */
export type RecordOutcome = ({ ok: true } & RecordedSubmission) | { ok: false; error: unknown };

export interface IntakeStore {
  /**
   * In one transaction: insert the submission and its run (status `pending`). When the tenant already
   * holds the idempotency key, nothing is written and the existing run id comes back.
   */
  recordSubmission(submission: NewSubmission, run: IntakeRecord['run']): Promise<RecordedSubmission>;
  /**
   * Many `recordSubmission` calls in as few statements as possible (group commit), answered item by
   * item in order, as if they had been made one after another: a key repeated inside the list starts
   * one run, and the later items get its id with `created: false`. Every `ok` item is committed when
   * the promise settles. An item that cannot be stored gets its own error and does not stop the others;
   * the promise rejects only when the database could not be used at all, and then nothing is reported
   * stored (a rejection may still leave items committed, as a lost reply would: a retry finds them).
   */
  recordSubmissions(items: readonly IntakeRecord[]): Promise<RecordOutcome[]>;
  findSubmissionForRun(tenantId: string, runId: string): Promise<SubmissionRecord | null>;
  /** The run holding this idempotency key, if any (a contact event checks whether its submission already has one). */
  findRunIdByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<string | null>;
}
