// The audit log's search filters (actor, action, run, dates, keyset cursor) behave the same in memory
// and in SQL, and a `%` or `_` in a prefix matches only itself.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AuditLog } from '../domain/ports/audit.js';
import { createAuditSearch } from '../services/audit-service.js';
import { newTenant } from '../testing/store-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { createPostgresAuditLog } from './audit-log.js';
import { createMemoryAuditLog } from './memory-audit-log.js';

const EVENTS = [
  { actor: 'system', action: 'run.started', runId: 'r1', at: '2026-11-24T10:00:00.000Z' },
  { actor: 'user:ada@example.com', action: 'draft.approved', runId: 'r1', at: '2026-11-25T09:00:00.000Z' },
  { actor: 'user:bob@example.com', action: 'draft.rejected', runId: 'r2', at: '2026-11-25T11:00:00.000Z' },
  { actor: 'api-key:sa_1', action: 'settings.updated', runId: null, at: '2026-11-26T08:00:00.000Z' },
  { actor: 'user:a%b@example.com', action: 'draft_x.approved', runId: null, at: '2026-11-26T09:00:00.000Z' },
];

function runSearchSuite(name: string, makeLog: () => AuditLog): void {
  describe(`audit search on ${name}`, () => {
    let tenant: string;
    let log: AuditLog;
    before(async () => {
      log = makeLog();
      tenant = newTenant();
      for (const e of EVENTS) await log.append(tenant, { ...e, stepId: null, details: {} });
    });
    const actions = async (filter: Parameters<AuditLog['list']>[1]): Promise<string[]> => (await log.list(tenant, filter)).map((e) => e.action);

    it('filters by actor (exact or prefix), action (exact or prefix) and run', async () => {
      assert.deepEqual(await actions({ actor: 'user:', limit: 10 }), ['draft_x.approved', 'draft.rejected', 'draft.approved']);
      assert.deepEqual(await actions({ actor: 'user:ada@example.com', limit: 10 }), ['draft.approved']);
      assert.deepEqual(await actions({ action: 'draft.', limit: 10 }), ['draft.rejected', 'draft.approved']);
      assert.deepEqual(await actions({ action: 'draft.approved', limit: 10 }), ['draft.approved']);
      assert.deepEqual(await actions({ runId: 'r1', limit: 10 }), ['draft.approved', 'run.started']);
      assert.deepEqual(await actions({ actor: 'user:a%', limit: 10 }), []);
    });

    it('filters by date range, from inclusive and to exclusive', async () => {
      assert.deepEqual(await actions({ from: '2026-11-25T09:00:00.000Z', to: '2026-11-26T08:00:00.000Z', limit: 10 }), ['draft.rejected', 'draft.approved']);
    });

    it('pages newest first with a cursor', async () => {
      const search = createAuditSearch(log);
      const first = await search.search(tenant, { limit: 2 });
      assert.deepEqual(first.items.map((e) => e.action), ['draft_x.approved', 'settings.updated']);
      const second = await search.search(tenant, { limit: 2, cursor: first.nextCursor });
      assert.deepEqual(second.items.map((e) => e.action), ['draft.rejected', 'draft.approved']);
      const last = await search.search(tenant, { limit: 2, cursor: second.nextCursor });
      assert.deepEqual(last.items.map((e) => e.action), ['run.started']);
      assert.equal(last.nextCursor, null);
    });
  });
}

runSearchSuite('memory', () => createMemoryAuditLog());

describe('on PGlite', () => {
  let database: TestDatabase;
  before(async () => {
    database = await openTestDatabase('pglite');
  });
  after(() => database.drop());
  runSearchSuite('PGlite', () => createPostgresAuditLog(database));
});
