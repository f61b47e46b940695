// The run store port: where the engine keeps runs and step checkpoints. An in-memory implementation
// serves the CLI and tests; the persistent one (PostgreSQL / PGlite) implements the same contract.
import type { EffectDone, EffectIntent, SideEffectRecord } from './side-effects.js';

export const RUN_STATUSES = ['pending', 'running', 'paused', 'waiting', 'succeeded', 'skipped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const STEP_STATUSES = ['running', 'succeeded', 'failed', 'skipped'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface RunError {
  code: string;
  message: string;
}

export interface RunRecord {
  id: string;
  tenantId: string;
  workflow: string;
  idempotencyKey: string;
  status: RunStatus;
  currentStep: string | null;
  /** How many times the run has been started (1 on the first go, +1 per resume). */
  attempt: number;
  input: unknown;
  error: RunError | null;
  /** Why a skipped run was skipped. */
  reason: string | null;
  traceId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface StepRecord {
  runId: string;
  stepId: string;
  attempt: number;
  status: StepStatus;
  output: unknown;
  error: RunError | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

export interface NewRun {
  id: string;
  tenantId: string;
  workflow: string;
  idempotencyKey: string;
  input: unknown;
  traceId: string | null;
  createdAt: string;
}

export interface RunPatch {
  status?: RunStatus;
  currentStep?: string | null;
  attempt?: number;
  error?: RunError | null;
  reason?: string | null;
  finishedAt?: string | null;
  updatedAt: string;
}

export interface StepEnd {
  status: Exclude<StepStatus, 'running'>;
  output: unknown;
  error: RunError | null;
  finishedAt: string;
  durationMs: number;
}

/** One step attempt as a checkpoint batch writes it. */
export interface StepCheckpoint {
  stepId: string;
  attempt: number;
  startedAt: string;
  /** The batch opens the attempt (its row is created and `step.started` audited); false when an earlier write did. */
  opens: boolean;
  /** How the attempt ended; null while it is still running. */
  end: StepEnd | null;
}

/**
 * What the engine writes at once: the step checkpoints it held back, in order, then the side-effect
 * ledger entries of the run, then the run's own fields. All of it lands, or none of it.
 */
export interface CheckpointBatch {
  steps: StepCheckpoint[];
  /** Outcomes of writes whose intent is already recorded. */
  done: (EffectDone & { idempotencyKey: string })[];
  /** Intents to record, each answered like SideEffectLedger.recordIntent, in order. */
  intents: EffectIntent[];
  /** Applied after the steps; audited like updateRun when the status changes. */
  run: RunPatch | null;
}

export interface RunStore {
  /** Creates the run, or returns the existing one with the same (tenant, idempotency key). */
  createRun(run: NewRun): Promise<{ run: RunRecord; created: boolean }>;
  findRun(tenantId: string, runId: string): Promise<RunRecord | null>;
  /** Every step attempt of the run, in the order they started. */
  listSteps(tenantId: string, runId: string): Promise<StepRecord[]>;
  updateRun(tenantId: string, runId: string, patch: RunPatch): Promise<void>;
  startStep(tenantId: string, step: { runId: string; stepId: string; attempt: number; startedAt: string }): Promise<void>;
  finishStep(tenantId: string, runId: string, stepId: string, attempt: number, end: StepEnd): Promise<void>;
  /**
   * Starts the run's next attempt (status running, attempt + 1, error cleared) and returns the run as
   * it now is; null when the run is not there or already final (succeeded, skipped or failed).
   */
  startAttempt(tenantId: string, runId: string, at: string): Promise<RunRecord | null>;
  /** Writes the batch atomically (one statement on the SQL engines); fails with not-found for a missing run. */
  writeCheckpoints(
    tenantId: string,
    runId: string,
    batch: CheckpointBatch,
  ): Promise<{ intents: { record: SideEffectRecord; created: boolean }[] }>;
}
