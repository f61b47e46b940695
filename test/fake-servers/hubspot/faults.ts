// Fault injection and rate limiting for the fake HubSpot: answer the next matching requests with a
// given status/body/headers, delay them, and enforce a rolling burst window (429
// TEN_SECONDLY_ROLLING), a search window (429 SECONDLY) and a daily allowance (429 DAILY).
import { hubspotErrorBodies } from './responses.js';

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Only requests with this method match; any method when omitted. */
  method?: string;
}

export interface RateLimitSetting {
  limit: number;
  intervalMs: number;
}

interface Planned<T> {
  pattern: string | RegExp;
  value: T;
  remaining: number;
  method: string | undefined;
}

export interface LimitVerdict {
  status: 429;
  body: unknown;
  headers: Record<string, string>;
}

export class Faults {
  /** Burst limit on every endpoint (search included, to be conservative); null = unlimited. */
  rateLimit: RateLimitSetting | null = null;
  /** The separate, lower search limit (about 5/s in HubSpot); null = none. */
  searchRateLimit: RateLimitSetting | null = null;
  /** Requests allowed before every call gets a 429 DAILY; null = unlimited. */
  dailyLimit: number | null = null;
  /** HubSpot often omits Retry-After; set false to reproduce that. */
  sendRetryAfter = true;
  readonly #failures: Planned<InjectedResponse>[] = [];
  readonly #delays: Planned<number>[] = [];
  readonly #arrivals: number[] = [];
  readonly #searchArrivals: number[] = [];
  #dailyUsed = 0;

  /** The next `times` requests whose path matches get this response instead of the real one. */
  failNext(pattern: string | RegExp, response: InjectedResponse, times = 1): void {
    this.#failures.push({ pattern, value: response, remaining: times, method: response.method });
  }

  /** The next `times` matching requests are answered `ms` late (to test our timeouts). */
  delayNext(pattern: string | RegExp, ms: number, times = 1): void {
    this.#delays.push({ pattern, value: ms, remaining: times, method: undefined });
  }

  takeFailure(method: string, path: string): InjectedResponse | undefined {
    return take(this.#failures, method, path);
  }

  takeDelay(method: string, path: string): number | undefined {
    return take(this.#delays, method, path);
  }

  /** Counts the request against the limits; a verdict means "answer 429". */
  admit(now: number, isSearch: boolean): LimitVerdict | undefined {
    if (this.dailyLimit !== null && this.#dailyUsed >= this.dailyLimit) {
      return { status: 429, body: hubspotErrorBodies.rateLimit('DAILY'), headers: {} };
    }
    const burst = check(this.#arrivals, this.rateLimit, now);
    if (burst !== undefined) return this.#verdict('TEN_SECONDLY_ROLLING', burst);
    const search = isSearch ? check(this.#searchArrivals, this.searchRateLimit, now) : undefined;
    if (search !== undefined) return this.#verdict('SECONDLY', search);
    this.#arrivals.push(now);
    if (isSearch) this.#searchArrivals.push(now);
    this.#dailyUsed += 1;
    return undefined;
  }

  /** The X-HubSpot-RateLimit-* headers of a normal (non-search) response. */
  headers(now: number): Record<string, string> {
    const out: Record<string, string> = {};
    if (this.rateLimit !== null) {
      const used = this.#arrivals.filter((t) => t > now - (this.rateLimit?.intervalMs ?? 0)).length;
      out['X-HubSpot-RateLimit-Max'] = String(this.rateLimit.limit);
      out['X-HubSpot-RateLimit-Remaining'] = String(Math.max(0, this.rateLimit.limit - used));
      out['X-HubSpot-RateLimit-Interval-Milliseconds'] = String(this.rateLimit.intervalMs);
    }
    if (this.dailyLimit !== null) {
      out['X-HubSpot-RateLimit-Daily'] = String(this.dailyLimit);
      out['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, this.dailyLimit - this.#dailyUsed));
    }
    return out;
  }

  #verdict(policy: 'TEN_SECONDLY_ROLLING' | 'SECONDLY', waitMs: number): LimitVerdict {
    const headers: Record<string, string> = this.sendRetryAfter
      ? { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) }
      : {};
    return { status: 429, body: hubspotErrorBodies.rateLimit(policy), headers };
  }
}

/** ms until the window has room, or undefined when it has room now. The window is (now - interval, now]. */
function check(arrivals: number[], setting: RateLimitSetting | null, now: number): number | undefined {
  if (setting === null) return undefined;
  while (arrivals.length > 0 && (arrivals[0] ?? 0) <= now - setting.intervalMs) arrivals.shift();
  if (arrivals.length < setting.limit) return undefined;
  return (arrivals[0] ?? now) + setting.intervalMs - now;
}

function take<T>(plans: Planned<T>[], method: string, path: string): T | undefined {
  const index = plans.findIndex(
    (p) =>
      p.remaining > 0 &&
      (p.method === undefined || p.method.toUpperCase() === method) &&
      (typeof p.pattern === 'string' ? path.includes(p.pattern) : p.pattern.test(path)),
  );
  const plan = plans[index];
  if (plan === undefined) return undefined;
  plan.remaining -= 1;
  if (plan.remaining === 0) plans.splice(index, 1);
  return plan.value;
}
