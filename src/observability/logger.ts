// The service's structured logger (pino). Secrets are redacted by path, whatever logs them.
import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hubspot-signature"]',
  'req.headers["x-hubspot-signature-v3"]',
  '*.accessToken',
  '*.clientSecret',
  '*.refreshToken',
  '*.apiKey',
  '*.password',
  '*.databaseUrl',
  '*.redisUrl',
  '*.serviceAccountJson',
  '*.encryptionKey',
  '*.private_key',
  '*.clientSecretValue',
];

export function createLogger(options: { level: string; name?: string }): Logger {
  return pino({ name: options.name ?? 'sales-agent', level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}
