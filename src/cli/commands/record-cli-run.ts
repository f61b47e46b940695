// The CLI's run, stored like an intake would store it: the tenant, the raw submission and its run under
// the lead's idempotency key, then the run claimed (a lease, so a server's worker on the same database
// does not take it too) and executed. A lead seen before answers with its stored run instead.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { createDemoConnectors } from '../../connectors/demo/index.js';
import type { Workspace } from '../../connectors/demo/workspace-schema.js';
import { deriveLeadIdempotencyKey } from '../../domain/idempotency-key.js';
import type { Lead } from '../../domain/lead.js';
import type { Connectors } from '../../domain/ports/index.js';
import type { RunRecord, StepRecord } from '../../domain/ports/run-store.js';
import type { Stores } from '../../store/stores.js';
import { executeRun } from '../../workflow/engine.js';
import { createFormLeadWorkflow } from '../../workflow/form-lead/form-lead-workflow.js';
import { newFormLeadRun } from '../../workflow/form-lead/new-form-lead-run.js';

/** What the run needs once the CLI has checked its input. */
export interface PreparedLead {
  lead: Lead;
  payload: unknown;
  /** The lead file's text, kept verbatim as the submission's raw payload. */
  rawPayload: string;
  workspace: Workspace;
  clock: { now: string; source: string };
  /** `run --live`: the connectors compose-connectors built (live where configured); the demo workspace's otherwise. */
  connectors?: Connectors;
}

export type CliRunOutcome =
  | { kind: 'ran' | 'resumed' | 'existing'; runId: string; run: RunRecord; steps: StepRecord[] }
  | { kind: 'busy'; runId: string };

/** Long enough for a demo run; renewed while it runs, and a crashed CLI's run is free again soon after. */
const LEASE_MS = 60_000;

export async function recordAndExecute(
  stores: Stores,
  prepared: PreparedLead,
  options: { tenantId: string; force: boolean },
): Promise<CliRunOutcome> {
  const { tenantId } = options;
  await stores.settings.ensureTenant(tenantId, tenantId, prepared.workspace.settings, new Date().toISOString());
  const { runId, created } = await recordRun(stores, prepared, options);
  const stored = await stores.runStore.findRun(tenantId, runId);
  // A pending or running run was left unfinished (a crashed CLI); anything else is its final word.
  if (!created && stored !== null && stored.status !== 'pending' && stored.status !== 'running') {
    return { kind: 'existing', runId, run: stored, steps: await stores.runStore.listSteps(tenantId, runId) };
  }
  const owner = `cli:${hostname()}:${process.pid}`;
  const claimed = await stores.dispatch.claimRun(tenantId, runId, { owner, now: isoIn(0), leaseUntil: isoIn(LEASE_MS) });
  if (claimed === null) return { kind: 'busy', runId };
  const heartbeat = setInterval(() => {
    stores.dispatch.renewLease(tenantId, runId, owner, isoIn(LEASE_MS)).catch(() => undefined);
  }, LEASE_MS / 3);
  heartbeat.unref();
  try {
    const { run } = await execute(stores, prepared, tenantId, runId);
    return { kind: created ? 'ran' : 'resumed', runId, run, steps: await stores.runStore.listSteps(tenantId, runId) };
  } finally {
    clearInterval(heartbeat);
    await stores.dispatch.releaseLease(tenantId, runId, owner);
  }
}

async function recordRun(
  stores: Stores,
  prepared: PreparedLead,
  options: { tenantId: string; force: boolean },
): Promise<{ runId: string; created: boolean }> {
  const { lead, payload } = prepared;
  const base = deriveLeadIdempotencyKey(lead, payload);
  // --force: the same lead under a new key, so the stored run stays and a second one is made.
  const idempotencyKey = options.force ? `${base}:force-${randomUUID().slice(0, 8)}` : base;
  const { submission, run } = newFormLeadRun({
    tenantId: options.tenantId,
    lead,
    payload,
    rawPayload: prepared.rawPayload,
    idempotencyKey,
    now: new Date().toISOString(),
    newId: randomUUID,
  });
  return stores.intake.recordSubmission(submission, run);
}

async function execute(stores: Stores, prepared: PreparedLead, tenantId: string, runId: string): Promise<{ run: RunRecord }> {
  const clock = (): string => prepared.clock.now;
  const { settings } = prepared.workspace;
  const connectors = prepared.connectors ?? createDemoConnectors(prepared.workspace, { clock });
  const workflow = createFormLeadWorkflow({ connectors, settings, drafts: stores.drafts });
  return executeRun({ store: stores.runStore, clock }, tenantId, runId, workflow);
}

function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}
