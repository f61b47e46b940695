// Runs `sales-agent start --role <role>` as a child process with exactly the environment a test gives
// it (nothing inherited but PATH and HOME, so a CI-wide DATABASE_URL never leaks into an embedded run),
// waits until it is ready, and keeps its output for the failure message. Every child is killed when the
// test process exits, whatever happened.
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';
import { findFreePort } from './free-port.js';

export type ServiceRole = 'all' | 'api' | 'worker';

export interface ServiceProcess {
  readonly role: ServiceRole;
  /** http://127.0.0.1:<port> for api and all; null for a worker. */
  readonly url: string | null;
  readonly pid: number;
  /** What the process printed so far (the last 64 KB), for failure messages. */
  output(): string;
  /** SIGKILL: the process dies at once, in the middle of whatever it was doing. */
  kill(): Promise<void>;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s); resolves with the exit code. */
  stop(): Promise<number | null>;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/sales-agent.js', import.meta.url));
const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** The base environment of a child: enough to find node and a home, nothing that configures the service. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = { LOG_LEVEL: 'info', HOST: '127.0.0.1' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/**
 * Starts the service. For api and all, PORT is a free loopback port chosen here (or options.port) and
 * PUBLIC_BASE_URL defaults to the same address, so v3 signatures over that URL verify.
 */
export async function spawnService(options: {
  role: ServiceRole;
  env: Record<string, string>;
  port?: number;
  readyTimeoutMs?: number;
}): Promise<ServiceProcess> {
  const { role } = options;
  const port = role === 'worker' ? null : (options.port ?? (await findFreePort()));
  const url = port === null ? null : `http://127.0.0.1:${port}`;
  const env = {
    ...baseEnv(),
    ...(url === null ? {} : { PORT: String(port), PUBLIC_BASE_URL: url }),
    ...options.env,
  };
  const child = spawn(process.execPath, [BIN, 'start', '--role', role], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      live.delete(child);
      resolve(code);
    });
  });
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const handle: ServiceProcess = {
    role,
    url,
    pid: child.pid ?? -1,
    output: () => output,
    async kill() {
      if (!hasExited) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (hasExited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };

  try {
    await eventually(
      `the ${role} process to be ready`,
      async () => {
        if (hasExited) throw new Error(`it exited early:\n${output}`);
        if (url === null) return output.includes('worker started');
        const response = await fetch(`${url}/health/ready`);
        return response.status === 200;
      },
      { timeoutMs: options.readyTimeoutMs ?? 60_000, intervalMs: 100 },
    );
  } catch (error) {
    await handle.kill();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\n--- ${role} output ---\n${output}`, { cause: error });
  }
  return handle;
}
