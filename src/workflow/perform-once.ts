// Exactly-once external writes: record the intent under the step's idempotency key, call, record the
// external id. A retry after an unknown outcome (the process died between the call and the record)
// reconciles with the external system before calling again.
import type { SideEffectLedger } from '../domain/ports/side-effects.js';

export interface EffectOutcome<T> {
  externalId: string;
  result: T;
}

export interface PerformOnceArgs<T> {
  ledger: SideEffectLedger;
  tenantId: string;
  runId: string;
  stepId: string;
  /** The step key plus a suffix when one step makes several writes (`…:task`, `…:note`). */
  idempotencyKey: string;
  kind: string;
  now: () => string;
  call: () => Promise<EffectOutcome<T>>;
  /** Finds the write made under this key, when the earlier attempt's outcome is unknown. */
  reconcile: () => Promise<EffectOutcome<T> | null>;
}

export async function performOnce<T>(args: PerformOnceArgs<T>): Promise<EffectOutcome<T> & { reused: boolean }> {
  const { ledger, tenantId, idempotencyKey } = args;
  const { record, created } = await ledger.recordIntent(tenantId, {
    idempotencyKey,
    runId: args.runId,
    stepId: args.stepId,
    kind: args.kind,
    at: args.now(),
  });
  if (record.status === 'done' && record.externalId !== null) {
    return { externalId: record.externalId, result: record.result as T, reused: true };
  }
  if (!created) {
    const found = await args.reconcile();
    if (found) {
      await ledger.recordDone(tenantId, idempotencyKey, Object.assign({}, found, { at: args.now() }));
      return Object.assign({}, found, { reused: true });
    }
  }
  const outcome = await args.call();
  await ledger.recordDone(tenantId, idempotencyKey, Object.assign({}, outcome, { at: args.now() }));
  return Object.assign({}, outcome, { reused: false });
}
