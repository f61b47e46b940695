// Intake: every route converges here. It parses and checks the lead, stores the raw payload, its
// submission and run in one transaction, and enqueues the run. It never does workflow work, so a
// webhook is answered in milliseconds.
import { deriveLeadIdempotencyKey } from '../domain/idempotency-key.js';
import { parseLead } from '../domain/lead/parse-lead.js';
import type { Lead } from '../domain/lead.js';
import type { ContactEventInput } from '../workflow/form-lead/form-lead-steps.js';
import { FORM_LEAD_WORKFLOW } from '../workflow/form-lead/form-lead-steps.js';
import { newFormLeadRun } from '../workflow/form-lead/new-form-lead-run.js';
import type { ServiceDeps } from './service-deps.js';
import type { IntakeOutcome, IntakeService } from './service-types.js';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

export interface IntakeLimits {
  /** Above this many waiting jobs, intake answers "saturated" (429) instead of storing more. */
  maxQueueDepth: number;
  retryAfterMs: number;
}

export function createIntakeService(deps: ServiceDeps, settings: TenantSettingsCache, limits: IntakeLimits): IntakeService {
  const queueDepth = sharedReading(() => deps.queue.countWaiting());
  const submit: IntakeService['submit'] = async ({ tenantId, route, rawBody, payload }) => {
    if ((await queueDepth()) >= limits.maxQueueDepth) return { kind: 'saturated', retryAfterMs: limits.retryAfterMs };
    const { settings: tenant } = await settings.get(tenantId);
    const parsed = parseLead(payload, { mapping: tenant.fieldMapping });
    if (!parsed.ok) return { kind: 'invalid', problems: parsed.problems };
    const ignored = checkForm(parsed.lead, tenant.forms.allowlist, route);
    if (ignored) return ignored;
    return store(deps, tenantId, parsed.lead, rawBody, payload);
  };

  return {
    submit,
    async submitEvents({ tenantId, rawBody, events }) {
      const accepted: string[] = [];
      const duplicates: string[] = [];
      let ignored = 0;
      for (const event of dedupeEvents(events)) {
        const contactEvent = toContactEvent(event);
        if (contactEvent === null) {
          ignored++;
          continue;
        }
        const outcome = await storeEvent(deps, tenantId, contactEvent, rawBody, event);
        (outcome.created ? accepted : duplicates).push(outcome.runId);
      }
      return { accepted, duplicates, ignored };
    },
  };
}

/**
 * Requests that ask while a reading is in flight share it, so a burst of webhooks asks the queue for
 * its depth once per round trip instead of once per request. Nothing older than that is ever reused.
 */
function sharedReading(read: () => Promise<number>): () => Promise<number> {
  let inFlight: Promise<number> | null = null;
  return () => {
    inFlight ??= read().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}

function checkForm(lead: Lead, allowlist: string[], route: string): IntakeOutcome | null {
  if (allowlist.length === 0 || lead.source.kind === 'json') return null;
  const formId = lead.source.formId;
  if (formId === null) return { kind: 'invalid', problems: [{ field: 'formId', reason: `missing: a ${route} submission must name its form` }] };
  if (!allowlist.includes(formId)) return { kind: 'ignored', reason: `form ${formId} is not on the allowlist` };
  return null;
}

async function store(deps: ServiceDeps, tenantId: string, lead: Lead, rawBody: string, payload: unknown): Promise<IntakeOutcome> {
  const { submission, run } = newFormLeadRun({
    tenantId,
    lead,
    payload,
    rawPayload: rawBody,
    idempotencyKey: deriveLeadIdempotencyKey(lead, payload),
    now: deps.clock().toISOString(),
    newId: deps.newId,
  });
  const { runId: heldBy, created } = await deps.stores.intake.recordSubmission(submission, run);
  if (!created) return { kind: 'duplicate', runId: heldBy };
  // The run is stored: if this enqueue is lost, the reconciler dispatches it from the database.
  await deps.queue.enqueue({ tenantId, runId: heldBy, attempt: 0 }).catch(() => undefined);
  return { kind: 'accepted', runId: heldBy };
}

interface HubspotEvent {
  eventId?: unknown;
  subscriptionId?: unknown;
  occurredAt?: unknown;
  objectId?: unknown;
  portalId?: unknown;
  subscriptionType?: unknown;
  eventType?: unknown;
  propertyName?: unknown;
}

const FORM_PROPERTIES = new Set(['recent_conversion_date', 'recent_conversion_event_name', 'num_conversion_events', 'first_conversion_date']);

/** HubSpot says eventId is not unique: the documented dedupe key is all four fields (api-contracts 1.1.2). */
function dedupeEvents(events: unknown[]): HubspotEvent[] {
  const seen = new Set<string>();
  const out: HubspotEvent[] = [];
  for (const raw of events) {
    if (raw === null || typeof raw !== 'object') continue;
    const e = raw as HubspotEvent;
    const key = [e.subscriptionId, e.eventId, e.occurredAt, e.objectId].map(String).join(':');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

/** A contact event is a "go and look" hint: the workflow's first step reads the submission itself. */
function toContactEvent(e: HubspotEvent): ContactEventInput | null {
  const type = typeof e.subscriptionType === 'string' ? e.subscriptionType : typeof e.eventType === 'string' ? e.eventType : '';
  const relevant = type === 'contact.creation' || (type === 'contact.propertyChange' && FORM_PROPERTIES.has(String(e.propertyName)));
  if (!relevant || (typeof e.objectId !== 'number' && typeof e.objectId !== 'string')) return null;
  return {
    contactId: String(e.objectId),
    portalId: typeof e.portalId === 'number' || typeof e.portalId === 'string' ? String(e.portalId) : null,
    type,
    occurredAt: typeof e.occurredAt === 'number' ? e.occurredAt : null,
  };
}

async function storeEvent(deps: ServiceDeps, tenantId: string, event: ContactEventInput, rawBody: string, raw: unknown): Promise<{ runId: string; created: boolean }> {
  const now = deps.clock().toISOString();
  const idempotencyKey = `contact-event:${event.portalId ?? '-'}:${event.contactId}:${event.occurredAt ?? '-'}`;
  const recorded = await deps.stores.intake.recordSubmission(
    { id: deps.newId(), tenantId, idempotencyKey, sourceKind: 'hubspot-event', portalId: event.portalId, formId: null, submissionId: null, rawPayload: rawBody, payload: raw, receivedAt: now },
    { id: deps.newId(), tenantId, workflow: FORM_LEAD_WORKFLOW, idempotencyKey, input: { event }, traceId: null, createdAt: now, email: null, company: null },
  );
  if (recorded.created) await deps.queue.enqueue({ tenantId, runId: recorded.runId, attempt: 0 }).catch(() => undefined);
  return recorded;
}
