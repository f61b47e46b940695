// Which backing services the end-to-end tests can use, read from the environment in this one place:
// PostgreSQL (TEST_DATABASE_URL / DATABASE_URL) and Redis (TEST_REDIS_URL / REDIS_URL), and whether
// this is CI, where a missing service fails the suite instead of skipping it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTestEnv } from '../../src/testing/test-env.js';

export interface BackingServices {
  postgresUrl: string;
  redisUrl: string;
}

export function readRedisUrl(): string | null {
  const url = (process.env['TEST_REDIS_URL'] ?? process.env['REDIS_URL'] ?? '').trim();
  return url === '' ? null : url;
}

/**
 * Runs `body` when PostgreSQL and Redis are configured; otherwise skips the group visibly, or, with
 * CI=true, fails it loudly so a missing service never turns into a quietly green run.
 */
export function describeWithPostgresAndRedis(name: string, body: (services: BackingServices) => void): void {
  const { postgresUrl, isCi } = readTestEnv();
  const redisUrl = readRedisUrl();
  const missing = [
    postgresUrl === null ? 'PostgreSQL (TEST_DATABASE_URL or DATABASE_URL)' : null,
    redisUrl === null ? 'Redis (TEST_REDIS_URL or REDIS_URL)' : null,
  ].filter((m): m is string => m !== null);
  if (postgresUrl !== null && redisUrl !== null) {
    describe(name, () => body({ postgresUrl, redisUrl }));
  } else if (isCi) {
    describe(name, () => {
      it('has PostgreSQL and Redis to test against', () =>
        assert.fail(`CI requires ${missing.join(' and ')}`));
    });
  } else {
    describe(
      name,
      { skip: `end-to-end tests skipped: set ${missing.join(' and ')} to run them` },
      () => undefined,
    );
  }
}

/** The same Redis server, another logical database: a flush there touches nothing else. */
export function redisUrlWithDb(baseUrl: string, db: number): string {
  const url = new URL(baseUrl);
  url.pathname = `/${db}`;
  return url.toString();
}
