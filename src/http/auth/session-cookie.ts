// The two cookies of a browser session: the HTTP-only session token, and the CSRF token the page
// reads and echoes in x-csrf-token (double submit). Parsing and attributes live here, nowhere else.
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'sa_session';
export const CSRF_COOKIE = 'sa_csrf';
export const CSRF_HEADER = 'x-csrf-token';

export function readCookie(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (header === undefined || header === '') return null;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at === -1 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    return value === '' ? null : safeDecode(value);
  }
  return null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

interface CookieOptions {
  path: string;
  sameSite: 'Lax' | 'Strict';
  secure: boolean;
  maxAge: number;
  httpOnly: boolean;
}

/** Our values are base64url tokens; encoding anyway keeps a surprising value from breaking the header. */
function serializeCookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${o.path}`, `Max-Age=${o.maxAge}`, `SameSite=${o.sameSite}`];
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  return parts.join('; ');
}

/** Secure when the request came over HTTPS (directly, or as a proxy in front says). */
function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

export function setSessionCookies(
  request: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; csrfToken: string; expiresAt: string },
  nowMs: number,
): void {
  const maxAge = Math.max(0, Math.floor((Date.parse(session.expiresAt) - nowMs) / 1000));
  const common = { path: '/', sameSite: 'Lax' as const, secure: isSecure(request), maxAge };
  reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true }),
    serializeCookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false }),
  ]);
}

export function clearSessionCookies(request: FastifyRequest, reply: FastifyReply): void {
  const common = { path: '/', sameSite: 'Lax' as const, secure: isSecure(request), maxAge: 0 };
  reply.header('set-cookie', [
    serializeCookie(SESSION_COOKIE, '', { ...common, httpOnly: true }),
    serializeCookie(CSRF_COOKIE, '', { ...common, httpOnly: false }),
  ]);
}
