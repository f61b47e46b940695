// A small JSON client for the service's REST API in end-to-end tests (runs, drafts, settings), signed
// in with an API key (Authorization: Bearer), and the way to mint such a key straight in a database.
import { randomUUID } from 'node:crypto';
import { createAuthService } from '../../src/services/auth-service.js';
import { createPostgresAuthStore } from '../../src/store/auth-store.js';
import type { Database } from '../../src/store/database.js';
import { eventually } from './eventually.js';

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface RunDetailBody {
  run: { id: string; status: string; attempt: number };
  steps: { stepId: string; attempt: number; status: string }[];
  draft: { id: string; state: string; to: string } | null;
}

export interface ApiClient {
  call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    path: string,
    body?: unknown,
  ): Promise<ApiAnswer<T>>;
  /** Waits until the run has finished (succeeded, skipped or failed) and returns its detail. */
  waitForRunToFinish(runId: string, timeoutMs?: number): Promise<RunDetailBody>;
}

export function createApiClient(baseUrl: string, apiKey: string): ApiClient {
  const call: ApiClient['call'] = async <T>(method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(baseUrl + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    call,
    waitForRunToFinish: (runId, timeoutMs = 60_000) =>
      eventually(
        `run ${runId} to finish`,
        async () => {
          const { status, body } = await call<RunDetailBody>('GET', `/api/runs/${runId}`);
          if (status === 401 || status === 403) throw new Error(`the API refused the test's key (${status})`);
          return status === 200 && ['succeeded', 'skipped', 'failed'].includes(body.run.status) ? body : null;
        },
        { timeoutMs },
      ),
  };
}

/** An admin API key of the default tenant, written into `database` (migrated) before the service starts. */
export async function mintApiKey(database: Database): Promise<string> {
  const auth = createAuthService({
    store: createPostgresAuthStore(database),
    clock: () => new Date(),
    newId: randomUUID,
    sessionTtlMs: 60_000,
  });
  const created = await auth.createApiKey({
    tenantId: 'default',
    name: `e2e-${randomUUID().slice(0, 8)}`,
    role: 'admin',
  });
  if (!created.ok) throw new Error(`could not create a test API key: ${JSON.stringify(created.problems)}`);
  return created.key;
}
