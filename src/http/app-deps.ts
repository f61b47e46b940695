// What buildApp needs from the composition root, and what every route module receives. Identity is
// pluggable (resolveActor, authenticate) because authentication arrives in a later issue.
import type { FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Actor, Services } from '../services/service-types.js';
import type { IntakeGate } from './intake-gate.js';

export interface HttpConfig {
  /** The public URL HubSpot calls (scheme + host [+ path prefix]); the v3 signature covers it. */
  publicBaseUrl: string;
  /** HubSpot app client secret; null means webhook signatures are NOT verified (a warning at start). */
  hubspotClientSecret: string | null;
  bodyLimitBytes: number;
  /** The tenant every request acts for until authentication resolves tenants. */
  defaultTenantId: string;
  intake: { maxInFlight: number };
}

export interface BuildAppDeps {
  services: Services;
  config: HttpConfig;
  /** Epoch milliseconds; injected so signature windows are testable. */
  clock: () => number;
  /** Pino options, or false for no logging. Defaults to info level. */
  logger?: Exclude<FastifyServerOptions['logger'], true | undefined>;
  /** The built dashboard (index.html and assets); null or absent serves a placeholder page. */
  staticDir?: string | null;
  /** Who the request acts as. Never read from a header: defaults to `system` until auth exists. */
  resolveActor?: (request: FastifyRequest) => Actor;
  /** Runs before every /api handler; reject by sending a reply or throwing. A no-op by default. */
  authenticate?: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export interface RouteContext {
  services: Services;
  config: HttpConfig;
  clock: () => number;
  resolveActor: (request: FastifyRequest) => Actor;
  intakeGate: IntakeGate;
}
