// The auth store port: operator accounts, browser sessions and API keys. Secrets never reach it in
// the clear: passwords arrive as scrypt hashes, session tokens and API keys as SHA-256 digests.

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface UserRecord {
  id: string;
  tenantId: string;
  /** Lower-cased; unique across tenants, so sign-in needs only the address. */
  email: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (base64 parts). */
  passwordHash: string;
  createdAt: string;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie's token: a leaked table does not sign anyone in. */
  tokenHash: string;
  userId: string;
  tenantId: string;
  /** The double-submit token the browser must echo in x-csrf-token on state-changing requests. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  role: Role;
  /** The first characters of the key, shown in listings so a person can tell keys apart. */
  prefix: string;
  /** SHA-256 (hex) of the whole key. */
  keyHash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AuthStore {
  /** Inserts the user; `created: false` (and nothing written) when the email is taken. */
  createUser(user: UserRecord): Promise<{ created: boolean }>;
  /** Inserts the user only while there are no users at all (first-admin setup); false otherwise. */
  createFirstUser(user: UserRecord): Promise<boolean>;
  findUserByEmail(email: string): Promise<UserRecord | null>;
  countUsers(): Promise<number>;
  createSession(session: SessionRecord): Promise<void>;
  /** The session and its user while the session has not expired at `now`. */
  findSession(tokenHash: string, now: string): Promise<{ session: SessionRecord; user: UserRecord } | null>;
  deleteSession(tokenHash: string): Promise<void>;
  createApiKey(key: ApiKeyRecord): Promise<void>;
  /** A key that exists and is not revoked. */
  findApiKey(keyHash: string): Promise<ApiKeyRecord | null>;
}
