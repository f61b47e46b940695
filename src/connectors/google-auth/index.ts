// The shared Google plumbing for the Gmail, Drive and Calendar connectors: the auth client, the
// call runner (limiter + error classification) and the classifier itself.
export { createGoogleAuth, GOOGLE_SCOPES, GOOGLE_TOKEN_URL } from './create-google-auth.js';
export type { GoogleAuthClient, GoogleAuthOptions, OAuthRefreshTokenAuth, ServiceAccountAuth } from './create-google-auth.js';
export { classifyGoogleError, parseRetryAfter } from './classify-google-error.js';
export type { GoogleCallContext } from './classify-google-error.js';
export { createGoogleCallRunner, unlimitedRateLimiter } from './run-google-call.js';
export type { GoogleCallRunner, GoogleCallRunnerOptions, RateLimiter } from './run-google-call.js';
export { toGoogleApiOptions } from './google-api-options.js';
export type { GoogleClientOptions } from './google-api-options.js';
