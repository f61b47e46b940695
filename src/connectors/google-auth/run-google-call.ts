// The one path every Gmail, Drive and Calendar call takes: through the tenant's rate limiter, with
// any failure classified into a domain error. It does not retry: the auth client already refreshes
// an expired token once, and everything else is the workflow engine's decision.
import { classifyGoogleError, type GoogleCallContext } from './classify-google-error.js';

/** The limiter shape from src/connectors/shared, declared here so this folder does not depend on it. */
export interface RateLimiter {
  schedule<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

export interface GoogleCallRunner {
  run<T>(operation: string, id: string | undefined, fn: () => Promise<T>): Promise<T>;
}

export interface GoogleCallRunnerOptions {
  system: GoogleCallContext['system'];
  limiter: RateLimiter;
  /** The limiter key: one queue per tenant and mailbox/account, so one tenant cannot starve another. */
  limiterKey: string;
  tenantId: string;
  /** Used only to turn an absolute "retry after" time into a wait. */
  now?: () => number;
}

export function createGoogleCallRunner(options: GoogleCallRunnerOptions): GoogleCallRunner {
  const now = options.now ?? Date.now;
  return {
    async run<T>(operation: string, id: string | undefined, fn: () => Promise<T>): Promise<T> {
      try {
        return await options.limiter.schedule(options.limiterKey, fn);
      } catch (error) {
        const context: GoogleCallContext = { system: options.system, operation, tenantId: options.tenantId };
        if (id !== undefined) context.id = id;
        throw classifyGoogleError(error, context, now());
      }
    },
  };
}

/** A limiter that runs everything at once; for tests and single-user tools. */
export const unlimitedRateLimiter: RateLimiter = {
  schedule: <T>(_key: string, fn: () => Promise<T>): Promise<T> => fn(),
};
