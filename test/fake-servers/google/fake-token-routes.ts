// The OAuth token endpoint of the fake (api-contracts.md 6.1, 6.2): the refresh-token grant and the
// JWT-bearer grant of a service account with domain-wide delegation. Issued access tokens expire;
// tests can expire them early or revoke a refresh token to drive the refresh and re-auth paths.
import { createVerify } from 'node:crypto';
import type { FakeGoogleState } from './fake-google-state.js';
import { oauthError, ok } from './google-error.js';
import { bodyObject, type FakeRequest, type FakeResponse, type RouteTable } from './fake-request.js';

const TOKEN_LIFETIME_S = 3599;
const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function issue(state: FakeGoogleState, issuedFor: string, scope: string, now: number): FakeResponse {
  state.counters.token += 1;
  const token = `ya29.fake-${state.counters.token}`;
  state.accessTokens.set(token, { expiresAt: now + TOKEN_LIFETIME_S * 1000, issuedFor });
  return ok({ access_token: token, expires_in: TOKEN_LIFETIME_S, scope, token_type: 'Bearer' });
}

function refreshGrant(state: FakeGoogleState, form: Record<string, unknown>, now: number): FakeResponse {
  const clientId = text(form.client_id);
  const known = state.oauthClients.get(clientId);
  if (state.oauthClients.size > 0 && (known === undefined || known !== form.client_secret)) {
    return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  }
  const refreshToken = text(form.refresh_token);
  const record = state.refreshTokens.get(refreshToken);
  if (record === undefined || record.revoked) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
  return issue(state, `refresh:${refreshToken}`, 'https://www.googleapis.com/auth/gmail.modify', now);
}

// The authorization-code grant (`sales-agent auth google`): a code is good once, for the redirect
// URI it was issued to, and yields a refresh token with the access token.
function codeGrant(state: FakeGoogleState, form: Record<string, unknown>, now: number): FakeResponse {
  const known = state.oauthClients.get(text(form.client_id));
  if (state.oauthClients.size > 0 && (known === undefined || known !== form.client_secret)) {
    return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  }
  const code = state.authorizationCodes.get(text(form.code));
  if (code === undefined || code.used) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
  if (code.redirectUri !== null && code.redirectUri !== form.redirect_uri) return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  code.used = true;
  state.refreshTokens.set(code.refreshToken, { revoked: false });
  const issued = issue(state, `refresh:${code.refreshToken}`, 'https://www.googleapis.com/auth/gmail.modify', now);
  return { ...issued, body: { ...(issued.body as object), refresh_token: code.refreshToken } };
}

function decodeSegment(segment: string | undefined): Record<string, unknown> | null {
  try {
    return bodyObject(JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

function jwtGrant(state: FakeGoogleState, form: Record<string, unknown>, now: number): FakeResponse {
  const parts = text(form.assertion).split('.');
  const header = decodeSegment(parts[0]);
  const claims = decodeSegment(parts[1]);
  if (parts.length !== 3 || header === null || claims === null || header.alg !== 'RS256') return oauthError(400, 'invalid_grant', 'Invalid JWT.');
  const account = state.serviceAccounts.get(String(claims.iss));
  if (account === undefined) return oauthError(401, 'invalid_client', 'The OAuth client was not found.');
  if (account.publicKey !== null) {
    const verifier = createVerify('RSA-SHA256').update(`${parts[0]}.${parts[1]}`);
    if (!verifier.verify(account.publicKey, Buffer.from(parts[2]!, 'base64url'))) return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  const exp = Number(claims.exp);
  if (!Number.isFinite(exp) || exp * 1000 < now || claims.aud !== 'https://oauth2.googleapis.com/token') {
    return oauthError(400, 'invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  const subject = typeof claims.sub === 'string' ? claims.sub : null;
  const scopes = text(claims.scope).split(' ').filter((s) => s !== '');
  if (subject !== null && account.delegatedScopes !== null && (scopes.length === 0 || scopes.some((s) => !account.delegatedScopes!.has(s)))) {
    return oauthError(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
  }
  if (subject !== null && account.subjects !== null && !account.subjects.has(subject)) return oauthError(400, 'invalid_grant', 'Invalid email or User ID');
  return issue(state, `sa:${account.email}:${subject ?? ''}`, scopes.join(' '), now);
}

function token(state: FakeGoogleState, request: FakeRequest, now: number): FakeResponse {
  const form = bodyObject(request.body);
  if (form.grant_type === 'refresh_token') return refreshGrant(state, form, now);
  if (form.grant_type === JWT_GRANT) return jwtGrant(state, form, now);
  if (form.grant_type === 'authorization_code') return codeGrant(state, form, now);
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${text(form.grant_type)}`);
}

export function tokenRoutes(state: FakeGoogleState, now: () => number): RouteTable[] {
  return [{ method: 'POST', pattern: /^\/token$/, handle: (request) => token(state, request, now()) }];
}
