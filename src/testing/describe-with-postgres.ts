// Wraps a PostgreSQL test group: runs it when a URL is set, skips it visibly when not, and fails it
// loudly in CI, where a missing database must never turn into a quietly green run.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CI_NEEDS_POSTGRES, POSTGRES_SKIPPED, readTestEnv } from './test-env.js';

export function describeWithPostgres(name: string, body: (postgresUrl: string) => void): void {
  const env = readTestEnv();
  if (env.postgresUrl !== null) {
    const url = env.postgresUrl;
    describe(name, () => body(url));
  } else if (env.isCi) {
    describe(name, () => {
      it('has a PostgreSQL database to test against', () => assert.fail(CI_NEEDS_POSTGRES));
    });
  } else {
    describe(name, { skip: POSTGRES_SKIPPED }, () => undefined);
  }
}
