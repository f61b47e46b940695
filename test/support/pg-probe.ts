// Reads a service's PostgreSQL tables directly, the way an operator would check what was stored:
// runs, steps, drafts and side effects of one run. Read-only by intent; it never changes rows.
import pg from 'pg';

export interface RunRow {
  id: string;
  status: string;
  attempt: number;
  lease_owner: string | null;
  error_code: string | null;
  error_message: string | null;
}

export interface StepRow {
  step_id: string;
  attempt: number;
  status: string;
  error_code: string | null;
  error_message: string | null;
}

export interface PgProbe {
  run(runId: string): Promise<RunRow | null>;
  runs(): Promise<RunRow[]>;
  steps(runId: string): Promise<StepRow[]>;
  drafts(runId: string): Promise<{ id: string; state: string }[]>;
  sideEffects(runId: string, kind: string): Promise<{ idempotency_key: string; status: string }[]>;
  count(table: 'workflow_runs' | 'form_submissions' | 'step_runs' | 'drafts'): Promise<number>;
  close(): Promise<void>;
}

export function openPgProbe(url: string): PgProbe {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  const rows = async <T>(text: string, values: unknown[] = []): Promise<T[]> =>
    (await pool.query(text, values)).rows as T[];
  return {
    run: async (runId) =>
      (
        await rows<RunRow>(
          'SELECT id, status, attempt, lease_owner, error_code, error_message FROM workflow_runs WHERE id = $1',
          [runId],
        )
      )[0] ?? null,
    runs: () =>
      rows<RunRow>(
        'SELECT id, status, attempt, lease_owner, error_code, error_message FROM workflow_runs ORDER BY created_at',
      ),
    steps: (runId) =>
      rows<StepRow>(
        'SELECT step_id, attempt, status, error_code, error_message FROM step_runs WHERE run_id = $1 ORDER BY seq',
        [runId],
      ),
    drafts: (runId) => rows('SELECT id, state FROM drafts WHERE run_id = $1', [runId]),
    sideEffects: (runId, kind) =>
      rows('SELECT idempotency_key, status FROM side_effects WHERE run_id = $1 AND kind = $2', [runId, kind]),
    count: async (table) =>
      Number((await rows<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n ?? 0),
    close: () => pool.end(),
  };
}
