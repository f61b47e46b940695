// The shape of a fake HubSpot route: a method, a path pattern, and a handler that returns a reply
// or throws HubspotHttpError.
import type { FakeHubspotState } from './state.js';

export interface RouteContext {
  /** Capture groups of the path pattern, decoded. */
  params: string[];
  query: URLSearchParams;
  body: unknown;
  state: FakeHubspotState;
}

export interface RouteResult {
  status: number;
  body?: unknown;
}

export interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Search endpoints have their own limit and send no rate-limit headers (§1.5). */
  isSearch?: boolean;
  handle: (context: RouteContext) => RouteResult;
}
