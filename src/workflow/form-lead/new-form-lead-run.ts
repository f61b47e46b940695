// What intake stores for a lead before any step runs: the verbatim submission and its pending
// form-lead run, sharing one idempotency key. Every route (webhooks, API, poller, CLI) builds it here.
import type { Lead } from '../../domain/lead.js';
import type { NewSubmission } from '../../domain/ports/intake-store.js';
import type { NewRun } from '../../domain/ports/run-store.js';
import { FORM_LEAD_WORKFLOW } from './form-lead-steps.js';

export function newFormLeadRun(input: {
  tenantId: string;
  lead: Lead;
  payload: unknown;
  rawPayload: string;
  idempotencyKey: string;
  now: string;
  newId: () => string;
}): { submission: NewSubmission; run: NewRun & { email: string | null; company: string | null } } {
  const { tenantId, lead, payload, idempotencyKey, now } = input;
  return {
    submission: {
      id: input.newId(),
      tenantId,
      idempotencyKey,
      sourceKind: lead.source.kind,
      portalId: lead.source.portalId,
      formId: lead.source.formId,
      submissionId: lead.source.submissionId,
      rawPayload: input.rawPayload,
      payload,
      receivedAt: now,
    },
    run: {
      id: input.newId(),
      tenantId,
      workflow: FORM_LEAD_WORKFLOW,
      idempotencyKey,
      input: { lead, payload },
      traceId: null,
      createdAt: now,
      email: lead.email,
      company: lead.company,
    },
  };
}
