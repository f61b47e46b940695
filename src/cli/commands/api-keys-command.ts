// `sales-agent api-keys create --name ... [--role operator]`: a key for machine clients of the API
// (Authorization: Bearer <key>). Only its hash is stored, so it is printed once and never again.
import { randomUUID } from 'node:crypto';
import { createAuthService } from '../../services/auth-service.js';
import { createPostgresAuthStore } from '../../store/auth-store.js';
import { SESSION_TTL_MS } from '../compose-dashboard.js';
import { DEFAULT_TENANT_ID } from '../compose-service.js';
import { openCliDatabase, type CliEnv } from './cli-database.js';
import type { CommandIo } from './run-command.js';

export async function apiKeysCreateCommand(options: { name: string; role: string }, io: CommandIo, env: CliEnv): Promise<number> {
  const opened = await openCliDatabase(env, { migrate: true, lockHint: 'or run this command while the server is stopped' });
  if (!opened.ok) {
    io.stderr(`error: ${opened.message}\n`);
    return opened.exitCode;
  }
  try {
    const auth = createAuthService({ store: createPostgresAuthStore(opened.database), clock: () => new Date(), newId: randomUUID, sessionTtlMs: SESSION_TTL_MS });
    const created = await auth.createApiKey({ tenantId: DEFAULT_TENANT_ID, name: options.name, role: options.role });
    if (!created.ok) {
      io.stderr(`error: the key was not created:\n${created.problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n')}\n`);
      return 2;
    }
    io.stdout(`created API key "${options.name.trim()}" (${options.role}, id ${created.prefix}) in ${opened.where}\n`);
    io.stdout(`key (shown once, store it now): ${created.key}\n`);
    io.stdout(`use it as: Authorization: Bearer ${created.prefix}_...\n`);
    return 0;
  } finally {
    await opened.database.close();
  }
}
