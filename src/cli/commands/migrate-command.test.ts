import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { describeWithPostgres } from '../../testing/describe-with-postgres.js';
import type { CliEnv } from './cli-database.js';
import { holdDataDirLock } from './cli-test-databases.js';
import { migrateCommand } from './migrate-command.js';

async function migrate(env: CliEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await migrateCommand({ stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) }, env);
  return { code, stdout, stderr };
}

async function admin(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

describe('sales-agent migrate on the embedded database', () => {
  it('applies every migration to an empty data directory, then is a no-op', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-agent-migrate-'));
    const first = await migrate({ DATA_DIR: dir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^applied \d+ migrations to the embedded database in .*sales-agent-migrate-/);
    const second = await migrate({ DATA_DIR: dir });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^no-op: the embedded database in .* is current \(\d+ migrations applied earlier\)/);
  });

  it('refuses while another process holds the data directory, naming the ways out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sales-agent-locked-'));
    const holder = await holdDataDirLock(dir);
    try {
      const out = await migrate({ DATA_DIR: dir });
      assert.equal(out.code, 1);
      assert.equal(out.stdout, '');
      assert.match(out.stderr, new RegExp(`already in use by another Sales Agent process \\(pid ${holder.pid}\\)`));
      assert.match(out.stderr, /hint: stop the running server .*set DATABASE_URL.*the server .*migrate/);
    } finally {
      await holder.kill();
    }
  });
});

describeWithPostgres('sales-agent migrate on PostgreSQL', (postgresUrl) => {
  it('applies every migration to an empty database, then is a no-op', async () => {
    const name = `sa_test_${randomBytes(6).toString('hex')}`;
    await admin(postgresUrl, `CREATE DATABASE ${name}`);
    try {
      const url = new URL(postgresUrl);
      url.pathname = `/${name}`;
      const first = await migrate({ DATABASE_URL: url.toString() });
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /^applied \d+ migrations to PostgreSQL \(DATABASE_URL\) \((\d+) in all\)/);
      const second = await migrate({ DATABASE_URL: url.toString() });
      assert.match(second.stdout, /^no-op: PostgreSQL \(DATABASE_URL\) is current/);
    } finally {
      await admin(postgresUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('says why it cannot connect, without the password', async () => {
    const out = await migrate({ DATABASE_URL: 'postgres://u:secret@127.0.0.1:1/none' });
    assert.equal(out.code, 1);
    assert.match(out.stderr, /Cannot connect to PostgreSQL at postgres:\/\/u:\*\*\*@127\.0\.0\.1:1\/none/);
    assert.doesNotMatch(out.stderr, /secret/);
  });
});
