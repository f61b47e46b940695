// Identity tables: operator accounts, browser sessions and API keys. Only hashes are stored: a
// password's scrypt hash, a session token's and an API key's SHA-256 digest.
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { ROLES, type Role } from '../../domain/ports/auth-store.js';
import { instant, oneOf } from './columns.js';

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Lower-cased by the service; unique so sign-in needs only the address. */
    email: text('email').notNull().unique('users_email_unique'),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [check('users_role_check', oneOf(t.role, ROLES)), index('users_tenant_idx').on(t.tenantId)],
);

export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tenantId: text('tenant_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique('api_keys_key_hash_unique'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [check('api_keys_role_check', oneOf(t.role, ROLES)), index('api_keys_tenant_idx').on(t.tenantId)],
);
