// Turns whatever a HubSpot call threw (the SDK's ApiException, a raw response we rejected, a network
// failure) into a domain error. ApiException carries `.code` (status), `.body` (the parsed JSON, with
// policyName intact) and `.headers`. An error answer without a Content-Type makes the SDK throw a
// plain Error with no status: that is treated like a lost answer (transient, outcome unknown).
import type { AppError } from '../../domain/errors.js';
import type { CallSite } from '../shared/classify-http-error.js';
import { classifyHttpError, classifyNetworkError } from '../shared/classify-http-error.js';
import { HubspotErrorBody } from './schemas.js';

/** A non-2xx answer to a raw (apiRequest) call, in the same terms as the SDK's ApiException. */
export class HubspotResponseError extends Error {
  constructor(
    readonly code: number,
    readonly body: unknown,
    readonly headers: Record<string, string>,
  ) {
    super(`HubSpot answered HTTP ${code}`);
    this.name = 'HubspotResponseError';
  }
}

interface HttpErrorLike {
  code: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Duck-typed: every codegen module of the SDK declares its own ApiException class. */
function isHttpErrorLike(error: unknown): error is HttpErrorLike {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as Partial<HttpErrorLike>;
  return (
    typeof candidate.code === 'number' && typeof candidate.headers === 'object' && candidate.headers !== null
  );
}

export function classifyHubspotError(error: unknown, site: CallSite): AppError {
  if (!isHttpErrorLike(error)) return classifyNetworkError(error, site);
  const parsed = HubspotErrorBody.safeParse(error.body);
  const info = parsed.success ? parsed.data : {};
  return classifyHttpError({
    ...site,
    status: error.code,
    body: error.body,
    headers: error.headers,
    cause: error,
    quotaExhausted: info.policyName === 'DAILY',
    fallbackRetryAfterMs: fallbackWait(info),
  });
}

/** HubSpot rarely sends Retry-After: wait by policy, 1 s for the secondly (search) limit, else 10 s. */
function fallbackWait(info: HubspotErrorBody): number {
  const secondly = info.policyName === 'SECONDLY' || /secondly limit/i.test(info.message ?? '');
  return secondly ? 1000 : 10_000;
}
