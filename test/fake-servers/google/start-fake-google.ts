// One local HTTP server standing in for Gmail, Drive, Calendar and Google's OAuth token endpoint,
// on 127.0.0.1 and a free port. Point googleapis' `rootUrl` and the auth client's token URL at
// `url`. It records every call, can be told to fail the next calls, and requires a Bearer token
// it issued (401 with Google's body otherwise), so the refresh path is exercised for real.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarRoutes } from './fake-calendar-routes.js';
import { driveRoutes } from './fake-drive-routes.js';
import { gmailRoutes } from './fake-gmail-routes.js';
import { createFakeGoogleState, type FakeGoogleState } from './fake-google-state.js';
import { notFound, unauthenticated } from './google-error.js';
import type { FakeRequest, FakeResponse, RouteTable } from './fake-request.js';
import { createSeeder, type FakeGoogleSeeder } from './seed-fake-google.js';
import { tokenRoutes } from './fake-token-routes.js';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
  status: number;
}

export type FaultResponse = FakeResponse | { network: true };

export interface FakeGoogle {
  url: string;
  state: FakeGoogleState;
  calls: RecordedCall[];
  seed: FakeGoogleSeeder;
  faults: {
    /** The next `times` requests whose "METHOD /path" matches get this response instead (or a dropped connection). */
    failNext(pattern: string | RegExp, response: FaultResponse, times?: number): void;
  };
  /** Make every issued access token (or one) expire now; the next API call gets a 401. */
  expireAccessTokens(token?: string): void;
  revokeRefreshToken(token: string): void;
  /** A valid access token without going through /token, for tests that do not care about auth. */
  issueAccessToken(): string;
  close(): Promise<void>;
}

export interface FakeGoogleOptions {
  userEmail?: string;
  now?: () => number;
  /** See FakeGoogleState.pageSizeCap. */
  pageSizeCap?: number;
}

interface Fault {
  pattern: string | RegExp;
  response: FaultResponse;
  remaining: number;
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const now = options.now ?? Date.now;
  const state = createFakeGoogleState(options.userEmail ?? 'rep@ourco.example');
  state.pageSizeCap = options.pageSizeCap ?? null;
  const routes: RouteTable[] = [...gmailRoutes(state, now), ...driveRoutes(state), ...calendarRoutes(state), ...tokenRoutes(state, now)];
  const calls: RecordedCall[] = [];
  const faults: Fault[] = [];

  const server = createServer((req, res) => {
    void readBody(req).then((text) => {
      const request = toFakeRequest(req, text);
      const fault = takeFault(faults, `${request.method} ${request.path}`);
      if (fault !== null && 'network' in fault) {
        calls.push({ ...request, status: 0 });
        req.socket.destroy();
        return;
      }
      const response = fault ?? dispatch(routes, state, request, now());
      calls.push({ ...request, status: response.status });
      send(res, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    calls,
    seed: createSeeder(state, now),
    faults: {
      failNext(pattern, response, times = 1) {
        faults.push({ pattern, response, remaining: times });
      },
    },
    expireAccessTokens(token) {
      for (const [key, issued] of state.accessTokens) if (token === undefined || key === token) issued.expiresAt = 0;
    },
    revokeRefreshToken(token) {
      state.refreshTokens.set(token, { revoked: true });
    },
    issueAccessToken() {
      state.counters.token += 1;
      const token = `ya29.preset-${state.counters.token}`;
      state.accessTokens.set(token, { expiresAt: now() + 3_600_000, issuedFor: 'preset' });
      return token;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function dispatch(routes: RouteTable[], state: FakeGoogleState, request: FakeRequest, now: number): FakeResponse {
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (match === null || route.method !== request.method) continue;
    if (request.path !== '/token' && !isAuthorized(state, request, now)) return unauthenticated();
    return route.handle(request, match);
  }
  return notFound();
}

function isAuthorized(state: FakeGoogleState, request: FakeRequest, now: number): boolean {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  const issued = match === null ? undefined : state.accessTokens.get(match[1]!);
  return issued !== undefined && issued.expiresAt > now;
}

function takeFault(faults: Fault[], target: string): FaultResponse | null {
  const fault = faults.find((f) => f.remaining > 0 && (typeof f.pattern === 'string' ? target.includes(f.pattern) : f.pattern.test(target)));
  if (fault === undefined) return null;
  fault.remaining -= 1;
  return fault.response;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toFakeRequest(req: IncomingMessage, text: string): FakeRequest {
  const url = new URL(req.url ?? '/', 'http://fake');
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers[key] = value;
  const type = headers['content-type'] ?? '';
  let body: unknown = text === '' ? undefined : text;
  if (text !== '' && type.includes('application/json')) body = parseJson(text);
  if (text !== '' && type.includes('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(text));
  return { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers, body };
}

function send(res: ServerResponse, response: FakeResponse): void {
  const payload = response.body === undefined ? '' : JSON.stringify(response.body);
  res.writeHead(response.status, { 'content-type': 'application/json; charset=UTF-8', ...(response.headers ?? {}) });
  res.end(payload);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
