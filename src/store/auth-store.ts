// The AuthStore port on PostgreSQL / PGlite: one statement per call. Expired sessions are ignored on
// read and swept on write, so the table does not grow with every sign-in.
import { sql } from 'drizzle-orm';
import type { ApiKeyRecord, AuthStore, Role, SessionRecord, UserRecord } from '../domain/ports/auth-store.js';
import type { Database } from './database-handle.js';
import { queryRows, toIso, toIsoOrNull } from './sql-rows.js';

interface UserRow {
  id: string;
  tenant_id: string;
  email: string;
  role: Role;
  password_hash: string;
  created_at: string;
}

interface SessionUserRow extends UserRow {
  token_hash: string;
  csrf_token: string;
  session_created_at: string;
  expires_at: string;
}

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  name: string;
  role: Role;
  prefix: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

const USER_COLUMNS = sql.raw('u.id, u.tenant_id, u.email, u.role, u.password_hash, u.created_at');

export function createPostgresAuthStore(database: Database): AuthStore {
  const { db } = database;
  return {
    async createUser(user) {
      const rows = await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO users (id, tenant_id, email, role, password_hash, created_at)
            VALUES (${user.id}, ${user.tenantId}, ${user.email}, ${user.role}, ${user.passwordHash},
                    ${user.createdAt}::timestamptz)
            ON CONFLICT (email) DO NOTHING RETURNING id`,
      );
      return { created: rows.length === 1 };
    },

    async createFirstUser(user) {
      // One statement: two browsers racing through the setup form cannot both create an admin.
      const rows = await queryRows<{ id: string }>(
        db,
        sql`INSERT INTO users (id, tenant_id, email, role, password_hash, created_at)
            SELECT ${user.id}, ${user.tenantId}, ${user.email}, ${user.role}, ${user.passwordHash},
                   ${user.createdAt}::timestamptz
            WHERE NOT EXISTS (SELECT 1 FROM users)
            ON CONFLICT DO NOTHING RETURNING id`,
      );
      return rows.length === 1;
    },

    async findUserByEmail(email) {
      const rows = await queryRows<UserRow>(db, sql`SELECT ${USER_COLUMNS} FROM users u WHERE u.email = ${email}`);
      return rows[0] ? userFromRow(rows[0]) : null;
    },

    async countUsers() {
      const rows = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users`);
      return rows[0]?.n ?? 0;
    },

    async createSession(session) {
      await db.execute(sql`
        WITH swept AS (DELETE FROM sessions WHERE expires_at < ${session.createdAt}::timestamptz)
        INSERT INTO sessions (token_hash, user_id, tenant_id, csrf_token, created_at, expires_at)
        VALUES (${session.tokenHash}, ${session.userId}, ${session.tenantId}, ${session.csrfToken},
                ${session.createdAt}::timestamptz, ${session.expiresAt}::timestamptz)`);
    },

    async findSession(tokenHash, now) {
      const rows = await queryRows<SessionUserRow>(
        db,
        sql`SELECT ${USER_COLUMNS}, s.token_hash, s.csrf_token, s.created_at AS session_created_at, s.expires_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = ${tokenHash} AND s.expires_at > ${now}::timestamptz`,
      );
      const row = rows[0];
      if (!row) return null;
      return { session: sessionFromRow(row), user: userFromRow(row) };
    },

    async deleteSession(tokenHash) {
      await db.execute(sql`DELETE FROM sessions WHERE token_hash = ${tokenHash}`);
    },

    async createApiKey(key) {
      await db.execute(sql`
        INSERT INTO api_keys (id, tenant_id, name, role, prefix, key_hash, created_at, revoked_at)
        VALUES (${key.id}, ${key.tenantId}, ${key.name}, ${key.role}, ${key.prefix}, ${key.keyHash},
                ${key.createdAt}::timestamptz, ${key.revokedAt}::timestamptz)`);
    },

    async findApiKey(keyHash) {
      const rows = await queryRows<ApiKeyRow>(
        db,
        sql`SELECT id, tenant_id, name, role, prefix, key_hash, created_at, revoked_at
            FROM api_keys WHERE key_hash = ${keyHash} AND revoked_at IS NULL`,
      );
      return rows[0] ? apiKeyFromRow(rows[0]) : null;
    },
  };
}

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    email: row.email,
    role: row.role,
    passwordHash: row.password_hash,
    createdAt: toIso(row.created_at),
  };
}

function sessionFromRow(row: SessionUserRow): SessionRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.id,
    tenantId: row.tenant_id,
    csrfToken: row.csrf_token,
    createdAt: toIso(row.session_created_at),
    expiresAt: toIso(row.expires_at),
  };
}

function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    keyHash: row.key_hash,
    createdAt: toIso(row.created_at),
    revokedAt: toIsoOrNull(row.revoked_at),
  };
}
