// The one path every HubSpot request takes: the tenant's rate limiter (and the search limiter for
// search endpoints), a timeout per attempt, and classification into domain errors. It never waits
// out a 429 itself: the error carries retryAfterMs and the engine decides.
import { describeCallSite } from '../shared/classify-http-error.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { withTimeout } from '../shared/with-timeout.js';
import { classifyHubspotError } from './hubspot-error.js';

export interface HubspotCallDeps {
  tenantId: string;
  limiter: RateLimiter;
  /** HubSpot's search endpoints have a separate, lower limit (about 5 per second). */
  searchLimiter?: RateLimiter;
  timeoutMs: number;
}

export interface HubspotCall {
  operation: string;
  id?: string | null;
  isSearch?: boolean;
}

export type CallHubspot = <T>(call: HubspotCall, fn: () => Promise<T>) => Promise<T>;

export function createCallHubspot(deps: HubspotCallDeps): CallHubspot {
  return async <T>(call: HubspotCall, fn: () => Promise<T>): Promise<T> => {
    const site = { system: 'HubSpot', operation: call.operation, id: call.id ?? null };
    const attempt = async (): Promise<T> => {
      try {
        return await withTimeout(fn(), deps.timeoutMs, describeCallSite(site));
      } catch (error) {
        throw classifyHubspotError(error, site);
      }
    };
    const limited = (): Promise<T> => deps.limiter.schedule(`hubspot:${deps.tenantId}`, attempt);
    if (call.isSearch === true && deps.searchLimiter) {
      return deps.searchLimiter.schedule(`hubspot-search:${deps.tenantId}`, limited);
    }
    return limited();
  };
}
