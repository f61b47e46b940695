// The AuditLog contract as tests, run against the memory and the database implementations: events come
// back newest first, per tenant, filtered by run, and exactly as appended.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEventInput, AuditLog } from '../domain/ports/audit.js';
import { newTenant } from './store-fixtures.js';

function event(overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    actor: 'user:ada',
    action: 'draft.approved',
    runId: 'run-1',
    stepId: null,
    details: { draftId: 'd1', note: 'ok ✓' },
    at: '2026-11-25T10:00:00-05:00',
    ...overrides,
  };
}

export function runAuditLogConformance(name: string, makeAudit: () => AuditLog | Promise<AuditLog>): void {
  describe(`AuditLog conformance: ${name}`, () => {
    it('lists appended events newest first, as they were appended, with times in UTC', async () => {
      const audit = await makeAudit();
      const tenant = newTenant();
      await audit.append(
        tenant,
        event({
          action: 'settings.updated',
          runId: null,
          details: { changed: ['mode'], from: { mode: 'draft' } },
        }),
      );
      await audit.append(tenant, event({ stepId: 'create-draft' }));
      const events = await audit.list(tenant, { limit: 10 });
      assert.deepEqual(
        events.map((e) => e.action),
        ['draft.approved', 'settings.updated'],
      );
      const [newest, oldest] = events;
      assert.ok(newest && oldest);
      assert.equal(typeof newest.id, 'string');
      assert.notEqual(newest.id, oldest.id);
      const { id: _id, ...rest } = newest;
      assert.deepEqual(rest, {
        tenantId: tenant,
        ...event({ stepId: 'create-draft' }),
        at: '2026-11-25T15:00:00.000Z',
      });
      assert.deepEqual(oldest.details, { changed: ['mode'], from: { mode: 'draft' } });
    });

    it('keeps newest-first order past nine events (ids compare as numbers, not text)', async () => {
      const audit = await makeAudit();
      const tenant = newTenant();
      for (let i = 0; i < 12; i += 1) await audit.append(tenant, event({ details: { n: i } }));
      const events = await audit.list(tenant, { limit: 20 });
      assert.deepEqual(
        events.map((e) => (e.details as { n: number }).n),
        [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
      );
    });

    it('filters by run and honours the limit', async () => {
      const audit = await makeAudit();
      const tenant = newTenant();
      for (const [runId, action] of [
        ['r1', 'run.created'],
        ['r2', 'run.created'],
        ['r1', 'run.running'],
        ['r1', 'run.succeeded'],
      ] as const) {
        await audit.append(tenant, event({ runId, action }));
      }
      assert.deepEqual(
        (await audit.list(tenant, { runId: 'r1', limit: 10 })).map((e) => e.action),
        ['run.succeeded', 'run.running', 'run.created'],
      );
      assert.deepEqual(
        (await audit.list(tenant, { limit: 2 })).map((e) => `${e.runId}:${e.action}`),
        ['r1:run.succeeded', 'r1:run.running'],
      );
      assert.deepEqual(await audit.list(tenant, { limit: 0 }), []);
    });

    it('shows a tenant only its own events', async () => {
      const audit = await makeAudit();
      const [tenantA, tenantB] = [newTenant(), newTenant()];
      await audit.append(tenantA, event());
      assert.deepEqual(await audit.list(tenantB, { limit: 10 }), []);
      assert.deepEqual(await audit.list(tenantB, { runId: 'run-1', limit: 10 }), []);
    });

    it('is not changed by editing what list returned', async () => {
      const audit = await makeAudit();
      const tenant = newTenant();
      await audit.append(tenant, event());
      const [listed] = await audit.list(tenant, { limit: 1 });
      assert.ok(listed);
      listed.details['draftId'] = 'tampered';
      assert.equal((await audit.list(tenant, { limit: 1 }))[0]?.details['draftId'], 'd1');
    });
  });
}
