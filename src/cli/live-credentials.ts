// Which live systems the configuration gives credentials for, with those credentials gathered from
// the environment, the service-account key file and the encrypted secrets file of `auth google`.
// It builds no client; compose-connectors and check-secrets do.
import { readFile } from 'node:fs/promises';
import type { Config } from '../config/config.js';
import { getSecretsFilePath } from '../config/config.js';
import type { ServiceAccountKey } from '../config/connector-config.js';
import { decodeEncryptionKey, ServiceAccountKeySchema } from '../config/connector-config.js';
import type { GoogleAuthOptions } from '../connectors/google-auth/index.js';
import { GOOGLE_SCOPES } from '../connectors/google-auth/index.js';
import { GOOGLE_REFRESH_TOKEN_SECRET, readSecret } from './secrets-file.js';

export interface HubspotCredentials {
  accessToken: string;
  baseUrl: string;
}

export interface GoogleCredentials {
  auth: GoogleAuthOptions;
  /** GOOGLE_API_ROOT_URL, or null for each API's own. */
  rootUrl: string | null;
  /** How the seller is connected, for reports. */
  source: string;
}

export interface LlmCredentials {
  apiKey: string;
  baseUrl: string;
  model: string;
  timeoutMs: number;
}

export interface LiveCredentials {
  hubspot: HubspotCredentials | null;
  google: GoogleCredentials | null;
  llm: LlmCredentials | null;
  /** Settings that are there but cannot be used (an unreadable key file, a secret that does not decrypt). */
  problems: string[];
}

export const ALL_GOOGLE_SCOPES: string[] = [...GOOGLE_SCOPES.gmail, ...GOOGLE_SCOPES.drive, ...GOOGLE_SCOPES.calendar];

export async function resolveLiveCredentials(config: Config): Promise<LiveCredentials> {
  const problems: string[] = [];
  const { hubspot, llm } = config;
  const google = await resolveGoogle(config, problems);
  return {
    hubspot: hubspot.accessToken === null ? null : { accessToken: hubspot.accessToken, baseUrl: hubspot.apiBaseUrl },
    google,
    llm: llm.apiKey === null ? null : { apiKey: llm.apiKey, baseUrl: llm.baseUrl, model: llm.model, timeoutMs: llm.timeoutMs },
    problems,
  };
}

async function resolveGoogle(config: Config, problems: string[]): Promise<GoogleCredentials | null> {
  const g = config.google;
  const rootUrl = g.apiRootUrl;
  if (g.serviceAccountJson !== null || g.serviceAccountFile !== null) {
    const key = await readServiceAccountKey(g.serviceAccountJson, g.serviceAccountFile, problems);
    if (key === null || g.delegatedUser === null) return null;
    const auth: GoogleAuthOptions = {
      kind: 'service-account',
      credentials: key,
      subject: g.delegatedUser,
      scopes: ALL_GOOGLE_SCOPES,
      tokenUrl: g.oauthTokenUrl,
    };
    return { auth, rootUrl, source: `service account ${key.client_email} as ${g.delegatedUser}` };
  }
  if (g.clientId === null || g.clientSecret === null) return null;
  const stored = g.refreshToken === null ? await readStoredRefreshToken(config, problems) : null;
  const refreshToken = g.refreshToken ?? stored;
  if (refreshToken === null) {
    if (problems.length === 0) problems.push('GOOGLE_CLIENT_ID is set but there is no refresh token: run `sales-agent auth google` or set GOOGLE_REFRESH_TOKEN');
    return null;
  }
  const auth: GoogleAuthOptions = { kind: 'oauth', clientId: g.clientId, clientSecret: g.clientSecret, refreshToken, tokenUrl: g.oauthTokenUrl };
  return { auth, rootUrl, source: g.refreshToken === null ? 'OAuth (refresh token from `auth google`)' : 'OAuth (GOOGLE_REFRESH_TOKEN)' };
}

async function readServiceAccountKey(json: string | null, file: string | null, problems: string[]): Promise<ServiceAccountKey | null> {
  let text = json;
  if (text === null && file !== null) {
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      problems.push(`GOOGLE_SERVICE_ACCOUNT_FILE ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
      return null;
    }
  }
  try {
    const parsed = ServiceAccountKeySchema.safeParse(JSON.parse(text ?? ''));
    if (parsed.success) return parsed.data;
  } catch {
    // reported below
  }
  problems.push(`${json !== null ? 'GOOGLE_SERVICE_ACCOUNT_JSON' : `GOOGLE_SERVICE_ACCOUNT_FILE ${file ?? ''}`} is not a service-account key`);
  return null;
}

/** The refresh token `auth google` stored, or null (with a problem when one is there but unusable). */
export async function readStoredRefreshToken(config: Config, problems: string[]): Promise<string | null> {
  const path = getSecretsFilePath(config);
  const key = config.secrets.encryptionKey === null ? null : decodeEncryptionKey(config.secrets.encryptionKey);
  if (key === null) return null;
  const read = await readSecret(path, key, GOOGLE_REFRESH_TOKEN_SECRET);
  if (!read.ok) {
    problems.push(read.problem);
    return null;
  }
  return read.value;
}
