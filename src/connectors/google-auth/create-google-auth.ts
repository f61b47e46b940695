// Builds the auth client the googleapis packages take: a user's OAuth refresh token, or a service
// account impersonating a Workspace user (domain-wide delegation). Both refresh an access token
// the API rejects with 401 exactly once and retry the call once; they know nothing of Gmail or Drive.
import { JWT, OAuth2Client, type gaxios } from 'google-auth-library';
import { PermanentError } from '../../domain/errors.js';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** The narrowest scopes that cover what the adapters call (see README.md). */
export const GOOGLE_SCOPES = {
  gmail: ['https://www.googleapis.com/auth/gmail.modify'],
  drive: ['https://www.googleapis.com/auth/drive.metadata.readonly'],
  calendar: ['https://www.googleapis.com/auth/calendar.freebusy', 'https://www.googleapis.com/auth/calendar.settings.readonly'],
} as const;

export interface OAuthRefreshTokenAuth {
  kind: 'oauth';
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Defaults to Google's; tests point it at the fake token server. */
  tokenUrl?: string;
}

export interface ServiceAccountAuth {
  kind: 'service-account';
  credentials: { client_email: string; private_key: string; token_uri?: string };
  /** The Workspace user to impersonate. */
  subject: string;
  scopes: string[];
  tokenUrl?: string;
}

export type GoogleAuthOptions = OAuthRefreshTokenAuth | ServiceAccountAuth;

/** What the googleapis service factories accept as `auth` (JWT is an OAuth2Client). */
export type GoogleAuthClient = OAuth2Client;

export function createGoogleAuth(options: GoogleAuthOptions): GoogleAuthClient {
  if (options.kind === 'oauth') {
    const client = new OAuth2ClientRefreshingOn401({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      endpoints: { oauth2TokenUrl: options.tokenUrl ?? GOOGLE_TOKEN_URL },
    });
    client.setCredentials({ refresh_token: options.refreshToken });
    return client;
  }
  if (options.scopes.length === 0) {
    throw new PermanentError(`Google service account ${options.credentials.client_email}: domain-wide delegation needs at least one scope`);
  }
  const jwt = new JwtRefreshingOn401({
    email: options.credentials.client_email,
    key: options.credentials.private_key,
    scopes: options.scopes,
    subject: options.subject,
  });
  const tokenUrl = options.tokenUrl ?? options.credentials.token_uri ?? GOOGLE_TOKEN_URL;
  if (tokenUrl !== GOOGLE_TOKEN_URL) redirectTokenRequests(jwt, new URL(tokenUrl));
  return jwt;
}

// google-auth-library's own "refresh on 401/403" only runs when no expiry is known (or with
// forceRefreshOnFailure), and it also fires on 403 rate limits, refreshing a good token and
// replaying a rate-limited call. We switch it off (reAuthRetried = true) and refresh on 401 only.
class OAuth2ClientRefreshingOn401 extends OAuth2Client {
  protected override requestAsync<T>(opts: gaxios.GaxiosOptions, reAuthRetried = false): Promise<gaxios.GaxiosResponse<T>> {
    return refreshOnceOn401(
      this,
      reAuthRetried,
      () => super.requestAsync<T>(opts, true),
      () => this.requestAsync<T>(opts, true),
    );
  }
}

class JwtRefreshingOn401 extends JWT {
  protected override requestAsync<T>(opts: gaxios.GaxiosOptions, reAuthRetried = false): Promise<gaxios.GaxiosResponse<T>> {
    return refreshOnceOn401(
      this,
      reAuthRetried,
      () => super.requestAsync<T>(opts, true),
      () => this.requestAsync<T>(opts, true),
    );
  }
}

async function refreshOnceOn401<R>(client: OAuth2Client, retried: boolean, attempt: () => Promise<R>, retry: () => Promise<R>): Promise<R> {
  try {
    return await attempt();
  } catch (error) {
    if (retried || statusOf(error) !== 401) throw error;
    // An expiry in the past makes the next getRequestMetadata fetch a new token (for a JWT it also
    // makes gtoken skip its own cache). 0 would read as "no expiry known", hence 1.
    client.credentials = { ...client.credentials, expiry_date: 1 };
    return retry();
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const response = (error as { response?: { status?: unknown } }).response;
  return typeof response?.status === 'number' ? response.status : undefined;
}

// The JWT grant's token URL is hard-coded in gtoken (api-contracts.md 6.3); rewrite the origin of
// requests to it on this client's own transporter. API calls on the same transporter are untouched.
function redirectTokenRequests(jwt: JWT, target: URL): void {
  const defaultUrl = new URL(GOOGLE_TOKEN_URL);
  jwt.transporter.interceptors.request.add({
    resolved: (config) => {
      const url = new URL(config.url);
      if (url.origin === defaultUrl.origin && url.pathname === defaultUrl.pathname) config.url = target;
      return Promise.resolve(config);
    },
  });
}
