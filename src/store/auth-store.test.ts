// The auth stores (memory, PGlite, PostgreSQL) against one conformance suite.
import { after, before, describe } from 'node:test';
import { runAuthStoreConformance } from '../testing/auth-store-conformance.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createPostgresAuthStore } from './auth-store.js';
import { createMemoryAuthStore } from './memory-auth-store.js';

const shared = createMemoryAuthStore();
runAuthStoreConformance('memory', () => shared, { isolatedStore: () => Promise.resolve(createMemoryAuthStore()) });

describe('auth store on PGlite', () => {
  const opened: TestDatabase[] = [];
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('pglite');
    opened.push(database);
  });
  after(() => Promise.all(opened.map((d) => d.drop())));
  runAuthStoreConformance('PGlite', () => createPostgresAuthStore(database), {
    isolatedStore: async () => {
      const fresh = await openTestDatabase('pglite');
      opened.push(fresh);
      return createPostgresAuthStore(fresh);
    },
  });
});

describeWithPostgres('auth store on PostgreSQL', (postgresUrl) => {
  const opened: TestDatabase[] = [];
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    opened.push(database);
  });
  after(() => Promise.all(opened.map((d) => d.drop())));
  runAuthStoreConformance('PostgreSQL', () => createPostgresAuthStore(database), {
    isolatedStore: async () => {
      const fresh = await openTestDatabase('postgres', { postgresUrl });
      opened.push(fresh);
      return createPostgresAuthStore(fresh);
    },
  });
});
