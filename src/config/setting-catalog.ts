// The connector settings `check-secrets` reports on, grouped by the system they configure, and the
// one way a secret is shown: a redacted preview. It does not validate; loadConfig does.
import { SECRET_ENV_NAMES } from './config.js';

export type SystemName = 'hubspot' | 'google' | 'openai' | 'secrets' | 'rate-limits';

export interface SettingInfo {
  name: string;
  system: SystemName;
  /** The value is never printed, only a redacted preview. */
  secret: boolean;
  /** Shown when the variable is unset and a default applies. */
  defaultValue: string | null;
}

const s = (name: string, system: SystemName, defaultValue: string | null = null): SettingInfo => ({
  name,
  system,
  secret: (SECRET_ENV_NAMES as readonly string[]).includes(name),
  defaultValue,
});

export const CONNECTOR_SETTINGS: readonly SettingInfo[] = [
  s('HUBSPOT_ACCESS_TOKEN', 'hubspot'),
  s('HUBSPOT_API_BASE_URL', 'hubspot', 'https://api.hubapi.com'),
  s('HUBSPOT_CLIENT_SECRET', 'hubspot'),
  s('HUBSPOT_PORTAL_ID', 'hubspot'),
  s('HUBSPOT_FORM_IDS', 'hubspot'),
  s('GOOGLE_API_ROOT_URL', 'google', 'each API’s own (https://gmail.googleapis.com/ …)'),
  s('GOOGLE_OAUTH_TOKEN_URL', 'google', 'https://oauth2.googleapis.com/token'),
  s('GOOGLE_CLIENT_ID', 'google'),
  s('GOOGLE_CLIENT_SECRET', 'google'),
  s('GOOGLE_REFRESH_TOKEN', 'google'),
  s('GOOGLE_SERVICE_ACCOUNT_FILE', 'google'),
  s('GOOGLE_SERVICE_ACCOUNT_JSON', 'google'),
  s('GOOGLE_DELEGATED_USER', 'google'),
  s('OPENAI_BASE_URL', 'openai', 'https://api.openai.com/v1'),
  s('OPENAI_API_KEY', 'openai'),
  s('OPENAI_MODEL', 'openai', 'gpt-4o-mini'),
  s('SECRETS_ENCRYPTION_KEY', 'secrets'),
  s('SECRETS_FILE', 'secrets', '<DATA_DIR>/secrets.json'),
  s('REDIS_URL', 'rate-limits', 'none: limits per process'),
  s('HUBSPOT_RATE_LIMIT_PER_10S', 'rate-limits', '100'),
  s('HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND', 'rate-limits', '5'),
  s('GMAIL_QUOTA_UNITS_PER_SECOND', 'rate-limits', '250'),
  s('CALENDAR_RATE_LIMIT_PER_MINUTE', 'rate-limits', '600'),
  s('DRIVE_RATE_LIMIT_PER_MINUTE', 'rate-limits', '1000'),
];

/**
 * Enough to tell two secrets apart, never enough to use one: a prefix up to its first separator
 * (`pat-`, `sk-`, `1//`) and the last four characters. Short values show only their length.
 */
export function redactSecret(value: string): string {
  const text = value.trim();
  if (text.length < 12) return `(${text.length} characters)`;
  const prefix = /^[A-Za-z0-9]{1,4}[-_/]{1,2}/.exec(text)?.[0] ?? '';
  return `${prefix}…${text.slice(-4)}`;
}

/** A URL without its credentials (redis://user:pass@host → redis://***@host). */
export function redactUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.username === '' && url.password === '') return value;
    return `${url.protocol}//***@${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return redactSecret(value);
  }
}
