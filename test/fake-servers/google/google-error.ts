// Google's JSON error bodies exactly as documented (api-contracts.md 2.2, 3.4, 6.1), so the
// adapters' classifier is tested against the real shapes.
import type { FakeResponse } from './fake-request.js';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function googleError(code: number, message: string, reason: string, domain = 'global', extra: Record<string, string> = {}): FakeResponse {
  return {
    status: code,
    body: { error: { code, message, errors: [{ message, domain, reason, ...extra }], status: STATUS_NAMES[code] ?? 'UNKNOWN' } },
  };
}

export const notFound = (): FakeResponse => googleError(404, 'Requested entity was not found.', 'notFound');

export const invalidArgument = (message: string): FakeResponse => googleError(400, message, 'invalidArgument');

export const unauthenticated = (): FakeResponse => ({
  ...googleError(
    401,
    'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    'authError',
    'global',
    { location: 'Authorization', locationType: 'header' },
  ),
  headers: { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
});

export const labelConflict = (): FakeResponse => ({
  status: 409,
  body: {
    error: {
      code: 409,
      message: 'Label name exists or conflicts',
      errors: [{ message: 'Label name exists or conflicts', domain: 'global', reason: 'aborted' }],
      status: 'ABORTED',
    },
  },
});

export function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

export const ok = (body: unknown): FakeResponse => ({ status: 200, body });
