// The one way the dashboard talks to the service: JSON over the REST API, the session cookie sent
// automatically, the CSRF token echoed on writes, every failure turned into an ApiError.
export interface FieldProblem { field: string; reason: string }

interface ErrorBody { code?: string; message?: string; problems?: FieldProblem[]; check?: string }

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problems: FieldProblem[];
  readonly check: string | null;
  constructor(status: number, body: ErrorBody) {
    super(body.message ?? `the request failed (HTTP ${status})`);
    this.status = status;
    this.code = body.code ?? 'error';
    this.problems = body.problems ?? [];
    this.check = body.check ?? null;
  }
}

/** Fired when any call answers 401, so the app can show the sign-in page. */
export const UNAUTHORIZED_EVENT = 'sales-agent:unauthorized';

function csrfToken(): string {
  const match = /(?:^|;\s*)sa_csrf=([^;]*)/.exec(document.cookie);
  return match?.[1] ? decodeURIComponent(match[1]) : '';
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'the service cannot be reached; check that it is running' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: ErrorBody | null = null;
  try {
    parsed = text === '' ? null : (JSON.parse(text) as ErrorBody);
  } catch {
    parsed = { message: text.slice(0, 200) };
  }
  if (!response.ok) {
    if (response.status === 401 && !path.startsWith('/api/auth/')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
    throw new ApiError(response.status, parsed ?? {});
  }
  return parsed as unknown as T;
}

/** `?a=1&b=x` from the defined, non-empty values. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
