// The SideEffectLedger contract as tests, run against the memory and the database implementations: one
// record per (tenant, key), so a retried step finds what its earlier attempt did.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { SideEffectLedger } from '../domain/ports/side-effects.js';
import { isAppError, newTenant } from './store-fixtures.js';

function intent(
  overrides: Partial<{
    idempotencyKey: string;
    runId: string;
    stepId: string;
    kind: string;
    at: string;
  }> = {},
) {
  return {
    idempotencyKey: `key-${randomUUID()}`,
    runId: 'run-1',
    stepId: 'create-draft',
    kind: 'gmail.draft',
    at: '2026-11-25T10:00:00-05:00',
    ...overrides,
  };
}

export function runSideEffectLedgerConformance(
  name: string,
  makeLedger: () => SideEffectLedger | Promise<SideEffectLedger>,
): void {
  describe(`SideEffectLedger conformance: ${name}`, () => {
    it('records a new intent with no outcome yet', async () => {
      const ledger = await makeLedger();
      const tenant = newTenant();
      const first = intent();
      const { record, created } = await ledger.recordIntent(tenant, first);
      assert.equal(created, true);
      assert.deepEqual(record, {
        tenantId: tenant,
        idempotencyKey: first.idempotencyKey,
        runId: 'run-1',
        stepId: 'create-draft',
        kind: 'gmail.draft',
        status: 'intent',
        externalId: null,
        result: null,
        createdAt: '2026-11-25T15:00:00.000Z',
        updatedAt: '2026-11-25T15:00:00.000Z',
      });
    });

    it('returns the earlier record for a repeated key, done or not', async () => {
      const ledger = await makeLedger();
      const tenant = newTenant();
      const first = intent();
      const original = await ledger.recordIntent(tenant, first);
      const repeat = await ledger.recordIntent(
        tenant,
        intent({ idempotencyKey: first.idempotencyKey, runId: 'run-2', kind: 'other' }),
      );
      assert.deepEqual(repeat, { record: original.record, created: false });

      const result = { draftId: 'r-123', labels: ['sales-agent'], size: 2 };
      await ledger.recordDone(tenant, first.idempotencyKey, {
        externalId: 'r-123',
        result,
        at: '2026-11-25T15:00:09Z',
      });
      const after = await ledger.recordIntent(tenant, first);
      assert.equal(after.created, false);
      assert.deepEqual(after.record, {
        ...original.record,
        status: 'done',
        externalId: 'r-123',
        result,
        updatedAt: '2026-11-25T15:00:09.000Z',
      });
    });

    it('records one intent when the same key is recorded concurrently', async () => {
      const ledger = await makeLedger();
      const tenant = newTenant();
      const key = `key-${randomUUID()}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, () => ledger.recordIntent(tenant, intent({ idempotencyKey: key }))),
      );
      assert.equal(results.filter((r) => r.created).length, 1);
    });

    it('refuses to complete an intent that was never recorded', async () => {
      const ledger = await makeLedger();
      await assert.rejects(
        ledger.recordDone(newTenant(), 'missing', {
          externalId: 'x',
          result: null,
          at: '2026-11-25T15:00:00Z',
        }),
        isAppError('not-found'),
      );
    });

    it("keeps tenants apart: the same key is a different effect, and one tenant cannot complete another's", async () => {
      const ledger = await makeLedger();
      const [tenantA, tenantB] = [newTenant(), newTenant()];
      const shared = intent();
      await ledger.recordIntent(tenantA, shared);
      await assert.rejects(
        ledger.recordDone(tenantB, shared.idempotencyKey, {
          externalId: 'x',
          result: null,
          at: '2026-11-25T15:00:00Z',
        }),
        isAppError('not-found'),
      );
      const forB = await ledger.recordIntent(tenantB, shared);
      assert.equal(forB.created, true);
      assert.equal((await ledger.recordIntent(tenantA, shared)).record.status, 'intent');
    });
  });
}
