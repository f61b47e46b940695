// Named prepared statements on PostgreSQL: a statement with parameters is prepared once per connection
// under a name from its text, statements without parameters (several commands, migrations) still run,
// and a connection stops preparing new ones at its cap.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { openDatabase, type Database } from './database.js';
import { MAX_PREPARED_PER_CONNECTION, preparedStatementName } from './prepared-statements.js';
import { queryRows } from './sql-rows.js';

describeWithPostgres('prepared statements on PostgreSQL', (postgresUrl) => {
  let test: TestDatabase;
  let database: Database;
  before(async () => {
    test = await openTestDatabase('postgres', { postgresUrl });
    // One connection, so every statement below meets the ones before it.
    database = await openDatabase({ databaseUrl: test.url, dataDir: '', poolSize: 1 });
  });
  after(async () => {
    await database.close();
    await test.drop();
  });

  const prepared = (): Promise<{ name: string; statement: string }[]> =>
    queryRows(
      database.db,
      sql`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE ${'sa\\_%'} ORDER BY prepare_time`,
    );

  it('prepares a statement with parameters once, under a name derived from its text', async () => {
    for (const n of [1, 2, 3]) {
      const [row] = await queryRows<{ n: number }>(database.db, sql`SELECT ${n}::int + 1 AS n`);
      assert.equal(row?.n, n + 1);
    }
    const names = (await prepared()).filter((p) => p.statement.includes('+ 1 AS n'));
    assert.deepEqual(
      names.map((p) => p.name),
      [preparedStatementName('SELECT $1::int + 1 AS n')],
    );
  });

  it('runs a text of several commands without parameters as before, unprepared', async () => {
    const before = (await prepared()).length;
    await database.db.execute(
      sql.raw('CREATE TEMP TABLE several (n int); INSERT INTO several VALUES (1), (2)'),
    );
    const [row] = await queryRows<{ total: number }>(
      database.db,
      sql.raw('SELECT sum(n)::int AS total FROM several'),
    );
    assert.equal(row?.total, 3);
    assert.equal((await prepared()).length, before);
  });

  it(`prepares at most ${MAX_PREPARED_PER_CONNECTION} statements per connection and runs the rest unnamed`, async () => {
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 5; i++) {
      const [row] = await queryRows<{ v: string }>(
        database.db,
        sql`SELECT ${String(i)}::text AS v, ${sql.raw(String(i))} AS distinct_text`,
      );
      assert.equal(row?.v, String(i));
    }
    const count = (await prepared()).length;
    assert.equal(count, MAX_PREPARED_PER_CONNECTION);
  });
});
