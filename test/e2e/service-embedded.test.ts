// The service on its embedded defaults: one process (`--role all`), PGlite in a temporary DATA_DIR and
// the in-process queue, no DATABASE_URL or REDIS_URL. The same promise as on PostgreSQL and Redis:
// a signed webhook is accepted with a run id, the run completes, the draft is stored, a redelivery
// names the same run. Needs no external service, so it always runs.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/store/database.js';
import { queryRows } from '../../src/store/sql-rows.js';
import { createApiClient, mintApiKey } from '../support/service-api.js';
import { spawnService, type ServiceProcess } from '../support/service-process.js';
import { formSubmissionBody, postSignedForm, TEST_CLIENT_SECRET } from '../support/signed-webhook.js';

describe('service on the embedded defaults (one process, PGlite, in-process queue)', () => {
  let dataDir: string;
  let service: ServiceProcess | null = null;
  let apiKey: string;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'sales-agent-e2e-'));
    // The API needs a key; it is written into the embedded database while no server holds it.
    const database = await openDatabase({ databaseUrl: null, dataDir });
    try {
      await database.migrate();
      apiKey = await mintApiKey(database);
    } finally {
      await database.close();
    }
  });

  after(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'accepts a signed webhook with a run id, completes the run, stores the draft, and answers a redelivery with the same run',
    { timeout: 180_000 },
    async () => {
      service = await spawnService({
        role: 'all',
        env: { DATA_DIR: dataDir, HUBSPOT_CLIENT_SECRET: TEST_CLIENT_SECRET },
      });
      const url = service.url!;
      const api = createApiClient(url, apiKey);
      const body = formSubmissionBody({ submissionId: randomUUID() });

      const first = await postSignedForm(url, body);
      assert.equal(first.status, 202, JSON.stringify(first.body));
      const runId = first.body.runId!;

      const detail = await api.waitForRunToFinish(runId);
      assert.equal(detail.run.status, 'succeeded', service.output().slice(-4000));
      assert.equal(detail.draft?.state, 'pending');
      const drafts = await api.call<{ items: { runId: string; state: string }[] }>(
        'GET',
        '/api/drafts?state=pending',
      );
      assert.deepEqual(
        drafts.body.items.map((d) => d.runId),
        [runId],
      );

      const again = await postSignedForm(url, body);
      assert.deepEqual(again, { status: 200, body: { runId, status: 'duplicate' } });

      // A graceful stop releases the data directory; the draft is in the embedded database itself.
      assert.equal(await service.stop(), 0, service.output().slice(-4000));
      const database = await openDatabase({ databaseUrl: null, dataDir });
      try {
        const rows = await queryRows<{ id: string; state: string }>(
          database.db,
          sql`SELECT id, state FROM drafts WHERE run_id = ${runId}`,
        );
        assert.deepEqual(rows, [{ id: `draft-${runId}`, state: 'pending' }]);
        const runs = await queryRows<{ status: string }>(database.db, sql`SELECT status FROM workflow_runs`);
        assert.deepEqual(runs, [{ status: 'succeeded' }]);
      } finally {
        await database.close();
      }
    },
  );
});
