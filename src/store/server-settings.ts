// What an operator should know about the PostgreSQL server at start: settings the store relies on that
// the server has turned off. Warnings, never errors: the service runs, it just runs worse.
import { sql } from 'drizzle-orm';
import type { Database } from './database-handle.js';
import { queryRows } from './sql-rows.js';

/**
 * One sentence per problem. With autovacuum off, nothing analyzes the tables as they grow, so cached
 * plans (prepared statements, foreign-key checks, trigger functions) made while a table was small keep
 * scanning it (docs/decisions/0006-store-throughput.md). PGlite has no autovacuum to check.
 */
export async function findServerSettingProblems(database: Database): Promise<string[]> {
  if (database.kind !== 'postgres') return [];
  const [row] = await queryRows<{ autovacuum: string; track_counts: string }>(
    database.db,
    sql`SELECT current_setting('autovacuum') AS autovacuum, current_setting('track_counts') AS track_counts`,
  );
  const off = [row?.autovacuum, row?.track_counts].some((value) => value !== 'on');
  return off
    ? [
        'PostgreSQL runs without autovacuum (autovacuum or track_counts is off): table statistics will go stale as runs accumulate, and cached query plans with them. Turn autovacuum on, or run VACUUM ANALYZE regularly.',
      ]
    : [];
}
