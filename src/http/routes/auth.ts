// Sign-in for the dashboard: the session state, login, logout, and the first-admin setup that only
// exists while there are no users and only for a browser on this machine. Outside the /api auth hook.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../../services/auth-service.js';
import { tokensMatch } from '../../services/auth-service.js';
import { clearSessionCookies, CSRF_HEADER, readCookie, SESSION_COOKIE, setSessionCookies } from '../auth/session-cookie.js';
import { describeProblems, sendError } from '../http-error.js';
import { errorResponses } from '../schemas/common.js';
import { LoginBodySchema, SessionStateSchema, SetupBodySchema } from '../schemas/dashboard.js';
import type { DashboardRouteContext } from './dashboard-deps.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** A direct connection from this machine; anything relayed by a proxy does not count. */
export function isLoopbackRequest(request: FastifyRequest): boolean {
  const relayed = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !relayed && LOOPBACK.has(request.socket.remoteAddress ?? '');
}

function view(principal: Principal | null) {
  return principal === null ? null : { kind: principal.kind, label: principal.label, role: principal.role, actor: principal.actor };
}

export const authRoutes: FastifyPluginCallbackZod<DashboardRouteContext> = (app, ctx, done) => {
  const { auth, httpAuth } = ctx.dashboard;
  const tenantId = ctx.config.defaultTenantId;
  const tags = ['auth'];

  app.get('/auth/session', {
    schema: { tags, summary: 'Who is signed in (from the session cookie), the CSRF token, and whether first-admin setup is open', response: { 200: SessionStateSchema, ...errorResponses(500) } },
    handler: async (request) => {
      const principal = await httpAuth.readSession(request);
      const setupRequired = principal === null && isLoopbackRequest(request) && (await auth.countUsers()) === 0;
      return { principal: view(principal), csrfToken: principal?.csrfToken ?? null, setupRequired };
    },
  });

  app.post('/auth/login', {
    schema: { tags, summary: 'Sign in with email and password; sets the HTTP-only session cookie and the CSRF cookie', body: LoginBodySchema, response: { 200: SessionStateSchema, ...errorResponses(401, 422, 500) } },
    handler: async (request, reply) => {
      const outcome = await auth.signIn(request.body.email, request.body.password);
      if (!outcome.ok) return sendError(request, reply, 'unauthorized', 'the email or password is wrong');
      setSessionCookies(request, reply, outcome, ctx.clock());
      return { principal: view(outcome.principal), csrfToken: outcome.csrfToken, setupRequired: false };
    },
  });

  app.post('/auth/logout', {
    schema: { tags, summary: 'End the session (needs x-csrf-token) and clear the cookies', response: { 204: z.null(), ...errorResponses(403, 500) } },
    handler: async (request, reply) => {
      const token = readCookie(request, SESSION_COOKIE);
      const principal = await httpAuth.readSession(request);
      if (token !== null && principal !== null) {
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || principal.csrfToken === null || !tokensMatch(sent, principal.csrfToken))
          return sendError(request, reply, 'forbidden', `missing or wrong ${CSRF_HEADER} header`);
        await auth.signOut(token);
      }
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  });

  app.post('/auth/setup', {
    schema: {
      tags,
      summary: 'Create the first admin (only while no user exists, only from this machine) and sign in',
      body: SetupBodySchema,
      response: { 200: SessionStateSchema, ...errorResponses(403, 409, 422, 500) },
    },
    handler: async (request, reply) => {
      if (!isLoopbackRequest(request))
        return sendError(request, reply, 'forbidden', 'first-admin setup is only available from this machine; use `npx sales-agent users add`');
      const created = await auth.setupFirstAdmin({ tenantId, email: request.body.email, password: request.body.password });
      if (!created.ok) {
        const taken = created.problems.some((p) => p.field === '');
        if (taken) return sendError(request, reply, 'conflict', 'the first admin already exists; sign in instead');
        return sendError(request, reply, 'validation', `the account is invalid: ${describeProblems(created.problems)}`, { problems: created.problems });
      }
      const session = await auth.signIn(request.body.email, request.body.password);
      if (!session.ok) return sendError(request, reply, 'internal', 'the admin was created but signing in failed; sign in again', { status: 500 });
      setSessionCookies(request, reply, session, ctx.clock());
      return { principal: view(session.principal), csrfToken: session.csrfToken, setupRequired: false };
    },
  });
  done();
};
