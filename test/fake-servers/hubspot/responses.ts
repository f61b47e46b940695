// HubSpot's error bodies and JSON replies, as api-contracts.md §1.5 documents them, for the fake
// server and for tests that inject faults. Nothing here knows about routes or state.
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface HubspotErrorDetail {
  message: string;
  code?: string;
  in?: string;
  context?: Record<string, string[]>;
}

export function errorBody(
  message: string,
  category?: string,
  errors?: HubspotErrorDetail[],
): Record<string, unknown> {
  return {
    status: 'error',
    message,
    correlationId: randomUUID(),
    ...(category === undefined ? {} : { category }),
    ...(errors === undefined ? {} : { errors }),
  };
}

export const hubspotErrorBodies = {
  notFound: () => errorBody('resource not found', 'OBJECT_NOT_FOUND'),
  unauthorized: () =>
    errorBody(
      'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview',
      'INVALID_AUTHENTICATION',
    ),
  missingScopes: () =>
    errorBody("This app hasn't been granted all required scopes to make this call.", 'MISSING_SCOPES'),
  validation: (message: string, errors?: HubspotErrorDetail[]) =>
    errorBody(message, 'VALIDATION_ERROR', errors),
  conflict: (message: string) => errorBody(message, 'CONFLICT'),
  /** The 429 body: `errorType` and `policyName`, and often no `category`. */
  rateLimit: (policyName: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY') => ({
    status: 'error',
    message:
      policyName === 'SECONDLY'
        ? 'You have reached your secondly limit.'
        : `You have reached your ${policyName.toLowerCase()} limit.`,
    errorType: 'RATE_LIMIT',
    correlationId: randomUUID(),
    policyName,
    groupName: 'publicapi:private-app:fake',
  }),
  serverError: () => errorBody('internal error', 'INTERNAL_ERROR'),
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text === '' ? {} : { 'content-type': 'application/json;charset=utf-8' }),
    ...headers,
  });
  res.end(text);
}

/** Thrown by route handlers to answer with an error; the server turns it into the response. */
export class HubspotHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`fake HubSpot ${status}`);
  }
}
