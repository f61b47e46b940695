// What PostgreSQL's autovacuum does for statistics, for a bench database on a server that runs without it
// (this machine's CI configuration sets autovacuum = off). A cached plan is only as good as the
// statistics it was made from: autovacuum looks at each database once a minute (autovacuum_naptime) and
// analyzes every table in which more than 50 rows + 10% of it changed, which invalidates the plans that
// use it, so they follow the tables as they grow. With autovacuum off, a plan made while a table was
// small (a sequential scan is the cheapest way to find one row among ten) is used forever, and a bench
// measures that instead of a running system. This applies the same rule on the same schedule, and on
// demand after a warm-up. When autovacuum is on, the server does it and this does nothing.
import { sql } from 'drizzle-orm';
import type { Database } from '../src/store/database.js';
import { queryRows } from '../src/store/sql-rows.js';

export interface AutoAnalyze {
  /** Analyzes the tables past the threshold now (the bench calls it after its warm-up). */
  now(): Promise<void>;
  stop(): Promise<void>;
}

const NAPTIME_MS = 60_000;

export async function startAutoAnalyze(database: Database): Promise<AutoAnalyze> {
  const [setting] = await queryRows<{ on: boolean }>(
    database.db,
    sql`SELECT current_setting('autovacuum') = 'on' AS on`,
  );
  if (database.kind !== 'postgres' || setting?.on === true)
    return { now: () => Promise.resolve(), stop: () => Promise.resolve() };
  let running: Promise<void> = Promise.resolve();
  const tick = async (): Promise<void> => {
    const stale = await queryRows<{ name: string }>(
      database.db,
      sql`SELECT format('%I.%I', s.schemaname, s.relname) AS name
          FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
          WHERE s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)`,
    );
    for (const { name } of stale) await database.db.execute(sql.raw(`ANALYZE ${name}`));
  };
  const now = (): Promise<void> => {
    const next = running.then(tick);
    running = next.catch((error: unknown) => void process.stderr.write(`autoanalyze: ${String(error)}\n`));
    return next;
  };
  const timer = setInterval(() => void now().catch(() => undefined), NAPTIME_MS);
  return {
    now,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
