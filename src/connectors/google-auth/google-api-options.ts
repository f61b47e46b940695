// The options every googleapis client here is built with: our auth, gaxios retries off (the engine's
// policy decides), a timeout, and the root URL override (tests and proxies) with its trailing slash.
import type { GoogleAuthClient } from './create-google-auth.js';
import type { GoogleCallRunner } from './run-google-call.js';

export interface GoogleClientOptions {
  auth: GoogleAuthClient;
  /** GOOGLE_API_ROOT_URL: replaces every Google API's root (origin only). */
  rootUrl?: string;
  runner: GoogleCallRunner;
  timeoutMs: number;
}

export function toGoogleApiOptions(options: GoogleClientOptions): { auth: GoogleAuthClient; retry: false; timeout: number; rootUrl?: string } {
  const { rootUrl } = options;
  return {
    auth: options.auth,
    retry: false,
    timeout: options.timeoutMs,
    ...(rootUrl === undefined ? {} : { rootUrl: rootUrl.endsWith('/') ? rootUrl : `${rootUrl}/` }),
  };
}
