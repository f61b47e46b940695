// The /api authentication hook: a session cookie (with the CSRF header on writes) or an API key in
// Authorization: Bearer, then the role check. The principal is kept per request for resolveActor.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService, Principal } from '../../services/auth-service.js';
import { tokensMatch } from '../../services/auth-service.js';
import type { Actor } from '../../services/service-types.js';
import { sendError } from '../http-error.js';
import { hasRole, isSafeMethod, requiredRole } from './access-policy.js';
import { CSRF_HEADER, readCookie, SESSION_COOKIE } from './session-cookie.js';

export interface HttpAuth {
  authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  resolveActor: (request: FastifyRequest) => Actor;
  /** The principal the hook admitted, or null outside /api. */
  principalOf: (request: FastifyRequest) => Principal | null;
  /** The principal of a session cookie, for routes outside the hook (sign-in state). */
  readSession: (request: FastifyRequest) => Promise<Principal | null>;
}

export function createHttpAuth(auth: AuthService): HttpAuth {
  const principals = new WeakMap<FastifyRequest, Principal>();

  async function identify(request: FastifyRequest): Promise<{ principal: Principal | null; viaKey: boolean; presented: boolean }> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      return { principal: match?.[1] ? await auth.authenticateApiKey(match[1]) : null, viaKey: true, presented: true };
    }
    const token = readCookie(request, SESSION_COOKIE);
    return { principal: token === null ? null : await auth.authenticateSession(token), viaKey: false, presented: token !== null };
  }

  return {
    async authenticate(request, reply) {
      const { principal, viaKey, presented } = await identify(request);
      if (principal === null) {
        const message = !presented
          ? 'sign in, or send an API key as Authorization: Bearer <key>'
          : viaKey ? 'the API key is not valid (unknown or revoked)' : 'the session has expired; sign in again';
        return void sendError(request, reply, 'unauthorized', message);
      }
      if (principal.kind === 'user' && !isSafeMethod(request.method)) {
        const header = request.headers[CSRF_HEADER];
        const sent = typeof header === 'string' ? header : '';
        if (principal.csrfToken === null || sent === '' || !tokensMatch(sent, principal.csrfToken)) {
          return void sendError(request, reply, 'forbidden', `missing or wrong ${CSRF_HEADER} header: reload the page and try again`);
        }
      }
      const routeUrl = request.routeOptions.url ?? request.url.split('?')[0] ?? '';
      const needed = requiredRole(request.method, routeUrl);
      if (!hasRole(principal.role, needed)) {
        return void sendError(request, reply, 'forbidden', `the ${principal.role} role cannot do this (${request.method} ${routeUrl} needs ${needed})`);
      }
      principals.set(request, principal);
    },
    resolveActor: (request) => principals.get(request)?.actor ?? 'system',
    principalOf: (request) => principals.get(request) ?? null,
    async readSession(request) {
      const token = readCookie(request, SESSION_COOKIE);
      return token === null ? null : auth.authenticateSession(token);
    },
  };
}
