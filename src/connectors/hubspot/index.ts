// The HubSpot connector's factory: the CrmPort for one tenant, plus the Forms API reads for the
// poller and the contact lookup for Webhooks-API events. The composition root is the only caller.
import type { CrmPort } from '../../domain/ports/crm.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { createCallHubspot } from './call-hubspot.js';
import { HubspotClient } from './client.js';
import { HubspotCrmAdapter } from './crm-adapter.js';
import type { ContactForEvent, HubspotForms } from './forms.js';
import { createHubspotForms, getContactForEvent } from './forms.js';

export type { ContactForEvent, FormSubmissionsPage, HubspotForms } from './forms.js';
export type { FormSubmissionRecord } from './mapping.js';

/** The custom task/note property that stores our idempotency key; create it in the portal first. */
export const DEFAULT_IDEMPOTENCY_PROPERTY = 'sales_agent_idempotency_key';

export interface HubspotCrmOptions {
  /** A private-app token (`pat-…`) or an OAuth access token, sent as a Bearer token. */
  accessToken: string;
  /** `https://api.hubapi.com`, or a fake server's URL in tests. */
  baseUrl: string;
  tenantId: string;
  /** Shared burst budget (HubSpot: 100 or 190 per 10 s per app); keyed `hubspot:<tenantId>`. */
  limiter: RateLimiter;
  /** The search budget (about 5 per second); keyed `hubspot-search:<tenantId>`. */
  searchLimiter?: RateLimiter;
  /** Per request, excluding time spent waiting for the limiter. Default 10 s. */
  timeoutMs?: number;
  idempotencyProperty?: string;
}

export interface HubspotCrm extends CrmPort {
  forms: HubspotForms;
  getContactForEvent(objectId: string, options?: { maxPages?: number }): Promise<ContactForEvent | null>;
}

export function createHubspotCrm(options: HubspotCrmOptions): HubspotCrm {
  const call = createCallHubspot({
    tenantId: options.tenantId,
    limiter: options.limiter,
    timeoutMs: options.timeoutMs ?? 10_000,
    ...(options.searchLimiter ? { searchLimiter: options.searchLimiter } : {}),
  });
  const client = new HubspotClient({ accessToken: options.accessToken, baseUrl: options.baseUrl, call });
  const adapter = new HubspotCrmAdapter(client, options.idempotencyProperty ?? DEFAULT_IDEMPOTENCY_PROPERTY);
  const forms = createHubspotForms(client);
  return Object.assign(adapter, {
    forms,
    getContactForEvent: (objectId: string, eventOptions?: { maxPages?: number }) =>
      getContactForEvent({ client, adapter, forms }, objectId, eventOptions),
  });
}
export { createHubspotFormSubmissionSource } from './form-submission-source.js';
