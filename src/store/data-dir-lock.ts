// An exclusive lock file for the embedded database's directory. PGlite takes no lock of its own, and two
// processes writing one directory silently lose rows, so the first opener wins and the second is refused.
// It knows nothing about PGlite: it only guards a directory.
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../domain/errors.js';

export const LOCK_FILE_NAME = 'sales-agent.lock';

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

interface LockContent {
  pid: number;
  /** The process's start time from /proc, so a recycled pid is not mistaken for the holder. */
  processStart: string | null;
  token: string;
}

/** Lock files held by this process, so a second open here is refused even though our pid is alive. */
const heldHere = new Set<string>();

export function acquireDataDirLock(dir: string): DataDirLock {
  const path = join(dir, LOCK_FILE_NAME);
  if (heldHere.has(path)) throw inUseError(dir, process.pid);
  // Two tries: the second follows the removal of a stale lock.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const mine: LockContent = {
      pid: process.pid,
      processStart: readProcessStart(process.pid),
      token: randomToken(),
    };
    if (tryCreate(path, mine)) {
      heldHere.add(path);
      return { path, release: () => releaseLock(path, mine.token) };
    }
    const holder = readLock(path);
    if (holder !== null && isAlive(holder)) throw inUseError(dir, holder.pid);
    removeIfUnchanged(path, holder);
  }
  throw inUseError(dir, readLock(path)?.pid ?? null);
}

function tryCreate(path: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(content));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The lock's content, or null when it is unreadable or not ours in format (treated as stale). */
function readLock(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    if (typeof parsed.pid !== 'number' || !Number.isInteger(parsed.pid) || parsed.pid <= 0) return null;
    return {
      pid: parsed.pid,
      processStart: typeof parsed.processStart === 'string' ? parsed.processStart : null,
      token: typeof parsed.token === 'string' ? parsed.token : '',
    };
  } catch {
    return null;
  }
}

function isAlive(holder: LockContent): boolean {
  // Our own pid but not held in this process: left by an earlier run that had the same pid
  // (common for pid 1 in a container restarted after a crash).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = readProcessStart(holder.pid);
  return holder.processStart === null || start === null || start === holder.processStart;
}

function removeIfUnchanged(path: string, stale: LockContent | null): void {
  const now = readLock(path);
  if (stale !== null && now !== null && now.token !== stale.token) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function releaseLock(path: string, token: string): void {
  if (!heldHere.delete(path)) return;
  if (readLock(path)?.token !== token) return;
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in clock ticks); null where /proc is not there. */
function readProcessStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function randomToken(): string {
  return randomUUID();
}

function inUseError(dir: string, pid: number | null): AppError {
  const who = pid === null ? 'another Sales Agent process' : `another Sales Agent process (pid ${pid})`;
  return new AppError(
    'conflict',
    `The embedded database in ${dir} is already in use by ${who}. ` +
      'Stop that process, or set DATABASE_URL to use PostgreSQL.',
    { details: { dataDir: dir, pid } },
  );
}
