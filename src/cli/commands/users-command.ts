// `sales-agent users add --email ... --role admin|operator|viewer`: creates a dashboard account in the
// database the service uses. The password comes from stdin (--password-stdin) or is generated and
// printed once; it is never taken as an argument, where shell history and `ps` would keep it.
import { randomBytes, randomUUID } from 'node:crypto';
import { createAuthService } from '../../services/auth-service.js';
import { createPostgresAuthStore } from '../../store/auth-store.js';
import { SESSION_TTL_MS } from '../compose-dashboard.js';
import { DEFAULT_TENANT_ID } from '../compose-service.js';
import { openCliDatabase, type CliEnv } from './cli-database.js';
import type { CommandIo } from './run-command.js';

export interface UsersAddOptions {
  email: string;
  role: string;
  passwordStdin?: boolean;
}

export async function usersAddCommand(options: UsersAddOptions, io: CommandIo, env: CliEnv, readStdin: () => Promise<string>): Promise<number> {
  const generated = options.passwordStdin !== true;
  const password = generated ? randomBytes(15).toString('base64url') : (await readStdin()).replace(/\r?\n$/, '');
  const opened = await openCliDatabase(env, { migrate: true, lockHint: 'or run this command while the server is stopped' });
  if (!opened.ok) {
    io.stderr(`error: ${opened.message}\n`);
    return opened.exitCode;
  }
  try {
    const auth = createAuthService({ store: createPostgresAuthStore(opened.database), clock: () => new Date(), newId: randomUUID, sessionTtlMs: SESSION_TTL_MS });
    const outcome = await auth.addUser({ tenantId: DEFAULT_TENANT_ID, email: options.email, role: options.role, password });
    if (!outcome.ok) {
      io.stderr(`error: the user was not created:\n${outcome.problems.map((p) => `  ${p.field === '' ? '' : `${p.field}: `}${p.reason}`).join('\n')}\n`);
      return 2;
    }
    io.stdout(`created ${outcome.user.role} ${outcome.user.email} in ${opened.where}\n`);
    if (generated) io.stdout(`password (shown once, store it now): ${password}\n`);
    return 0;
  } finally {
    await opened.database.close();
  }
}

/** All of standard input as text (for --password-stdin). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
