// Liveness and readiness: ready means the database answers and the queue is reachable.
import type { JobQueue } from '../domain/ports/job-queue.js';
import type { HealthService } from './service-types.js';

export function createHealthService(deps: { queue: JobQueue; pingDatabase: () => Promise<void> }): HealthService {
  return {
    live: () => ({ ok: true }),
    async ready() {
      const [database, queue] = await Promise.all([
        deps.pingDatabase().then(
          () => ({ ok: true, detail: 'answering' }),
          (error: unknown) => ({ ok: false, detail: error instanceof Error ? error.message : String(error) }),
        ),
        deps.queue.check().catch((error: unknown) => ({ ok: false, detail: error instanceof Error ? error.message : String(error) })),
      ]);
      return { ok: database.ok && queue.ok, checks: { database, queue } };
    },
  };
}
