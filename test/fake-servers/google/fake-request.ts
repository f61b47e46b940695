// The request and response shapes the fake's route handlers work with, already parsed.
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  /** Parsed JSON, or form fields for x-www-form-urlencoded, or the raw text. */
  body: unknown;
}

export interface FakeResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Returns null when the route is not this handler's. */
export type FakeRoute = (request: FakeRequest, match: RegExpExecArray) => FakeResponse;

export interface RouteTable {
  method: string;
  pattern: RegExp;
  handle: FakeRoute;
}

export function queryInt(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const raw = query.get(name);
  const value = raw === null ? fallback : Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.min(Math.floor(value), max) : fallback;
}

export function bodyObject(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}
