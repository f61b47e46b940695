// What the test helpers read from the environment: the PostgreSQL URL to create test databases under,
// and whether this is CI (where skipping the PostgreSQL tests is a failure, not a convenience).
// Test support is configuration-free otherwise; this is the one place it reads process.env.

export interface TestEnv {
  postgresUrl: string | null;
  isCi: boolean;
}

export function readTestEnv(): TestEnv {
  const env = process.env;
  const url = env['TEST_DATABASE_URL'] ?? env['DATABASE_URL'] ?? '';
  return { postgresUrl: url.trim() === '' ? null : url.trim(), isCi: env['CI'] === 'true' };
}

export const CI_NEEDS_POSTGRES = 'CI requires PostgreSQL: set DATABASE_URL (or TEST_DATABASE_URL)';
export const POSTGRES_SKIPPED = 'PostgreSQL tests skipped: set TEST_DATABASE_URL or DATABASE_URL to run them';
