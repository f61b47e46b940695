// LISTEN/NOTIFY across two connections to one PostgreSQL database, as an API process hears a worker.
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createLiveEventBus } from '../services/live-events.js';
import type { LiveEvent } from '../domain/ports/live-events.js';
import { describeWithPostgres } from '../testing/describe-with-postgres.js';
import { openTestDatabase, type TestDatabase } from '../testing/test-database.js';
import { openDatabase, type Database } from './database.js';
import { createPostgresLiveEventChannel } from './postgres-live-events.js';

describeWithPostgres('live events over PostgreSQL LISTEN/NOTIFY', (postgresUrl) => {
  let database: TestDatabase;
  let workerDatabase: Database;
  before(async () => {
    database = await openTestDatabase('postgres', { postgresUrl });
    workerDatabase = await openDatabase({ databaseUrl: database.url ?? '', dataDir: '' });
  });
  after(async () => {
    await workerDatabase.close();
    await database.drop();
  });

  it('delivers an event published by another process to the API process listeners', async () => {
    const url = database.url ?? '';
    const api = createLiveEventBus({ transport: createPostgresLiveEventChannel(database, url) });
    const worker = createLiveEventBus({ transport: createPostgresLiveEventChannel(workerDatabase, url) });
    try {
      const received = new Promise<LiveEvent>((resolve) => api.subscribe('tenant-1', resolve));
      // The LISTEN is issued on subscribe; publish until it is in place (a NOTIFY before it is lost by design).
      let event: LiveEvent | null = null;
      void received.then((e) => (event = e));
      for (let i = 0; i < 50 && event === null; i += 1) {
        worker.publish({
          tenantId: 'tenant-1',
          kind: 'run',
          runId: 'run-9',
          draftId: null,
          status: 'succeeded',
          at: '2026-11-25T10:00:00.000Z',
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const got = await received;
      assert.equal(got.runId, 'run-9');
      assert.equal(got.status, 'succeeded');
    } finally {
      await api.close();
      await worker.close();
    }
  });

  it('sends the notices published within a few milliseconds as one statement, each delivered on its own, in order', async () => {
    const url = database.url ?? '';
    const api = createLiveEventBus({ transport: createPostgresLiveEventChannel(database, url) });
    const worker = createLiveEventBus({ transport: createPostgresLiveEventChannel(workerDatabase, url) });
    const event = (runId: string): LiveEvent => ({
      tenantId: 'tenant-2',
      kind: 'run',
      runId,
      draftId: null,
      status: 'pending',
      at: '2026-11-25T10:00:00.000Z',
    });
    try {
      const seen: string[] = [];
      api.subscribe('tenant-2', (e) => seen.push(e.runId ?? ''));
      for (let i = 0; i < 50 && seen.length === 0; i += 1) {
        worker.publish(event('probe'));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen.length = 0;
      const before = workerDatabase.stats.queries;
      for (const runId of ['r1', 'r2', 'r3']) worker.publish(event(runId));
      // A later turn, as the next batch of intake runs would come: it joins the same statement.
      await new Promise((resolve) => setImmediate(resolve));
      for (const runId of ['r4', 'r5']) worker.publish(event(runId));
      for (let i = 0; i < 100 && seen.length < 5; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(seen, ['r1', 'r2', 'r3', 'r4', 'r5']);
      assert.equal(workerDatabase.stats.queries - before, 1);
    } finally {
      await api.close();
      await worker.close();
    }
  });
});
