// The worker's job handler: claim the run (a lease in the database, so one worker at a time), execute
// it through the engine, then decide in the database what happens next: done, a retry due later, or
// the dead-letter list. The queue only carries the hint; it never decides.
import type { RunJob } from '../domain/ports/job-queue.js';
import { RETRY_POLICY } from '../domain/errors.js';
import type { RunResult } from '../workflow/engine.js';
import { executeRun } from '../workflow/engine.js';
import { createFormLeadWorkflow } from '../workflow/form-lead/form-lead-workflow.js';
import type { RetryPolicy } from '../workflow/retry-policy.js';
import type { ServiceDeps } from './service-deps.js';
import type { TenantSettingsCache } from './tenant-settings-cache.js';

export interface RunExecutorOptions {
  workerId: string;
  /** How long a claim lasts without renewal; a dead worker's runs are picked up after it. */
  leaseMs: number;
  /** Executions of a run (each resuming at its failed step) before it is dead-lettered. */
  maxRunAttempts: number;
  /** Backoff between executions of a run. */
  runRetry: { baseDelayMs: number; maxDelayMs: number };
  /** Retries of a step inside one execution. */
  stepRetry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onError?: (error: unknown, job: RunJob) => void;
}

export interface RunExecutor {
  handle(job: RunJob): Promise<void>;
}

export function createRunExecutor(deps: ServiceDeps, cache: TenantSettingsCache, options: RunExecutorOptions): RunExecutor {
  const { dispatch } = deps.stores;
  const iso = (offsetMs = 0): string => new Date(deps.clock().getTime() + offsetMs).toISOString();

  return {
    async handle(job) {
      const claimed = await dispatch.claimRun(job.tenantId, job.runId, { owner: options.workerId, now: iso(), leaseUntil: iso(options.leaseMs) });
      if (!claimed) return;
      const heartbeat = setInterval(() => {
        dispatch.renewLease(job.tenantId, job.runId, options.workerId, iso(options.leaseMs)).catch((error: unknown) => options.onError?.(error, job));
      }, Math.max(1000, Math.floor(options.leaseMs / 3)));
      heartbeat.unref();
      try {
        const result = await execute(deps, cache, options, job);
        await decideNext(deps, options, job, result);
      } finally {
        clearInterval(heartbeat);
        await dispatch.releaseLease(job.tenantId, job.runId, options.workerId).catch((error: unknown) => options.onError?.(error, job));
      }
    },
  };
}

async function execute(deps: ServiceDeps, cache: TenantSettingsCache, options: RunExecutorOptions, job: RunJob): Promise<RunResult> {
  const { settings } = await cache.get(job.tenantId);
  const workflow = createFormLeadWorkflow({
    connectors: deps.connectorsFor(job.tenantId, settings),
    settings,
    drafts: deps.stores.drafts,
    intake: deps.stores.intake,
  });
  return executeRun(
    {
      store: deps.stores.runStore,
      clock: () => deps.clock().toISOString(),
      ...(options.stepRetry ? { retry: options.stepRetry } : {}),
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...(options.random ? { random: options.random } : {}),
    },
    job.tenantId,
    job.runId,
    workflow,
  );
}

async function decideNext(deps: ServiceDeps, options: RunExecutorOptions, job: RunJob, result: RunResult): Promise<void> {
  if (result.status !== 'failed' || result.error === null) return;
  const retryable = RETRY_POLICY[result.error.code as keyof typeof RETRY_POLICY] === 'retry';
  const now = deps.clock();
  if (!retryable) return;
  if (result.run.attempt >= options.maxRunAttempts) {
    await deps.stores.dispatch.markDeadLettered(job.tenantId, job.runId, now.toISOString());
    return;
  }
  const ceiling = Math.min(options.runRetry.maxDelayMs, options.runRetry.baseDelayMs * 2 ** (result.run.attempt - 1));
  const delayMs = Math.round(ceiling / 2 + (options.random ?? Math.random)() * (ceiling / 2));
  const dueAt = new Date(now.getTime() + delayMs).toISOString();
  const scheduled = await deps.stores.dispatch.scheduleRetry(job.tenantId, job.runId, { dueAt, now: now.toISOString(), actor: 'system' });
  if (scheduled) await deps.queue.enqueue({ tenantId: job.tenantId, runId: job.runId, attempt: result.run.attempt }, { delayMs });
}
