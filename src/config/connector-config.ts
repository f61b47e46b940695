// The configuration slices of the live connectors (Google, the OpenAI-compatible model, secrets at
// rest, client-side rate limits). Shapes and cross-field rules only; config.ts reads the environment.
import { z } from 'zod';

/** Google's token endpoint; tests and proxies point GOOGLE_OAUTH_TOKEN_URL elsewhere. */
export const DEFAULT_GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';

const positiveInt = z.coerce.number().int().min(1);

/** googleapis keeps only the origin of a root URL (api-contracts.md 2.1), so a path is a mistake. */
const originOnlyUrl = z.url().refine(
  (value) => {
    const url = new URL(value);
    return (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '';
  },
  { message: 'give an origin only, e.g. http://127.0.0.1:4100 (googleapis drops any path)' },
);

/** A service-account key as Google issues it; only the fields the JWT grant needs are checked. */
export const ServiceAccountKeySchema = z.looseObject({
  client_email: z.email(),
  private_key: z.string().includes('PRIVATE KEY', { message: 'private_key is not a PEM key' }),
  token_uri: z.url().optional(),
});
export type ServiceAccountKey = z.infer<typeof ServiceAccountKeySchema>;

export const GoogleConfigSchema = z
  .object({
    apiRootUrl: originOnlyUrl.nullable(),
    oauthTokenUrl: z.url().default(DEFAULT_GOOGLE_TOKEN_URL),
    clientId: z.string().nullable(),
    clientSecret: z.string().nullable(),
    refreshToken: z.string().nullable(),
    serviceAccountFile: z.string().nullable(),
    serviceAccountJson: z.string().nullable(),
    delegatedUser: z.email().nullable(),
  })
  .superRefine((g, ctx) => {
    const oauth = { clientId: g.clientId, clientSecret: g.clientSecret };
    // A refresh token may also come from `auth google` (the encrypted secrets file), so only the
    // client pair must be whole here.
    for (const [key, value] of Object.entries(oauth)) {
      if (value === null && Object.values(oauth).some((v) => v !== null)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET together' });
      }
    }
    if (g.refreshToken !== null && g.clientId === null) {
      ctx.addIssue({ code: 'custom', path: ['refreshToken'], message: 'a refresh token needs GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET' });
    }
    if (g.serviceAccountFile !== null && g.serviceAccountJson !== null) {
      ctx.addIssue({ code: 'custom', path: ['serviceAccountJson'], message: 'set GOOGLE_SERVICE_ACCOUNT_FILE or GOOGLE_SERVICE_ACCOUNT_JSON, not both' });
    }
    if (g.serviceAccountJson !== null) checkServiceAccountJson(g.serviceAccountJson, ctx);
    const serviceAccount = g.serviceAccountFile !== null || g.serviceAccountJson !== null;
    if (serviceAccount && g.delegatedUser === null) {
      ctx.addIssue({ code: 'custom', path: ['delegatedUser'], message: 'a service account needs GOOGLE_DELEGATED_USER (the seller to impersonate)' });
    }
    if (!serviceAccount && g.delegatedUser !== null) {
      ctx.addIssue({ code: 'custom', path: ['delegatedUser'], message: 'GOOGLE_DELEGATED_USER only applies to a service account' });
    }
  });
export type GoogleConfig = z.infer<typeof GoogleConfigSchema>;

function checkServiceAccountJson(text: string, ctx: z.core.$RefinementCtx): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: 'custom', path: ['serviceAccountJson'], message: 'is not JSON (paste the key file content)' });
    return;
  }
  const key = ServiceAccountKeySchema.safeParse(parsed);
  if (!key.success) {
    const fields = key.error.issues.map((i) => i.path.join('.')).join(', ');
    ctx.addIssue({ code: 'custom', path: ['serviceAccountJson'], message: `is not a service-account key (bad: ${fields})` });
  }
}

export const LlmConfigSchema = z.object({
  baseUrl: z.url().default(DEFAULT_OPENAI_BASE_URL),
  apiKey: z.string().nullable(),
  model: z.string().min(1).default(DEFAULT_OPENAI_MODEL),
  timeoutMs: positiveInt.min(1000).default(60_000),
});
export type LlmConfig = z.infer<typeof LlmConfigSchema>;

/** 32 bytes, as 64 hex characters or base64 (`openssl rand -base64 32`). */
export const SecretsConfigSchema = z.object({
  encryptionKey: z
    .string()
    .refine((value) => decodeEncryptionKey(value) !== null, {
      message: 'must be 32 bytes as 64 hex characters or base64 (openssl rand -base64 32)',
    })
    .nullable(),
  /** Where `auth google` keeps the encrypted refresh token; defaults to <DATA_DIR>/secrets.json. */
  file: z.string().min(1).nullable(),
});
export type SecretsConfig = z.infer<typeof SecretsConfigSchema>;

export function decodeEncryptionKey(value: string): Buffer | null {
  const text = value.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === 32 ? bytes : null;
}

export const RateLimitConfigSchema = z.object({
  /** HubSpot's burst limit per app: 100 per 10 s (Free/Starter), 190 (Pro/Enterprise). */
  hubspotPer10s: positiveInt.default(100),
  /** HubSpot's CRM search limit, about 5 per second. */
  hubspotSearchPerSecond: positiveInt.default(5),
  /** Gmail's per-mailbox quota, 250 units per second (15,000 per minute). */
  gmailUnitsPerSecond: positiveInt.min(10).default(250),
  /** Calendar: 600 requests per minute per user. */
  calendarPerMinute: positiveInt.default(600),
  /** Drive: requests per minute per tenant; Google counts 12,000 queries per minute per user. */
  drivePerMinute: positiveInt.default(1000),
});
export type RateLimitConfig = z.infer<typeof RateLimitConfigSchema>;
