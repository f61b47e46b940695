import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { AppError } from '../domain/errors.js';
import { acquireDataDirLock, LOCK_FILE_NAME } from './data-dir-lock.js';
import { openDatabase } from './database.js';

const root = mkdtempSync(join(tmpdir(), 'sa-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshDir = (): string => {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};
const lockPath = (dir: string): string => join(dir, LOCK_FILE_NAME);

function inUseBy(dir: string, pid: number) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'conflict');
    assert.equal(
      error.message,
      `The embedded database in ${dir} is already in use by another Sales Agent process (pid ${pid}). ` +
        'Stop that process, or set DATABASE_URL to use PostgreSQL.',
    );
    return true;
  };
}

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  assert.ok(child.pid);
  return child.pid;
}

describe('data directory lock', () => {
  it('is held while open and removed on release, after which it can be taken again', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    assert.equal((JSON.parse(readFileSync(lockPath(dir), 'utf8')) as { pid: number }).pid, process.pid);
    lock.release();
    lock.release();
    assert.equal(existsSync(lockPath(dir)), false);
    acquireDataDirLock(dir).release();
  });

  it('refuses a second open in the same process with the clear message', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    try {
      assert.throws(() => acquireDataDirLock(dir), inUseBy(dir, process.pid));
    } finally {
      lock.release();
    }
  });

  it('makes openDatabase fail fast while another process holds the directory, then takes over once it died', async () => {
    const dir = freshDir();
    const script = fileURLToPath(new URL('../testing/hold-data-dir-lock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
      assert.equal(chunk.toString().trim(), 'locked');
      assert.ok(child.pid);
      await assert.rejects(openDatabase({ databaseUrl: null, dataDir: dir }), inUseBy(dir, child.pid));
      assert.equal(
        existsSync(join(dir, 'PG_VERSION')),
        false,
        'PGlite was never started on the locked directory',
      );
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    // Killed without releasing: the lock it left is stale now.
    acquireDataDirLock(dir).release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = freshDir();
    writeFileSync(lockPath(dir), JSON.stringify({ pid: deadPid(), processStart: null, token: 'old' }));
    const lock = acquireDataDirLock(dir);
    assert.equal((JSON.parse(readFileSync(lockPath(dir), 'utf8')) as { pid: number }).pid, process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to a different process, or whose content is unreadable', () => {
    const recycled = freshDir();
    writeFileSync(
      lockPath(recycled),
      JSON.stringify({ pid: process.ppid, processStart: 'not-its-start-time', token: 'old' }),
    );
    if (existsSync(`/proc/${process.ppid}/stat`)) acquireDataDirLock(recycled).release();
    const garbage = freshDir();
    writeFileSync(lockPath(garbage), 'half-writ');
    acquireDataDirLock(garbage).release();
  });

  it('does not remove a lock that another process has taken over in the meantime', () => {
    const dir = freshDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(
      lockPath(dir),
      JSON.stringify({ pid: process.ppid, processStart: null, token: 'someone-else' }),
    );
    lock.release();
    assert.equal(existsSync(lockPath(dir)), true);
  });
});
