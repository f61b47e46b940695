// `sales-agent auth google [--code <code>] [--redirect-uri <uri>]`: connects the seller's Google
// account. Prints the consent URL (offline access, consent forced so Google returns a refresh
// token, the adapters' scopes), takes the code (or the whole redirect URL) from --code or stdin,
// exchanges it at GOOGLE_OAUTH_TOKEN_URL, and stores the refresh token encrypted (AES-256-GCM,
// SECRETS_ENCRYPTION_KEY) in the secrets file. It never prints the token.
import { createInterface } from 'node:readline/promises';
import { OAuth2Client } from 'google-auth-library';
import { getSecretsFilePath, loadConfig } from '../../config/config.js';
import { decodeEncryptionKey } from '../../config/connector-config.js';
import { redactSecret } from '../../config/setting-catalog.js';
import { classifyGoogleError } from '../../connectors/google-auth/index.js';
import { ALL_GOOGLE_SCOPES } from '../live-credentials.js';
import { GOOGLE_REFRESH_TOKEN_SECRET, writeSecret } from '../secrets-file.js';
import type { CommandIo } from './run-command.js';

/** A loopback redirect: the browser shows an error page after consent, and its address holds the code. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8085/oauth2/callback';

export interface AuthGoogleOptions {
  code?: string;
  redirectUri?: string;
  /** Reads the pasted code; defaults to one line of stdin. */
  readCode?: () => Promise<string>;
}

export async function authGoogleCommand(options: AuthGoogleOptions, io: CommandIo, env: Record<string, string | undefined> = process.env): Promise<number> {
  const fail = (message: string, code = 2): number => {
    io.stderr(`error: ${message}\n`);
    return code;
  };
  const loaded = loadConfig(env);
  if (!loaded.ok) return fail(`the configuration is invalid:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}`);
  const { config } = loaded;
  const { clientId, clientSecret, oauthTokenUrl } = config.google;
  if (clientId === null || clientSecret === null) return fail('set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (an OAuth client of type "Desktop app" or "Web application")');
  // Checked before the exchange: a consent code works once, so failing after it would waste it.
  const key = config.secrets.encryptionKey === null ? null : decodeEncryptionKey(config.secrets.encryptionKey);
  if (key === null) return fail('set SECRETS_ENCRYPTION_KEY (32 bytes, e.g. `openssl rand -base64 32`): the refresh token is stored encrypted with it');

  const redirectUri = options.redirectUri ?? DEFAULT_REDIRECT_URI;
  const client = new OAuth2Client({ clientId, clientSecret, redirectUri, endpoints: { oauth2TokenUrl: oauthTokenUrl } });
  const url = client.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: ALL_GOOGLE_SCOPES });
  io.stdout(`Open this URL, sign in as the seller and allow access:\n\n${url}\n\nGoogle then redirects to ${redirectUri}?code=... (the page may not load); paste that address or its code.\n`);
  const pasted = options.code ?? (await (options.readCode ?? readLineFromStdin)());
  const code = extractCode(pasted);
  if (code === null) return fail('no authorization code given');

  let refreshToken: string | null | undefined;
  try {
    const { tokens } = await client.getToken({ code, redirect_uri: redirectUri });
    refreshToken = tokens.refresh_token;
  } catch (error) {
    return fail(`the code exchange failed: ${classifyGoogleError(error, { system: 'Google OAuth', operation: 'authorization_code' }, Date.now()).message}`, 1);
  }
  if (!refreshToken) {
    return fail('Google returned no refresh token: remove the app at https://myaccount.google.com/permissions and run `auth google` again', 1);
  }
  const path = getSecretsFilePath(config);
  await writeSecret(path, key, GOOGLE_REFRESH_TOKEN_SECRET, refreshToken, new Date().toISOString());
  const shadowed = config.google.refreshToken === null ? '' : '\nNote: GOOGLE_REFRESH_TOKEN is set and takes precedence over the stored token; unset it to use this one.';
  io.stdout(`Stored the Google refresh token (${redactSecret(refreshToken)}) encrypted in ${path}.${shadowed}\nCheck it with: sales-agent check-secrets\n`);
  return 0;
}

/** The code itself, or the `code` parameter of a pasted redirect URL. */
export function extractCode(pasted: string): string | null {
  const text = pasted.trim();
  if (text === '') return null;
  if (/^https?:\/\//i.test(text)) {
    try {
      return new URL(text).searchParams.get('code');
    } catch {
      return null;
    }
  }
  return text;
}

async function readLineFromStdin(): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question('Code: ');
  } finally {
    rl.close();
  }
}
