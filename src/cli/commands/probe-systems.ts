// One cheap read per configured system, for `check-secrets`: HubSpot contacts search (limit 1), a
// Google token refresh then Gmail labels.list, Drive files.list (pageSize 1) and the Calendar
// time-zone setting, and the model list of the OpenAI-compatible endpoint. Reads only; no retries.
import { drive } from '@googleapis/drive';
import { createCalendarClient } from '../../connectors/calendar/client.js';
import { createGmailClient } from '../../connectors/gmail/client.js';
import type { GoogleAuthClient } from '../../connectors/google-auth/index.js';
import { classifyGoogleError, createGoogleAuth, createGoogleCallRunner, unlimitedRateLimiter } from '../../connectors/google-auth/index.js';
import { createOpenAiLlm } from '../../connectors/llm/index.js';
import { classifyHttpError, classifyNetworkError } from '../../connectors/shared/classify-http-error.js';
import { withTimeout } from '../../connectors/shared/with-timeout.js';
import { toAppError } from '../../domain/errors.js';
import type { GoogleCredentials, HubspotCredentials, LiveCredentials, LlmCredentials } from '../live-credentials.js';

export type ProbedSystem = 'hubspot' | 'google-oauth' | 'gmail' | 'drive' | 'calendar' | 'openai';

export interface ProbeResult {
  system: ProbedSystem;
  status: 'ok' | 'failed' | 'skipped' | 'not configured';
  /** What was called. */
  probe: string;
  /** What it answered (ok), or why it was skipped / what failed. */
  detail: string;
  error: { code: string; message: string } | null;
}

const TIMEOUT_MS = 10_000;
const TENANT = 'check-secrets';

type Outcome = { ok: true; detail: string } | { ok: false; error: { code: string; message: string } };

async function attempt(fn: () => Promise<string>): Promise<Outcome> {
  try {
    return { ok: true, detail: await fn() };
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}

function result(system: ProbedSystem, probe: string, outcome: Outcome): ProbeResult {
  return outcome.ok
    ? { system, status: 'ok', probe, detail: outcome.detail, error: null }
    : { system, status: 'failed', probe, detail: outcome.error.message, error: outcome.error };
}

export async function probeSystems(credentials: LiveCredentials): Promise<ProbeResult[]> {
  const results = await Promise.all([
    credentials.hubspot === null ? Promise.resolve([notConfigured('hubspot', 'HUBSPOT_ACCESS_TOKEN')]) : probeHubspot(credentials.hubspot).then((r) => [r]),
    credentials.google === null ? Promise.resolve(googleNotConfigured()) : probeGoogle(credentials.google),
    credentials.llm === null ? Promise.resolve([notConfigured('openai', 'OPENAI_API_KEY')]) : probeOpenAi(credentials.llm).then((r) => [r]),
  ]);
  return results.flat();
}

function notConfigured(system: ProbedSystem, needs: string): ProbeResult {
  const instead = system === 'openai' ? 'the deterministic writer writes the drafts' : 'the demo workspace stands in';
  return { system, status: 'not configured', probe: '', detail: `no ${needs}: ${instead}`, error: null };
}

function googleNotConfigured(): ProbeResult[] {
  const needs = 'Google credentials (GOOGLE_CLIENT_ID + refresh token, or a service account)';
  return (['google-oauth', 'gmail', 'drive', 'calendar'] as const).map((system) => notConfigured(system, needs));
}

async function probeHubspot(hubspot: HubspotCredentials): Promise<ProbeResult> {
  const site = { system: 'HubSpot', operation: 'contacts.search' };
  const outcome = await attempt(async () => {
    let response: Response;
    try {
      response = await fetch(`${hubspot.baseUrl.replace(/\/+$/, '')}/crm/v3/objects/contacts/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hubspot.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ limit: 1, properties: ['email'] }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw classifyNetworkError(error, site);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw classifyHttpError({ ...site, status: response.status, body, headers: response.headers });
    const total = (body as { total?: unknown } | null)?.total;
    return `HTTP ${response.status}, ${typeof total === 'number' ? total : '?'} contacts`;
  });
  return result('hubspot', 'POST /crm/v3/objects/contacts/search (limit 1)', outcome);
}

async function probeGoogle(google: GoogleCredentials): Promise<ProbeResult[]> {
  let auth: GoogleAuthClient;
  try {
    auth = createGoogleAuth(google.auth);
  } catch (error) {
    const e = toAppError(error);
    return [result('google-oauth', 'build the auth client', { ok: false, error: { code: e.code, message: e.message } })];
  }
  const token = await attempt(async () => {
    try {
      await withTimeout(auth.getAccessToken(), TIMEOUT_MS, 'Google token refresh');
    } catch (error) {
      throw classifyGoogleError(error, { system: 'Google OAuth', operation: 'token refresh' }, Date.now());
    }
    return `access token issued (${google.source})`;
  });
  const tokenResult = result('google-oauth', `POST ${google.auth.tokenUrl ?? 'Google token endpoint'} (refresh)`, token);
  if (!token.ok) {
    const skipped = (system: ProbedSystem): ProbeResult => ({ system, status: 'skipped', probe: '', detail: 'no access token', error: null });
    return [tokenResult, skipped('gmail'), skipped('drive'), skipped('calendar')];
  }
  return [tokenResult, ...(await probeGoogleApis(auth, google.rootUrl ?? undefined))];
}

async function probeGoogleApis(auth: GoogleAuthClient, rootUrl: string | undefined): Promise<ProbeResult[]> {
  const runner = (system: 'Gmail' | 'Drive' | 'Calendar') =>
    createGoogleCallRunner({ system, limiter: unlimitedRateLimiter, limiterKey: `probe:${system}`, tenantId: TENANT });
  const base = { auth, timeoutMs: TIMEOUT_MS, ...(rootUrl === undefined ? {} : { rootUrl }) };
  const gmail = createGmailClient({ ...base, userId: 'me', runner: runner('Gmail') });
  const calendar = createCalendarClient({ ...base, runner: runner('Calendar') });
  const driveApi = drive({ version: 'v3', auth, retry: false, timeout: TIMEOUT_MS, ...(rootUrl === undefined ? {} : { rootUrl: `${rootUrl.replace(/\/+$/, '')}/` }) });
  const [labels, files, zone] = await Promise.all([
    attempt(async () => `${(await gmail.listLabels()).length} labels`),
    attempt(() =>
      runner('Drive').run('files.list', undefined, async () => {
        const list = await driveApi.files.list({ pageSize: 1, fields: 'files(id)', spaces: 'drive' });
        return `HTTP ${list.status}, ${list.data.files?.length ?? 0} file(s) on the first page`;
      }),
    ),
    attempt(async () => `time zone ${(await calendar.getSetting('timezone')).value}`),
  ]);
  return [
    result('gmail', 'GET gmail/v1/users/me/labels', labels),
    result('drive', 'GET drive/v3/files?pageSize=1', files),
    result('calendar', 'GET calendar/v3/users/me/settings/timezone', zone),
  ];
}

async function probeOpenAi(llm: LlmCredentials): Promise<ProbeResult> {
  const client = createOpenAiLlm({ ...llm, tenantId: TENANT, timeoutMs: Math.min(llm.timeoutMs, TIMEOUT_MS) });
  const outcome = await attempt(async () => {
    const models = await client.listModels();
    const listed = models.includes(llm.model) ? `${llm.model} listed` : `${llm.model} not in the list (some compatible servers do not list every model)`;
    return `${models.length} models; ${listed}`;
  });
  return result('openai', `GET ${llm.baseUrl.replace(/\/+$/, '')}/models`, outcome);
}
