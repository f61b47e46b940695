// The SideEffectLedger port in memory, for the CLI and tests: same keys, same answers as the database.
import { AppError } from '../domain/errors.js';
import type { SideEffectLedger, SideEffectRecord } from '../domain/ports/side-effects.js';
import { jsonClone, settle } from './sql-rows.js';

export function createMemorySideEffectLedger(): SideEffectLedger {
  const records = new Map<string, SideEffectRecord>();
  const keyOf = (tenantId: string, idempotencyKey: string): string =>
    JSON.stringify([tenantId, idempotencyKey]);
  return {
    recordIntent(tenantId, intent) {
      return settle(() => {
        const key = keyOf(tenantId, intent.idempotencyKey);
        const existing = records.get(key);
        if (existing) return { record: structuredClone(existing), created: false };
        const at = new Date(intent.at).toISOString();
        const record: SideEffectRecord = {
          tenantId,
          idempotencyKey: intent.idempotencyKey,
          runId: intent.runId,
          stepId: intent.stepId,
          kind: intent.kind,
          status: 'intent',
          externalId: null,
          result: null,
          createdAt: at,
          updatedAt: at,
        };
        records.set(key, record);
        return { record: structuredClone(record), created: true };
      });
    },

    recordDone(tenantId, idempotencyKey, done) {
      return settle(() => {
        const record = records.get(keyOf(tenantId, idempotencyKey));
        if (!record) {
          throw new AppError(
            'not-found',
            `no side-effect intent ${idempotencyKey} for tenant ${tenantId}: record the intent first`,
          );
        }
        record.status = 'done';
        record.externalId = done.externalId;
        record.result = jsonClone(done.result);
        record.updatedAt = new Date(done.at).toISOString();
      });
    },
  };
}
