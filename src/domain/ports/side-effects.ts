// The side-effect ledger: one row per external write, keyed by the step's idempotency key, so a
// retried step reconciles with what it already did instead of doing it twice.

export interface SideEffectRecord {
  tenantId: string;
  idempotencyKey: string;
  runId: string;
  stepId: string;
  /** e.g. `gmail.draft`, `hubspot.task`. */
  kind: string;
  /** `intent`: recorded before the call, outcome unknown. `done`: the call's result is known. */
  status: 'intent' | 'done';
  externalId: string | null;
  result: unknown;
  createdAt: string;
  updatedAt: string;
}

export interface EffectIntent {
  idempotencyKey: string;
  runId: string;
  stepId: string;
  kind: string;
  at: string;
}

export interface EffectDone {
  externalId: string;
  result: unknown;
  at: string;
}

export interface SideEffectLedger {
  /** Records the intent, or returns the record that already holds this key (intent or done). */
  recordIntent(tenantId: string, intent: EffectIntent): Promise<{ record: SideEffectRecord; created: boolean }>;
  recordDone(tenantId: string, idempotencyKey: string, done: EffectDone): Promise<void>;
}
