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

export interface IntakeStore {
  /**
   * In one transaction: insert the submission and its run (status `pending`). When the tenant already
   * holds the idempotency key, nothing is written and the existing run id comes back.
   */
  recordSubmission(
    submission: NewSubmission,
    run: NewRun & { email: string | null; company: string | null },
  ): Promise<{ runId: string; created: boolean }>;
  findSubmissionForRun(tenantId: string, runId: string): Promise<SubmissionRecord | null>;
  /** The run holding this idempotency key, if any (a contact event checks whether its submission already has one). */
  findRunIdByIdempotencyKey(tenantId: string, idempotencyKey: string): Promise<string | null>;
}
