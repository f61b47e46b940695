// `sales-agent run <lead.json>`: records the lead and its run in the database (DATABASE_URL, or the
// embedded one in DATA_DIR), runs the form-lead workflow against the demo workspace and prints the
// report. The same lead twice reports the stored run instead of running again (--force runs it anew);
// --memory keeps nothing. Bad input exits 2; a run that fails, or a database that cannot be opened,
// exits 1; succeeded or skipped exits 0.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { loadWorkspace } from '../../connectors/demo/load-workspace.js';
import { parseLead } from '../../domain/lead/parse-lead.js';
import { createMemoryStores, createPostgresStores, type Stores } from '../../store/stores.js';
import { composeRunConnectors, describeRunSystems } from '../compose-connectors.js';
import { formatRunReport } from '../format-run-report.js';
import { readJsonFile } from '../read-json-file.js';
import type { RunReport } from '../run-report.js';
import { buildRunReport } from '../run-report.js';
import { openCliDatabase, type CliEnv } from './cli-database.js';
import { recordAndExecute, type CliRunOutcome, type PreparedLead } from './record-cli-run.js';

export const DEFAULT_WORKSPACE = 'examples/demo-workspace.json';
export const DEFAULT_TENANT = 'default';

export interface RunCommandOptions {
  workspace?: string;
  json?: boolean;
  now?: string;
  /** Keep nothing: in-memory stores, no database. */
  memory?: boolean;
  /** Run again even when this lead was processed before (a new run under a fresh key). */
  force?: boolean;
  /** Use the systems the environment configures (HubSpot, Google, the model); the demo workspace for the rest. */
  live?: boolean;
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runCommand(
  leadPath: string,
  options: RunCommandOptions,
  io: CommandIo,
  env: CliEnv = process.env,
): Promise<number> {
  const prepared = await prepareLead(leadPath, options);
  if (!prepared.ok) {
    io.stderr(`error: ${prepared.message}\n`);
    return 2;
  }
  const live = await composeRunConnectors(prepared.value.workspace, { live: options.live === true, clock: () => prepared.value.clock.now, env });
  if (!live.ok) {
    io.stderr(`error: ${live.message}\n`);
    return 2;
  }
  prepared.value.connectors = live.connectors;
  const opened = await openStores(options, env);
  if (!opened.ok) {
    io.stderr(`error: ${opened.message}\n`);
    return opened.exitCode;
  }
  try {
    const outcome = await recordAndExecute(opened.stores, prepared.value, {
      tenantId: DEFAULT_TENANT,
      force: options.force === true,
    });
    return printOutcome(outcome, prepared.value, options, io, opened.where);
  } finally {
    await opened.close();
  }
}

type Prepared = { ok: true; value: PreparedLead } | { ok: false; message: string };

async function prepareLead(leadPath: string, options: RunCommandOptions): Promise<Prepared> {
  const fail = (message: string): Prepared => ({ ok: false, message });
  const now = options.now === undefined ? null : parseNow(options.now);
  if (now === false) return fail(`--now ${options.now} is not an ISO-8601 time with a zone (e.g. 2026-11-24T10:15:00-05:00)`);
  const file = await readJsonFile(leadPath, 'lead file');
  if (!file.ok) return fail(file.message);
  const workspacePath = resolve(options.workspace ?? DEFAULT_WORKSPACE);
  const loaded = await loadWorkspace(workspacePath);
  if (!loaded.ok) {
    return fail(`the workspace ${workspacePath} is invalid:\n${loaded.problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}`);
  }
  const parsed = parseLead(file.value, { mapping: loaded.workspace.settings.fieldMapping });
  if (!parsed.ok) return fail(`${leadPath} is not a valid lead:\n${parsed.problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`);
  const clockNow = now ?? parsed.lead.submittedAt ?? new Date().toISOString();
  const source = now ? '--now' : parsed.lead.submittedAt ? "the lead's submission time, replayed in the demo workspace; --now changes it" : 'the real time';
  // The raw payload is kept verbatim, as intake keeps a webhook's body; the file was just read whole.
  const rawPayload = await readFile(leadPath, 'utf8');
  return { ok: true, value: { lead: parsed.lead, payload: file.value, rawPayload, workspace: loaded.workspace, clock: { now: clockNow, source } } };
}

type OpenedStores =
  | { ok: true; stores: Stores; where: string; close: () => Promise<void> }
  | { ok: false; message: string; exitCode: number };

async function openStores(options: RunCommandOptions, env: CliEnv): Promise<OpenedStores> {
  if (options.memory === true) {
    return { ok: true, stores: createMemoryStores(), where: 'memory (--memory: nothing kept)', close: () => Promise.resolve() };
  }
  const opened = await openCliDatabase(env, {
    migrate: true,
    lockHint: 'or add --memory for a one-off run that keeps nothing',
  });
  if (!opened.ok) return opened;
  const { database } = opened;
  return { ok: true, stores: createPostgresStores(database), where: opened.where, close: () => database.close() };
}

function printOutcome(outcome: CliRunOutcome, prepared: PreparedLead, options: RunCommandOptions, io: CommandIo, where: string): number {
  if (outcome.kind === 'busy') {
    io.stderr(`error: run ${outcome.runId} of this lead is being processed by another process (a running server?); try again later\n`);
    return 1;
  }
  const notice =
    outcome.kind === 'existing'
      ? `already processed: run ${outcome.runId} (${outcome.run.status}); --force runs the lead again`
      : outcome.kind === 'resumed'
        ? `resumed run ${outcome.runId}, left unfinished by an earlier process`
        : null;
  const report: RunReport = buildRunReport(outcome.run, outcome.steps, {
    clock: prepared.clock,
    systems: describeRunSystems(prepared.connectors),
  });
  if (options.json) {
    if (notice !== null) io.stderr(`${notice}\n`);
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    if (notice !== null) io.stdout(`${notice}\n`);
    io.stdout(`${formatRunReport(report, prepared.workspace.settings.seller.timeZone)}\nStored in: ${where}\n`);
  }
  const status = outcome.run.status;
  return status === 'failed' || status === 'paused' ? 1 : 0;
}

/** The ISO instant, or false when the value is not an ISO-8601 time with a zone. */
function parseNow(value: string): string | false {
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
  return parsed.toISO() ?? false;
}
