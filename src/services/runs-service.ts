// Runs for the API and dashboard: list with counts, detail with steps, audit and submission, retry
// from the failed step, failures grouped by error.
import type { RunStatus } from '../domain/ports/run-store.js';
import type { ServiceDeps } from './service-deps.js';
import type { RunsService } from './service-types.js';

const RETRYABLE: RunStatus[] = ['failed', 'paused'];

export function createRunsService(deps: ServiceDeps): RunsService {
  const { stores } = deps;
  return {
    async list(tenantId, filter) {
      const { statuses: _s, limit: _l, cursor: _c, ...common } = filter;
      const [page, counts] = await Promise.all([stores.runQueries.listRuns(tenantId, filter), stores.runQueries.countRunsByStatus(tenantId, common)]);
      return { ...page, counts };
    },
    async get(tenantId, runId) {
      const run = await stores.runStore.findRun(tenantId, runId);
      if (!run) return null;
      const [steps, audit, submission, draft, summary] = await Promise.all([
        stores.runStore.listSteps(tenantId, runId),
        stores.audit.list(tenantId, { runId, limit: 500 }),
        stores.intake.findSubmissionForRun(tenantId, runId),
        stores.drafts.findDraftForRun(tenantId, runId),
        stores.runQueries.findRunListItem(tenantId, runId),
      ]);
      const deadLettered = summary?.deadLettered ?? false;
      return { run: { ...run, deadLettered }, steps, audit, submission, draft };
    },
    async retry(tenantId, runId, actor) {
      const run = await stores.runStore.findRun(tenantId, runId);
      if (!run) return { ok: false, code: 'not-found', message: `run ${runId} not found` };
      if (!RETRYABLE.includes(run.status)) {
        return { ok: false, code: 'conflict', message: `run ${runId} is ${run.status}; only failed or paused runs can be retried` };
      }
      const now = deps.clock().toISOString();
      const scheduled = await stores.dispatch.scheduleRetry(tenantId, runId, { dueAt: now, now, actor });
      if (!scheduled) return { ok: false, code: 'conflict', message: `run ${runId} changed while retrying; reload and try again` };
      await deps.queue.enqueue({ tenantId, runId, attempt: run.attempt }).catch(() => undefined);
      const updated = await stores.runStore.findRun(tenantId, runId);
      return { ok: true, run: updated ?? run };
    },
    failures(tenantId) {
      return stores.runQueries.groupFailures(tenantId, 50);
    },
  };
}
