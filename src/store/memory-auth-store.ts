// The AuthStore port in memory, for tests and the in-process demo: the same uniqueness, expiry and
// first-user rules as the tables.
import type { ApiKeyRecord, AuthStore, SessionRecord, UserRecord } from '../domain/ports/auth-store.js';
import { settle } from './sql-rows.js';

export function createMemoryAuthStore(): AuthStore {
  const users = new Map<string, UserRecord>();
  const sessions = new Map<string, SessionRecord>();
  const keys = new Map<string, ApiKeyRecord>();
  const byEmail = (email: string): UserRecord | undefined => [...users.values()].find((u) => u.email === email);
  const insertUser = (user: UserRecord): boolean => {
    if (users.has(user.id) || byEmail(user.email)) return false;
    users.set(user.id, { ...user, createdAt: new Date(user.createdAt).toISOString() });
    return true;
  };

  return {
    createUser: (user) => settle(() => ({ created: insertUser(user) })),
    createFirstUser: (user) => settle(() => users.size === 0 && insertUser(user)),
    findUserByEmail: (email) => settle(() => clone(byEmail(email) ?? null)),
    countUsers: () => settle(() => users.size),
    createSession: (session) =>
      settle(() => {
        for (const [hash, s] of sessions) if (Date.parse(s.expiresAt) < Date.parse(session.createdAt)) sessions.delete(hash);
        if (sessions.has(session.tokenHash)) throw new Error(`session ${session.tokenHash} exists`);
        sessions.set(session.tokenHash, { ...session, createdAt: iso(session.createdAt), expiresAt: iso(session.expiresAt) });
      }),
    findSession: (tokenHash, now) =>
      settle(() => {
        const session = sessions.get(tokenHash);
        const user = session ? users.get(session.userId) : undefined;
        if (!session || !user || Date.parse(session.expiresAt) <= Date.parse(now)) return null;
        return { session: { ...session }, user: { ...user } };
      }),
    deleteSession: (tokenHash) => settle(() => void sessions.delete(tokenHash)),
    createApiKey: (key) =>
      settle(() => {
        if ([...keys.values()].some((k) => k.keyHash === key.keyHash)) throw new Error('duplicate api key');
        keys.set(key.id, { ...key, createdAt: iso(key.createdAt) });
      }),
    findApiKey: (keyHash) =>
      settle(() => clone([...keys.values()].find((k) => k.keyHash === keyHash && k.revokedAt === null) ?? null)),
  };
}

function iso(at: string): string {
  return new Date(at).toISOString();
}

function clone<T>(value: T | null): T | null {
  return value === null ? null : { ...value };
}
