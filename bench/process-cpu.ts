// CPU time read off the processes a benchmark drives, so a figure per request or per run says where the
// machine's two cores went, which a busy machine does not inflate the way it inflates latency.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Database } from '../src/store/database.js';
import { queryRows } from '../src/store/sql-rows.js';

const CLOCK_TICKS_PER_SECOND = 100;

/** CPU ms used so far by a process of this machine (utime + stime of /proc/<pid>/stat), or null when unreadable. */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of the whole line; 12 and 13 after "pid (comm) ".
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * CPU ms used so far by each server backend of the database, read from /proc: the server's share of
 * the work. Null when the server is not on this machine (or is PGlite, whose CPU is this process's).
 */
export async function backendCpu(database: Database | null): Promise<Map<number, number> | null> {
  if (database === null || database.kind !== 'postgres') return null;
  const rows = await queryRows<{ pid: number }>(
    database.db,
    sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const times = new Map<number, number>();
  for (const { pid } of rows) {
    const ms = processCpuMs(pid);
    if (ms === null) return null;
    times.set(pid, ms);
  }
  return times;
}

/** The CPU ms the backends used between two readings (backends that appeared in between count whole). */
export function backendCpuDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (before === null || after === null) return null;
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

/** CPU ms the Redis server has used so far (INFO cpu: the main thread and its helpers, user + system). */
export async function redisCpuMs(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const read = (name: string): number => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return (read('used_cpu_user') + read('used_cpu_sys')) * 1000;
}
