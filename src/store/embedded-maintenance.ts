// Autovacuum's job for the embedded database. PGlite is one session with no autovacuum launcher, so left
// alone it never reclaims dead row versions (runs are updated as they run, status-count deltas are folded
// away) and never refreshes statistics, and the plans it caches for a session (foreign-key checks,
// trigger functions) keep what they chose while the tables were small. This analyzes the tables when the
// service starts and vacuums and analyzes them every `everyMs` after; on PostgreSQL it does nothing,
// since the server's autovacuum does it (server-settings.ts warns when that is off).
import { sql } from 'drizzle-orm';
import type { Database } from './database-handle.js';

export const EMBEDDED_MAINTENANCE_EVERY_MS = 30 * 60_000;

export interface EmbeddedMaintenance {
  /** Stops the timer and waits for a pass under way. */
  stop(): Promise<void>;
}

export function startEmbeddedMaintenance(
  database: Database,
  options: { everyMs?: number; onError: (error: unknown) => void },
): EmbeddedMaintenance {
  if (database.kind !== 'pglite') return { stop: () => Promise.resolve() };
  let running: Promise<void> = Promise.resolve();
  const pass = (statement: 'ANALYZE' | 'VACUUM (ANALYZE)'): void => {
    running = running
      .then(async () => void (await database.db.execute(sql.raw(statement))))
      .catch(options.onError);
  };
  pass('ANALYZE');
  const timer = setInterval(() => pass('VACUUM (ANALYZE)'), options.everyMs ?? EMBEDDED_MAINTENANCE_EVERY_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
