// A local fake of the HubSpot API on 127.0.0.1 (a free port), faithful to api-contracts.md §1:
// paths, status codes, envelopes, search semantics, error bodies, bearer auth, rate limits. It
// records every request. Tests point the adapter's baseUrl at `url`.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from './faults.js';
import { HubspotHttpError, hubspotErrorBodies, sendJson } from './responses.js';
import type { Route } from './route.js';
import { objectRoutes } from './routes-objects.js';
import { otherRoutes } from './routes-other.js';
import type { FakeHubspotSeed, SeededIds } from './seed.js';
import { seedState } from './seed.js';
import type { ObjectType } from './state.js';
import { FakeHubspotState } from './state.js';

export { hubspotErrorBodies } from './responses.js';
export { IDEMPOTENCY_PROPERTY } from './state.js';
export type { FakeHubspotSeed } from './seed.js';

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Arrival time, ms since the epoch. */
  at: number;
  status: number;
}

export interface FakeHubspotOptions {
  accessToken?: string;
  /** Burst limit enforced from the start (HubSpot free/starter: 100 per 10,000 ms). */
  rateLimit?: { limit: number; intervalMs: number };
  searchRateLimit?: { limit: number; intervalMs: number };
  /** New and updated records show up in search this many ms later, as in HubSpot. */
  searchIndexLagMs?: number;
  /** Custom properties the portal defines (default: the idempotency key on tasks and notes). */
  customProperties?: Partial<Record<ObjectType, string[]>>;
  seed?: FakeHubspotSeed;
}

export interface FakeHubspot {
  url: string;
  accessToken: string;
  calls: RecordedCall[];
  state: FakeHubspotState;
  faults: Faults;
  seed(seed: FakeHubspotSeed): SeededIds;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...objectRoutes, ...otherRoutes];

export async function startFakeHubspot(options: FakeHubspotOptions = {}): Promise<FakeHubspot> {
  const accessToken = options.accessToken ?? 'pat-na1-fake-token';
  const state = new FakeHubspotState({
    now: Date.now,
    ...(options.customProperties ? { customProperties: options.customProperties } : {}),
    ...(options.searchIndexLagMs === undefined ? {} : { searchIndexLagMs: options.searchIndexLagMs }),
  });
  const faults = new Faults();
  faults.rateLimit = options.rateLimit ?? null;
  faults.searchRateLimit = options.searchRateLimit ?? null;
  const calls: RecordedCall[] = [];
  if (options.seed) seedState(state, options.seed);

  const server = createServer((req, res) => {
    handle(req, res, { state, faults, calls, accessToken }).catch((error: unknown) => {
      sendJson(res, 500, { status: 'error', message: `fake HubSpot crashed: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accessToken,
    calls,
    state,
    faults,
    seed: (seed) => seedState(state, seed),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

interface Deps {
  state: FakeHubspotState;
  faults: Faults;
  calls: RecordedCall[];
  accessToken: string;
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: Deps): Promise<void> {
  const at = Date.now();
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = (req.method ?? 'GET').toUpperCase();
  const body = await readJson(req);
  const call: RecordedCall = {
    method,
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    body,
    at,
    status: 0,
  };
  deps.calls.push(call);
  const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
    call.status = status;
    sendJson(res, status, payload, headers);
  };

  const delay = deps.faults.takeDelay(method, url.pathname);
  if (delay !== undefined) await new Promise((resolve) => setTimeout(resolve, delay));
  const injected = deps.faults.takeFailure(method, url.pathname);
  if (injected) return reply(injected.status, injected.body, injected.headers);
  if (body === INVALID_JSON) return reply(400, hubspotErrorBodies.validation('Invalid input JSON on line 1'));
  if (req.headers.authorization !== `Bearer ${deps.accessToken}`)
    return reply(401, hubspotErrorBodies.unauthorized());

  const match = findRoute(method, url.pathname);
  if (!match) return reply(404, { status: 'error', message: `No route for ${method} ${url.pathname}` });
  // Counted when handled (after the body arrived), so the window sees requests in handling order.
  const admittedAt = Date.now();
  const limited = deps.faults.admit(admittedAt, match.route.isSearch === true);
  if (limited) return reply(limited.status, limited.body, limited.headers);
  const headers = match.route.isSearch === true ? {} : deps.faults.headers(admittedAt);
  try {
    const result = match.route.handle({
      params: match.params,
      query: url.searchParams,
      body,
      state: deps.state,
    });
    return reply(result.status, result.body, headers);
  } catch (error) {
    if (error instanceof HubspotHttpError)
      return reply(error.status, error.body, { ...headers, ...error.headers });
    throw error;
  }
}

function findRoute(method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(path);
    if (found) return { route, params: found.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}

const INVALID_JSON = Symbol('invalid json');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}
