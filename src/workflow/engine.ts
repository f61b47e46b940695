// The durable step engine: `step.run(id, fn)` memoised in a RunStore. A resumed run returns the stored
// output of every finished step and continues at the first unfinished one. It knows nothing of leads
// or connectors; workflows are plain async functions given a StepApi. Checkpoints are written in
// batches by a CheckpointWriter: with each external write's intent, at the end, and after a short delay.
import { AppError, RETRY_POLICY, toAppError } from '../domain/errors.js';
import type { RunError, RunRecord, RunStatus, RunStore, StepRecord } from '../domain/ports/run-store.js';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
import { CheckpointWriter, DEFAULT_CHECKPOINT_DELAY_MS } from './checkpoint-writer.js';
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
  /**
   * The run's side-effect ledger: hand it to performOnce. An intent is written together with the
   * checkpoints before it, so it is never durable ahead of the steps that led to the write.
   */
  ledger: SideEffectLedger;
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
  /** Longest a step checkpoint waits for its batch (ms); default DEFAULT_CHECKPOINT_DELAY_MS. */
  checkpointDelayMs?: number;
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
  const begun = await store.startAttempt(tenantId, runId, iso(wall()));
  if (!begun) {
    const existing = await store.findRun(tenantId, runId);
    if (!existing) throw new AppError('not-found', `run ${runId} not found for tenant ${tenantId}`);
    return { run: existing, status: existing.status, error: existing.error };
  }

  // A run on its first attempt has no step rows: the engine writes the attempt before any step.
  const steps = begun.attempt === 1 ? [] : await store.listSteps(tenantId, runId);
  const writer = new CheckpointWriter(store, tenantId, runId, {
    maxDelayMs: deps.checkpointDelayMs ?? DEFAULT_CHECKPOINT_DELAY_MS,
  });
  const api = createStepApi(deps, writer, tenantId, runId, steps);
  const ctx: WorkflowContext = { tenantId, runId, input: begun.input, now: deps.clock };

  let status: RunStatus;
  let error: RunError | null = null;
  let reason: string | null = null;
  try {
    const outcome = await workflow(api, ctx);
    status = outcome.status;
    reason = outcome.reason;
  } catch (thrown) {
    if (writer.failure !== null) {
      writer.close();
      throw writer.failure;
    }
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
  try {
    await writer.write({ run: { status, error, reason, finishedAt, updatedAt } });
  } finally {
    writer.close();
  }
  // The record as just written, built here rather than read back: one round trip less per run.
  const currentStep = api.lastStarted() ?? begun.currentStep;
  const run: RunRecord = Object.assign({}, begun, { status, error, reason, finishedAt, updatedAt, currentStep });
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
  writer: CheckpointWriter,
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
      closeInterrupted(deps, writer, interrupted, stepId);
      const at = { tenantId, runId, stepId, firstAttempt: (lastAttempt.get(stepId) ?? 0) + 1 };
      return runAttempts(deps, writer, at, fn, onStarted);
    },
    async skip(stepId: string, reason: string): Promise<void> {
      claim(stepId);
      if (finished.has(stepId)) return;
      closeInterrupted(deps, writer, interrupted, stepId);
      const attempt = (lastAttempt.get(stepId) ?? 0) + 1;
      const at = iso((deps.wallClock ?? Date.now)());
      writer.openStep(stepId, attempt, at);
      onStarted(stepId);
      writer.closeStep(stepId, attempt, at, {
        status: 'skipped',
        output: { reason },
        error: null,
        finishedAt: at,
        durationMs: 0,
      });
      return Promise.resolve();
    },
    lastStarted: () => lastStarted,
  };
}

/** A step left `running` by a crash is closed as failed (`crashed`) before it is tried again. */
function closeInterrupted(deps: EngineDeps, writer: CheckpointWriter, interrupted: StepRecord[], stepId: string): void {
  const wall = deps.wallClock ?? Date.now;
  for (const record of interrupted.filter((r) => r.stepId === stepId)) {
    writer.closeStep(stepId, record.attempt, record.startedAt, {
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
  writer: CheckpointWriter,
  at: { tenantId: string; runId: string; stepId: string; firstAttempt: number },
  fn: (ctx: StepContext) => Promise<T>,
  onStarted: (stepId: string) => void,
): Promise<T> {
  const wall = deps.wallClock ?? Date.now;
  const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
  const idempotencyKey = createStepIdempotencyKey(at.tenantId, at.runId, at.stepId);
  const ledger = writer.ledger();
  const { tenantId, runId, stepId } = at;
  for (let attempt = at.firstAttempt, tries = 1; ; attempt++, tries++) {
    const started = wall();
    writer.openStep(stepId, attempt, iso(started));
    onStarted(stepId);
    const ctx: StepContext = { tenantId, runId, stepId, attempt, idempotencyKey, now: deps.clock(), ledger };
    try {
      // A JSON round trip makes the first execution return exactly what a replay would.
      const output = toJson(await fn(ctx)) as T;
      finish(deps, writer, stepId, attempt, started, { status: 'succeeded', output, error: null });
      return output;
    } catch (thrown) {
      // The run's records could not be written: no use retrying the step, the run stops here.
      if (writer.failure !== null) throw writer.failure;
      if (thrown instanceof SkipRunError) {
        finish(deps, writer, stepId, attempt, started, { status: 'skipped', output: { reason: thrown.reason }, error: null });
        throw thrown;
      }
      const error = toAppError(thrown);
      finish(deps, writer, stepId, attempt, started, { status: 'failed', output: null, error: toRunError(error) });
      const delay = getRetryDelay(error, tries, policy, deps.random ?? Math.random);
      if (delay === null) throw new StepFailedError(at.stepId, error);
      await (deps.sleep ?? defaultSleep)(delay);
    }
  }
}

function finish(
  deps: EngineDeps,
  writer: CheckpointWriter,
  stepId: string,
  attempt: number,
  started: number,
  result: { status: 'succeeded' | 'failed' | 'skipped'; output: unknown; error: RunError | null },
): void {
  const ended = (deps.wallClock ?? Date.now)();
  // Object.assign, not fields after a spread: docs/decisions/0008-no-fields-after-a-spread.md.
  writer.closeStep(stepId, attempt, iso(started), Object.assign({}, result, { finishedAt: iso(ended), durationMs: Math.max(0, ended - started) }));
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
