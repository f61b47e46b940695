// The durable step engine: `step.run(id, fn)` memoised in a RunStore. A resumed run returns the stored
// output of every finished step and continues at the first unfinished one. It knows nothing of leads
// or connectors; workflows are plain async functions given a StepApi.
import { AppError, RETRY_POLICY, toAppError } from '../domain/errors.js';
import type { RunError, RunRecord, RunStatus, RunStore, StepRecord } from '../domain/ports/run-store.js';
import type { RetryPolicy } from './retry-policy.js';
import { DEFAULT_RETRY_POLICY, getRetryDelay } from './retry-policy.js';

export interface StepContext {
  tenantId: string;
  runId: string;
  stepId: string;
  attempt: number;
  /** Stable across attempts and resumes: hand it to every external write of the step. */
  idempotencyKey: string;
  /** The business clock at the start of this attempt (ISO). */
  now: string;
}

export interface StepApi {
  run<T>(stepId: string, fn: (ctx: StepContext) => Promise<T>): Promise<T>;
  /** Records the step as skipped with a reason (once; a resumed run does not record it again). */
  skip(stepId: string, reason: string): Promise<void>;
}

export interface WorkflowOutcome {
  status: Extract<RunStatus, 'succeeded' | 'skipped' | 'waiting'>;
  reason: string | null;
}

export interface WorkflowContext {
  tenantId: string;
  runId: string;
  input: unknown;
  /** The business clock (ISO), injected so runs are reproducible. */
  now(): string;
}

export type Workflow = (step: StepApi, ctx: WorkflowContext) => Promise<WorkflowOutcome>;

export interface EngineDeps {
  store: RunStore;
  /** Business time for the workflow's rules. */
  clock: () => string;
  /** Wall time for records and durations. */
  wallClock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: RetryPolicy;
}

export interface RunResult {
  run: RunRecord;
  status: RunStatus;
  error: RunError | null;
}

/** Thrown inside the workflow when a step failed for good; carries the step's classified error. */
export class StepFailedError extends AppError {
  readonly stepId: string;
  constructor(stepId: string, cause: AppError) {
    super(cause.code, `step ${stepId} failed: ${cause.message}`, { cause, retryAfterMs: cause.retryAfterMs });
    this.stepId = stepId;
  }
}

/** Thrown by a step to end the run as `skipped` (nothing to do): the step is recorded as skipped with the reason. */
export class SkipRunError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipRunError';
  }
}

export function createStepIdempotencyKey(tenantId: string, runId: string, stepId: string): string {
  return `${tenantId}:${runId}:${stepId}`;
}

/** Executes (or resumes) a stored run to its end, recording every step. Never throws for a step failure. */
export async function executeRun(deps: EngineDeps, tenantId: string, runId: string, workflow: Workflow): Promise<RunResult> {
  const { store } = deps;
  const wall = deps.wallClock ?? Date.now;
  const existing = await store.findRun(tenantId, runId);
  if (!existing) throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
  if (isFinal(existing.status)) return { run: existing, status: existing.status, error: existing.error };

  // A run never executed (attempt 0) has no step rows: the engine writes the attempt before any step.
  const steps = existing.attempt === 0 ? [] : await store.listSteps(tenantId, runId);
  const attempt = existing.attempt + 1;
  await store.updateRun(tenantId, runId, { status: 'running', attempt, error: null, updatedAt: iso(wall()) });
  const api = createStepApi(deps, tenantId, runId, steps);
  const ctx: WorkflowContext = { tenantId, runId, input: existing.input, now: deps.clock };

  let status: RunStatus;
  let error: RunError | null = null;
  let reason: string | null = null;
  try {
    const outcome = await workflow(api, ctx);
    status = outcome.status;
    reason = outcome.reason;
  } catch (thrown) {
    if (thrown instanceof SkipRunError) {
      status = 'skipped';
      reason = thrown.reason;
    } else {
      const appError = toAppError(thrown);
      error = { code: appError.code, message: appError.message };
      status = RETRY_POLICY[appError.code] === 'pause' ? 'paused' : 'failed';
    }
  }
  const updatedAt = iso(wall());
  const finishedAt = isFinal(status) ? updatedAt : null;
  await store.updateRun(tenantId, runId, { status, error, reason, finishedAt, updatedAt });
  // The record as just written, built here rather than read back: one round trip less per run.
  const currentStep = api.lastStarted() ?? existing.currentStep;
  const run: RunRecord = { ...existing, status, attempt, error, reason, finishedAt, updatedAt, currentStep };
  return { run, status, error };
}

function isFinal(status: RunStatus): boolean {
  return status === 'succeeded' || status === 'skipped' || status === 'failed';
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** The workflow's step API, plus the step last started here (the run's current step in the store). */
function createStepApi(
  deps: EngineDeps,
  tenantId: string,
  runId: string,
  history: StepRecord[],
): StepApi & { lastStarted(): string | null } {
  const finished = new Map<string, StepRecord>();
  const lastAttempt = new Map<string, number>();
  const interrupted: StepRecord[] = [];
  for (const record of history) {
    lastAttempt.set(record.stepId, Math.max(lastAttempt.get(record.stepId) ?? 0, record.attempt));
    if (record.status === 'succeeded' || record.status === 'skipped') finished.set(record.stepId, record);
    if (record.status === 'running') interrupted.push(record);
  }
  let lastStarted: string | null = null;
  const onStarted = (stepId: string): void => void (lastStarted = stepId);
  const seen = new Set<string>();
  const claim = (stepId: string): void => {
    if (seen.has(stepId)) throw new AppError('internal', `step id ${stepId} used twice in one run`);
    seen.add(stepId);
  };

  return {
    async run<T>(stepId: string, fn: (ctx: StepContext) => Promise<T>): Promise<T> {
      claim(stepId);
      const done = finished.get(stepId);
      if (done) return done.output as T;
      await closeInterrupted(deps, tenantId, interrupted, stepId);
      return runAttempts(deps, { tenantId, runId, stepId, firstAttempt: (lastAttempt.get(stepId) ?? 0) + 1 }, fn, onStarted);
    },
    async skip(stepId: string, reason: string): Promise<void> {
      claim(stepId);
      if (finished.has(stepId)) return;
      await closeInterrupted(deps, tenantId, interrupted, stepId);
      const attempt = (lastAttempt.get(stepId) ?? 0) + 1;
      const at = iso((deps.wallClock ?? Date.now)());
      await deps.store.startStep(tenantId, { runId, stepId, attempt, startedAt: at });
      onStarted(stepId);
      await deps.store.finishStep(tenantId, runId, stepId, attempt, {
        status: 'skipped',
        output: { reason },
        error: null,
        finishedAt: at,
        durationMs: 0,
      });
    },
    lastStarted: () => lastStarted,
  };
}

/** A step left `running` by a crash is closed as failed (`crashed`) before it is tried again. */
async function closeInterrupted(deps: EngineDeps, tenantId: string, interrupted: StepRecord[], stepId: string): Promise<void> {
  const wall = deps.wallClock ?? Date.now;
  for (const record of interrupted.filter((r) => r.stepId === stepId)) {
    await deps.store.finishStep(tenantId, record.runId, stepId, record.attempt, {
      status: 'failed',
      output: null,
      error: { code: 'crashed', message: 'the process stopped before the step recorded its result' },
      finishedAt: iso(wall()),
      durationMs: Math.max(0, wall() - Date.parse(record.startedAt)),
    });
  }
}

async function runAttempts<T>(
  deps: EngineDeps,
  at: { tenantId: string; runId: string; stepId: string; firstAttempt: number },
  fn: (ctx: StepContext) => Promise<T>,
  onStarted: (stepId: string) => void,
): Promise<T> {
  const wall = deps.wallClock ?? Date.now;
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  const idempotencyKey = createStepIdempotencyKey(at.tenantId, at.runId, at.stepId);
  for (let attempt = at.firstAttempt, tries = 1; ; attempt++, tries++) {
    const started = wall();
    await deps.store.startStep(at.tenantId, { runId: at.runId, stepId: at.stepId, attempt, startedAt: iso(started) });
    onStarted(at.stepId);
    const ctx: StepContext = { ...at, attempt, idempotencyKey, now: deps.clock() };
    try {
      // A JSON round trip makes the first execution return exactly what a replay would.
      const output = toJson(await fn(ctx)) as T;
      await finish(deps, at, attempt, started, { status: 'succeeded', output, error: null });
      return output;
    } catch (thrown) {
      if (thrown instanceof SkipRunError) {
        await finish(deps, at, attempt, started, { status: 'skipped', output: { reason: thrown.reason }, error: null });
        throw thrown;
      }
      const error = toAppError(thrown);
      await finish(deps, at, attempt, started, { status: 'failed', output: null, error: toRunError(error) });
      const delay = getRetryDelay(error, tries, policy, deps.random ?? Math.random);
      if (delay === null) throw new StepFailedError(at.stepId, error);
      await (deps.sleep ?? defaultSleep)(delay);
    }
  }
}

async function finish(
  deps: EngineDeps,
  at: { tenantId: string; runId: string; stepId: string },
  attempt: number,
  started: number,
  result: { status: 'succeeded' | 'failed' | 'skipped'; output: unknown; error: RunError | null },
): Promise<void> {
  const ended = (deps.wallClock ?? Date.now)();
  await deps.store.finishStep(at.tenantId, at.runId, at.stepId, attempt, {
    ...result,
    finishedAt: iso(ended),
    durationMs: Math.max(0, ended - started),
  });
}

function toRunError(error: AppError): RunError {
  return { code: error.code, message: error.message };
}

function toJson(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
