// `sales-agent run <lead.json>`: runs the form-lead workflow once against the demo workspace and
// prints the report. Bad input (file, JSON, lead, workspace) exits 2 with a clear message; a run
// that fails exits 1; succeeded or skipped exits 0.
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { DateTime } from 'luxon';
import { createDemoConnectors } from '../../connectors/demo/index.js';
import { loadWorkspace } from '../../connectors/demo/load-workspace.js';
import { deriveLeadIdempotencyKey } from '../../domain/idempotency-key.js';
import { parseLead } from '../../domain/lead/parse-lead.js';
import { createMemorySideEffectLedger } from '../../store/memory-side-effect-ledger.js';
import { createMemoryRunStore } from '../../store/memory-run-store.js';
import { executeRun } from '../../workflow/engine.js';
import { createFormLeadWorkflow } from '../../workflow/form-lead/form-lead-workflow.js';
import { FORM_LEAD_WORKFLOW } from '../../workflow/form-lead/form-lead-steps.js';
import { formatRunReport } from '../format-run-report.js';
import { readJsonFile } from '../read-json-file.js';
import type { RunReport } from '../run-report.js';
import { buildRunReport } from '../run-report.js';

export const DEFAULT_WORKSPACE = 'examples/demo-workspace.json';
export const DEFAULT_TENANT = 'default';

export interface RunCommandOptions {
  workspace?: string;
  json?: boolean;
  now?: string;
}

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export async function runCommand(leadPath: string, options: RunCommandOptions, io: CommandIo): Promise<number> {
  const fail = (message: string): number => {
    io.stderr(`error: ${message}\n`);
    return 2;
  };
  const now = options.now === undefined ? null : parseNow(options.now);
  if (now === false) return fail(`--now ${options.now} is not an ISO-8601 time with a zone (e.g. 2026-11-24T10:15:00-05:00)`);
  const file = await readJsonFile(leadPath, 'lead file');
  if (!file.ok) return fail(file.message);
  const workspacePath = resolve(options.workspace ?? DEFAULT_WORKSPACE);
  const loaded = await loadWorkspace(workspacePath);
  if (!loaded.ok) {
    return fail(`the workspace ${workspacePath} is invalid:\n${loaded.problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n')}`);
  }
  const { workspace } = loaded;
  const settings = workspace.settings;
  const parsed = parseLead(file.value, { mapping: settings.fieldMapping });
  if (!parsed.ok) return fail(`${leadPath} is not a valid lead:\n${parsed.problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}`);

  const clockNow = now ?? parsed.lead.submittedAt ?? new Date().toISOString();
  const clockSource = now ? '--now' : parsed.lead.submittedAt ? "the lead's submission time, replayed in the demo workspace; --now changes it" : 'the real time';
  const connectors = createDemoConnectors(workspace, { clock: () => clockNow });
  const store = createMemoryRunStore();
  const ledger = createMemorySideEffectLedger();
  const runId = randomUUID();
  await store.createRun({
    id: runId,
    tenantId: DEFAULT_TENANT,
    workflow: FORM_LEAD_WORKFLOW,
    idempotencyKey: deriveLeadIdempotencyKey(parsed.lead, file.value),
    input: { lead: parsed.lead, payload: file.value },
    traceId: null,
    createdAt: new Date().toISOString(),
  });
  const workflow = createFormLeadWorkflow({ connectors, settings, ledger, drafts: null });
  const result = await executeRun({ store, clock: () => clockNow }, DEFAULT_TENANT, runId, workflow);
  const steps = await store.listSteps(DEFAULT_TENANT, runId);
  const report: RunReport = buildRunReport(result.run, steps, {
    clock: { now: clockNow, source: clockSource },
    systems: { crm: 'demo workspace', mail: 'demo workspace', drive: 'demo workspace', calendar: 'demo workspace', llm: 'none (deterministic writer)' },
  });
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatRunReport(report, settings.seller.timeZone)}\n`);
  return result.status === 'failed' || result.status === 'paused' ? 1 : 0;
}

/** The ISO instant, or false when the value is not an ISO-8601 time with a zone. */
function parseNow(value: string): string | false {
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid || !/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return false;
  return parsed.toISO() ?? false;
}
