// `sales-agent runs list` and `sales-agent runs show <id>`: the stored runs, read from the database the
// configuration names. Read-only; the formatting of tables lives in format-runs.ts.
import type { AuditEvent } from '../../domain/ports/audit.js';
import { RUN_STATUSES, type RunStatus } from '../../domain/ports/run-store.js';
import type { Stores } from '../../store/stores.js';
import { createPostgresStores } from '../../store/stores.js';
import { openCliDatabase, type CliEnv } from './cli-database.js';
import { formatRunDetail, formatRunList } from './format-runs.js';
import { DEFAULT_TENANT, type CommandIo } from './run-command.js';

export interface RunsListOptions {
  status?: string;
  limit?: string;
  json?: boolean;
}

export const DEFAULT_LIST_LIMIT = 20;
const MAX_LIST_LIMIT = 500;
/** Events printed for one run; a run makes about 30, a much-retried one a few hundred. */
const AUDIT_LIMIT = 1000;

export async function runsListCommand(options: RunsListOptions, io: CommandIo, env: CliEnv = process.env): Promise<number> {
  const statuses = parseStatuses(options.status);
  const limit = parseLimit(options.limit);
  if (typeof statuses === 'string' || typeof limit === 'string') {
    io.stderr(`error: ${typeof statuses === 'string' ? statuses : String(limit)}\n`);
    return 2;
  }
  return withStores(io, env, async (stores) => {
    const { items } = await stores.runQueries.listRuns(DEFAULT_TENANT, { ...(statuses ? { statuses } : {}), limit });
    io.stdout(options.json ? `${JSON.stringify({ runs: items }, null, 2)}\n` : `${formatRunList(items)}\n`);
    return 0;
  });
}

export async function runsShowCommand(runId: string, options: { json?: boolean }, io: CommandIo, env: CliEnv = process.env): Promise<number> {
  return withStores(io, env, async (stores) => {
    const run = await stores.runStore.findRun(DEFAULT_TENANT, runId);
    if (run === null) {
      io.stderr(`error: no run ${runId} (sales-agent runs list shows the stored runs)\n`);
      return 1;
    }
    const steps = await stores.runStore.listSteps(DEFAULT_TENANT, runId);
    const audit = oldestFirst(await stores.audit.list(DEFAULT_TENANT, { runId, limit: AUDIT_LIMIT }));
    io.stdout(options.json ? `${JSON.stringify({ run, steps, audit }, null, 2)}\n` : `${formatRunDetail(run, steps, audit)}\n`);
    return 0;
  });
}

async function withStores(io: CommandIo, env: CliEnv, body: (stores: Stores) => Promise<number>): Promise<number> {
  const opened = await openCliDatabase(env, {
    migrate: true,
    lockHint: "or read the runs through the running server's API (/api/runs)",
  });
  if (!opened.ok) {
    io.stderr(`error: ${opened.message}\n`);
    return opened.exitCode;
  }
  try {
    return await body(createPostgresStores(opened.database));
  } finally {
    await opened.database.close();
  }
}

/** Comma-separated statuses, or undefined for all; a message naming the bad one otherwise. */
function parseStatuses(value: string | undefined): RunStatus[] | undefined | string {
  if (value === undefined) return undefined;
  const wanted = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const bad = wanted.find((s) => !(RUN_STATUSES as readonly string[]).includes(s));
  if (bad !== undefined || wanted.length === 0) {
    return `--status ${bad ?? value} is not a run status (one or more of ${RUN_STATUSES.join(', ')}, comma-separated)`;
  }
  return wanted as RunStatus[];
}

function parseLimit(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_LIST_LIMIT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIST_LIMIT) return `--limit ${value} is not a whole number from 1 to ${MAX_LIST_LIMIT}`;
  return n;
}

/**
 * A run's story reads oldest first. Event ids are the append order as decimal strings; they are compared
 * as numbers because the SQL log's `ORDER BY id` sorts its text alias ("10" before "9").
 */
function oldestFirst(events: AuditEvent[]): AuditEvent[] {
  const byNumber = (a: string, b: string): number => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  return [...events].sort((a, b) => byNumber(a.id, b.id));
}
