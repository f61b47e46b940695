// The details of the system's run and step audit events, as SQL over a row that has the named columns.
// Every statement that writes such an event builds its details here, so the events read the same
// whichever path wrote them (single transitions, checkpoint batches, attempt starts).
import { sql, type SQL } from 'drizzle-orm';

/** `{ from, to, attempt, reason, error }` of a `run.<status>`; the row has old_status, status, attempt, reason, error_code, error_message. */
export function runStatusEventDetails(alias: string): SQL {
  const c = columnsOf(alias);
  return sql.raw(`jsonb_build_object('from', ${c('old_status')}, 'to', ${c('status')}, 'attempt', ${c('attempt')}, 'reason', ${c('reason')},
               'error', CASE WHEN ${c('error_code')} IS NULL THEN NULL
                             ELSE jsonb_build_object('code', ${c('error_code')}, 'message', ${c('error_message')}) END)`);
}

/** `{ attempt }` of a `step.started`. */
export function stepStartedEventDetails(alias: string): SQL {
  return sql.raw(`jsonb_build_object('attempt', ${columnsOf(alias)('attempt')})`);
}

/** `{ attempt, durationMs, error? }` of a `step.<status>` that ended the attempt; the row has attempt, duration_ms, error_code, error_message. */
export function stepEndedEventDetails(alias: string): SQL {
  const c = columnsOf(alias);
  return sql.raw(`jsonb_build_object('attempt', ${c('attempt')}, 'durationMs', ${c('duration_ms')})
               || CASE WHEN ${c('error_code')} IS NULL THEN '{}'::jsonb
                       ELSE jsonb_build_object('error', jsonb_build_object('code', ${c('error_code')}, 'message', ${c('error_message')})) END`);
}

function columnsOf(alias: string): (column: string) => string {
  return (column) => `${alias}.${column}`;
}
