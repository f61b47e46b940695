// The AuthStore contract, run against memory, PGlite and PostgreSQL: unique emails, the first-user
// rule, session expiry and API key lookup by hash (revoked keys never found).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AuthStore, UserRecord } from '../domain/ports/auth-store.js';

function newUser(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: randomUUID(),
    tenantId: 'tenant-auth',
    email: `${randomUUID()}@example.com`,
    role: 'operator',
    passwordHash: 'scrypt$1$1$1$c2FsdA==$aGFzaA==',
    createdAt: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}

export function runAuthStoreConformance(name: string, makeStore: () => AuthStore, options: { isolatedStore: () => Promise<AuthStore> }): void {
  describe(`AuthStore on ${name}`, () => {
    it('creates a user once per email and finds it by email', async () => {
      const store = makeStore();
      const user = newUser();
      assert.deepEqual(await store.createUser(user), { created: true });
      assert.deepEqual(await store.createUser(newUser({ email: user.email })), { created: false });
      assert.deepEqual(await store.findUserByEmail(user.email), user);
      assert.equal(await store.findUserByEmail('nobody@example.com'), null);
    });

    it('creates the first user only while there are none', async () => {
      const store = await options.isolatedStore();
      assert.equal(await store.countUsers(), 0);
      assert.equal(await store.createFirstUser(newUser({ role: 'admin' })), true);
      assert.equal(await store.createFirstUser(newUser({ role: 'admin' })), false);
      assert.equal(await store.countUsers(), 1);
    });

    it('finds a session with its user until it expires, and not after it is deleted', async () => {
      const store = makeStore();
      const user = newUser();
      await store.createUser(user);
      const session = { tokenHash: randomUUID(), userId: user.id, tenantId: user.tenantId, csrfToken: 'csrf-1', createdAt: '2026-11-25T10:00:00.000Z', expiresAt: '2026-11-25T12:00:00.000Z' };
      await store.createSession(session);
      const found = await store.findSession(session.tokenHash, '2026-11-25T11:59:59.000Z');
      assert.deepEqual(found, { session, user });
      assert.equal(await store.findSession(session.tokenHash, '2026-11-25T12:00:00.000Z'), null);
      await store.deleteSession(session.tokenHash);
      assert.equal(await store.findSession(session.tokenHash, '2026-11-25T11:00:00.000Z'), null);
    });

    it('finds an API key by its hash, never a revoked one', async () => {
      const store = makeStore();
      const key = { id: randomUUID(), tenantId: 't', name: 'crm-sync', role: 'viewer' as const, prefix: 'sa_1234', keyHash: randomUUID(), createdAt: '2026-11-25T10:00:00.000Z', revokedAt: null };
      await store.createApiKey(key);
      assert.deepEqual(await store.findApiKey(key.keyHash), key);
      const revoked = { ...key, id: randomUUID(), keyHash: randomUUID(), revokedAt: '2026-11-25T11:00:00.000Z' };
      await store.createApiKey(revoked);
      assert.equal(await store.findApiKey(revoked.keyHash), null);
      assert.equal(await store.findApiKey('unknown'), null);
    });
  });
}
