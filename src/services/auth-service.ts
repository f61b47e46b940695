// Sign-in, sessions and API keys. Secrets leave this module once (a session token in a cookie, an
// API key on the command line) and are stored only as hashes. Knows no HTTP and no SQL.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { FieldProblem } from '../domain/errors.js';
import { ROLES, type AuthStore, type Role, type UserRecord } from '../domain/ports/auth-store.js';
import { hashPassword, UNKNOWN_USER_HASH_PROMISE, verifyPassword } from './password-hash.js';
import type { Actor } from './service-types.js';

export const MIN_PASSWORD_LENGTH = 12;
export const API_KEY_PREFIX = 'sa_';

/** Who a request is: a signed-in person or a machine client with an API key. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  tenantId: string;
  role: Role;
  /** The email of a user, the name of an API key. */
  label: string;
  /** The session's double-submit token; null for API keys (no cookie, so no CSRF to defend against). */
  csrfToken: string | null;
  actor: Actor;
}

export type SignInOutcome =
  | { ok: true; token: string; csrfToken: string; expiresAt: string; principal: Principal }
  | { ok: false };

export type AddUserOutcome = { ok: true; user: Omit<UserRecord, 'passwordHash'> } | { ok: false; problems: FieldProblem[] };

export interface AuthService {
  addUser(input: { tenantId: string; email: string; role: string; password: string }): Promise<AddUserOutcome>;
  /** Creates an admin only while no user exists at all (first start); false when someone was first. */
  setupFirstAdmin(input: { tenantId: string; email: string; password: string }): Promise<AddUserOutcome>;
  countUsers(): Promise<number>;
  signIn(email: string, password: string): Promise<SignInOutcome>;
  signOut(token: string): Promise<void>;
  authenticateSession(token: string): Promise<Principal | null>;
  authenticateApiKey(key: string): Promise<Principal | null>;
  createApiKey(input: { tenantId: string; name: string; role: string }): Promise<{ ok: true; key: string; id: string; prefix: string } | { ok: false; problems: FieldProblem[] }>;
}

export interface AuthServiceDeps {
  store: AuthStore;
  clock: () => Date;
  newId: () => string;
  /** How long a session lasts from sign-in. */
  sessionTtlMs: number;
}

const UserInputSchema = z.object({
  email: z.email('not a valid email address').transform((e) => e.trim().toLowerCase()),
  role: z.enum(ROLES, `the role must be one of ${ROLES.join(', ')}`),
  password: z.string().min(MIN_PASSWORD_LENGTH, `the password needs at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
});

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { store } = deps;
  const now = (): string => deps.clock().toISOString();

  async function prepareUser(input: { tenantId: string; email: string; role: string; password: string }): Promise<{ ok: true; user: UserRecord } | { ok: false; problems: FieldProblem[] }> {
    const parsed = UserInputSchema.safeParse({ email: input.email.trim(), role: input.role, password: input.password });
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.'), reason: i.message })) };
    const { email, role, password } = parsed.data;
    return { ok: true, user: { id: deps.newId(), tenantId: input.tenantId, email, role, passwordHash: await hashPassword(password), createdAt: now() } };
  }

  return {
    async addUser(input) {
      const prepared = await prepareUser(input);
      if (!prepared.ok) return prepared;
      const { created } = await store.createUser(prepared.user);
      if (!created) return { ok: false, problems: [{ field: 'email', reason: `a user with email ${prepared.user.email} already exists` }] };
      return { ok: true, user: withoutHash(prepared.user) };
    },
    async setupFirstAdmin(input) {
      const prepared = await prepareUser({ ...input, role: 'admin' });
      if (!prepared.ok) return prepared;
      if (!(await store.createFirstUser(prepared.user))) return { ok: false, problems: [{ field: '', reason: 'the first admin already exists; sign in instead' }] };
      return { ok: true, user: withoutHash(prepared.user) };
    },
    countUsers: () => store.countUsers(),
    async signIn(email, password) {
      const user = await store.findUserByEmail(email.trim().toLowerCase());
      // An unknown email costs the same scrypt as a wrong password, so timing does not reveal accounts.
      const valid = await verifyPassword(password, user?.passwordHash ?? (await UNKNOWN_USER_HASH_PROMISE()));
      if (!user || !valid) return { ok: false };
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      const createdAt = now();
      const expiresAt = new Date(Date.parse(createdAt) + deps.sessionTtlMs).toISOString();
      await store.createSession({ tokenHash: sha256(token), userId: user.id, tenantId: user.tenantId, csrfToken, createdAt, expiresAt });
      return { ok: true, token, csrfToken, expiresAt, principal: userPrincipal(user, csrfToken) };
    },
    signOut: (token) => store.deleteSession(sha256(token)),
    async authenticateSession(token) {
      if (token === '') return null;
      const found = await store.findSession(sha256(token), now());
      return found ? userPrincipal(found.user, found.session.csrfToken) : null;
    },
    async authenticateApiKey(key) {
      if (!key.startsWith(API_KEY_PREFIX)) return null;
      const found = await store.findApiKey(sha256(key));
      if (!found) return null;
      return { kind: 'api-key', id: found.id, tenantId: found.tenantId, role: found.role, label: found.name, csrfToken: null, actor: `api-key:${found.prefix}` };
    },
    async createApiKey(input) {
      const name = input.name.trim();
      const problems: FieldProblem[] = [];
      if (name === '' || name.length > 100) problems.push({ field: 'name', reason: 'a name of 1 to 100 characters is required' });
      if (!(ROLES as readonly string[]).includes(input.role)) problems.push({ field: 'role', reason: `the role must be one of ${ROLES.join(', ')}` });
      if (problems.length > 0) return { ok: false, problems };
      const prefix = `${API_KEY_PREFIX}${randomBytes(4).toString('hex')}`;
      const key = `${prefix}_${randomBytes(24).toString('base64url')}`;
      const id = deps.newId();
      await store.createApiKey({ id, tenantId: input.tenantId, name, role: input.role as Role, prefix, keyHash: sha256(key), createdAt: now(), revokedAt: null });
      return { ok: true, key, id, prefix };
    },
  };
}

function userPrincipal(user: UserRecord, csrfToken: string): Principal {
  return { kind: 'user', id: user.id, tenantId: user.tenantId, role: user.role, label: user.email, csrfToken, actor: `user:${user.email}` };
}

function withoutHash(user: UserRecord): Omit<UserRecord, 'passwordHash'> {
  const { passwordHash: _hash, ...rest } = user;
  return rest;
}

/** Constant-time comparison of two tokens (the CSRF header against the session's). */
export function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
