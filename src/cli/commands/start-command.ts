// `sales-agent start [--role all|api|worker]`: the service. With no configuration it runs everything
// in one process on the embedded database, the in-process queue and the demo workspace.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../observability/logger.js';
import type { Role } from '../compose-service.js';
import { startService } from '../compose-service.js';
import type { CommandIo } from './run-command.js';

export const ROLES: Role[] = ['all', 'api', 'worker'];

export async function startCommand(options: { role: string }, io: CommandIo): Promise<number> {
  if (!ROLES.includes(options.role as Role)) {
    io.stderr(`error: --role must be one of ${ROLES.join(', ')} (got ${options.role})\n`);
    return 2;
  }
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    io.stderr(`error: the configuration is invalid:\n${loaded.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return 2;
  }
  const { config } = loaded;
  const log = createLogger({ level: config.logLevel });
  const staticDir = resolve('web/dist');
  let service;
  try {
    service = await startService(config, options.role as Role, log, { staticDir: existsSync(staticDir) ? staticDir : null });
  } catch (error) {
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const database = config.database.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.database.dataDir}`;
  const queue = config.queue.redisUrl ? 'BullMQ on Redis' : 'in-process queue';
  log.info({ role: options.role, url: service.url, database, queue }, `Sales Agent ${options.role === 'worker' ? 'worker started' : `listening on ${service.url ?? ''}`} (${database}; ${queue}; DRAFT_ONLY unless a tenant turns on SEND)`);
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      log.info({ signal }, 'stopping: no new work; finishing or releasing in-flight runs');
      service.stop().then(done, (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        done();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  log.info('stopped');
  return 0;
}
