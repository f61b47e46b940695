// Intake: every route converges here. It parses and checks the lead, stores the raw payload, its
// submission and run in one transaction, and enqueues the run. It never does workflow work, so a
// webhook is answered in milliseconds. Concurrent leads share their write (intake-writer.ts), and the
// queue depth is read from a gauge rather than asked of the queue on every request.
import { deriveLeadIdempotencyKey } from '../domain/idempotency-key.js';
import { parseLead } from '../domain/lead/parse-lead.js';
import type { Lead } from '../domain/lead.js';
import type { IntakeRecord, RecordedSubmission } from '../domain/ports/intake-store.js';
import type { RunJob } from '../domain/ports/job-queue.js';
import type { ContactEventInput } from '../workflow/form-lead/form-lead-steps.js';
import { FORM_LEAD_WORKFLOW } from '../workflow/form-lead/form-lead-steps.js';
import { newFormLeadRun } from '../workflow/form-lead/new-form-lead-run.js';
import type { GroupCommitOptions } from './group-commit.js';
import { createIntakeWriter, DEFAULT_INTAKE_BATCH } from './intake-writer.js';
import { createQueueDepthGauge } from './queue-depth-gauge.js';
import type { ServiceDeps } from './service-deps.js';
import type { IntakeOutcome, IntakeService } from './service-types.js';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

export interface IntakeLimits {
  /** Above this many waiting jobs, intake answers "saturated" (429) instead of storing more. */
  maxQueueDepth: number;
  retryAfterMs: number;
  /** How intake writes are grouped; DEFAULT_INTAKE_BATCH where not given. */
  batch?: Partial<GroupCommitOptions>;
  /** How often the queue depth is read again while requests keep coming (default 100 ms). */
  queueDepthRefreshMs?: number;
  /** Enqueues under way beyond which a request waits for its own (default 1000). */
  maxPendingDispatches?: number;
}

export function createIntakeService(deps: ServiceDeps, settings: TenantSettingsCache, limits: IntakeLimits): IntakeService {
  const refreshMs = limits.queueDepthRefreshMs ?? 100;
  const queueDepth = createQueueDepthGauge({
    read: () => deps.queue.countWaiting(),
    now: () => deps.clock().getTime(),
    refreshMs,
    maxAgeMs: refreshMs * 10,
  });
  const writer = createIntakeWriter(deps.stores.intake, {
    batch: { ...DEFAULT_INTAKE_BATCH, ...limits.batch },
    retryAfterMs: limits.retryAfterMs,
  });

  const maxPendingDispatches = limits.maxPendingDispatches ?? 1000;
  let pendingDispatches = 0;

  /** Stores (or finds) the run, then enqueues it if it is new. */
  async function record(item: IntakeRecord): Promise<RecordedSubmission> {
    const recorded = await writer.record(item);
    if (recorded.created) await dispatch({ tenantId: item.run.tenantId, runId: recorded.runId, attempt: 0 });
    return recorded;
  }

  /**
   * The run is stored, so the answer does not wait for Redis: the job follows (with the others of its
   * batch, as one addBulk), and if it is lost the reconciler dispatches the run from the database. Only
   * when Redis falls behind by more than maxPendingDispatches jobs does a caller wait for its own.
   */
  async function dispatch(job: RunJob): Promise<void> {
    queueDepth.noteEnqueued(1);
    pendingDispatches += 1;
    const sent = deps.queue
      .enqueue(job)
      .catch(() => undefined)
      .finally(() => (pendingDispatches -= 1));
    if (pendingDispatches > maxPendingDispatches) await sent;
  }

  const submit: IntakeService['submit'] = async ({ tenantId, route, rawBody, payload }) => {
    if (await queueDepth.isAtLeast(limits.maxQueueDepth)) return { kind: 'saturated', retryAfterMs: limits.retryAfterMs };
    const { settings: tenant } = await settings.get(tenantId);
    const parsed = parseLead(payload, { mapping: tenant.fieldMapping });
    if (!parsed.ok) return { kind: 'invalid', problems: parsed.problems };
    const ignored = checkForm(parsed.lead, tenant.forms.allowlist, route);
    if (ignored) return ignored;
    const { runId, created } = await record(newLeadRecord(deps, tenantId, parsed.lead, rawBody, payload));
    return created ? { kind: 'accepted', runId } : { kind: 'duplicate', runId };
  };

  return {
    submit,
    async submitEvents({ tenantId, rawBody, events }) {
      const records: IntakeRecord[] = [];
      let ignored = 0;
      for (const event of dedupeEvents(events)) {
        const contactEvent = toContactEvent(event);
        if (contactEvent === null) ignored++;
        else records.push(newEventRecord(deps, tenantId, contactEvent, rawBody, event));
      }
      // In order, in the same turn: one batch, where a repeated key is a duplicate of its first event.
      const recorded = await Promise.all(records.map(record));
      return {
        accepted: recorded.filter((r) => r.created).map((r) => r.runId),
        duplicates: recorded.filter((r) => !r.created).map((r) => r.runId),
        ignored,
      };
    },
  };
}

function checkForm(lead: Lead, allowlist: string[], route: string): IntakeOutcome | null {
  if (allowlist.length === 0 || lead.source.kind === 'json') return null;
  const formId = lead.source.formId;
  if (formId === null) return { kind: 'invalid', problems: [{ field: 'formId', reason: `missing: a ${route} submission must name its form` }] };
  if (!allowlist.includes(formId)) return { kind: 'ignored', reason: `form ${formId} is not on the allowlist` };
  return null;
}

function newLeadRecord(deps: ServiceDeps, tenantId: string, lead: Lead, rawBody: string, payload: unknown): IntakeRecord {
  return newFormLeadRun({
    tenantId,
    lead,
    payload,
    rawPayload: rawBody,
    idempotencyKey: deriveLeadIdempotencyKey(lead, payload),
    now: deps.clock().toISOString(),
    newId: deps.newId,
  });
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

function newEventRecord(deps: ServiceDeps, tenantId: string, event: ContactEventInput, rawBody: string, raw: unknown): IntakeRecord {
  const now = deps.clock().toISOString();
  const idempotencyKey = `contact-event:${event.portalId ?? '-'}:${event.contactId}:${event.occurredAt ?? '-'}`;
  return {
    submission: { id: deps.newId(), tenantId, idempotencyKey, sourceKind: 'hubspot-event', portalId: event.portalId, formId: null, submissionId: null, rawPayload: rawBody, payload: raw, receivedAt: now },
    run: { id: deps.newId(), tenantId, workflow: FORM_LEAD_WORKFLOW, idempotencyKey, input: { event }, traceId: null, createdAt: now, email: null, company: null },
  };
}
