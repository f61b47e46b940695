// The in-memory world behind the fake Google server: one mailbox, one Drive, calendars and the
// OAuth token registry. Plain maps, so tests can read and poke them directly.

export interface MessageHeader {
  name: string;
  value: string;
}

export interface FakePart {
  partId: string;
  mimeType: string;
  filename: string;
  headers: MessageHeader[];
  body: { size: number; data?: string; attachmentId?: string };
  parts?: FakePart[];
}

export interface FakeMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Epoch ms. */
  internalDate: number;
  snippet: string;
  historyId: string;
  payload: FakePart;
  /** Decoded text the free-text search looks in. */
  searchText: string;
  /** The RFC 2822 source, for messages created from a raw draft. */
  raw: string | null;
}

export interface FakeThread {
  id: string;
  /** Oldest first. */
  messageIds: string[];
}

export interface FakeDraft {
  id: string;
  messageId: string;
  /** The thread the request named, and why the draft did not stay in it (null when it did). */
  requestedThreadId: string | null;
  threadingProblem: string | null;
}

export interface FakeLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
  messageListVisibility?: string;
  labelListVisibility?: string;
}

export interface FakeDriveFile {
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  trashed: boolean;
  webViewLink: string;
  modifiedTime: string;
  description?: string;
  /** Set for items in a shared drive: listed only with supportsAllDrives + includeItemsFromAllDrives. */
  driveId?: string;
  shortcutDetails?: { targetId: string; targetMimeType: string };
}

export interface BusyRange {
  start: string;
  end: string;
}

export interface FakeServiceAccount {
  email: string;
  /** PEM; when set the JWT assertion's RS256 signature is verified. */
  publicKey: string | null;
  /** Users it may impersonate; null allows anyone. */
  subjects: Set<string> | null;
  /** Scopes granted to it in the Admin console's domain-wide delegation; null allows any. */
  delegatedScopes: Set<string> | null;
}

export interface IssuedToken {
  expiresAt: number;
  /** The refresh token or service account (and subject) it was issued for. */
  issuedFor: string;
}

export interface FakeGoogleState {
  userEmail: string;
  threads: Map<string, FakeThread>;
  messages: Map<string, FakeMessage>;
  drafts: Map<string, FakeDraft>;
  labels: Map<string, FakeLabel>;
  files: Map<string, FakeDriveFile>;
  folders: Map<string, FakeDriveFile>;
  busy: Map<string, BusyRange[]>;
  /** Per-calendar errors freebusy reports inside its 200 (`notFound`, `internalError`, …). */
  calendarErrors: Map<string, string>;
  timeZone: string;
  oauthClients: Map<string, string>;
  refreshTokens: Map<string, { revoked: boolean }>;
  /** Consent codes for the authorization-code grant: the refresh token each yields, once. */
  authorizationCodes: Map<string, { refreshToken: string; redirectUri: string | null; used: boolean }>;
  accessTokens: Map<string, IssuedToken>;
  serviceAccounts: Map<string, FakeServiceAccount>;
  counters: { id: number; history: number; token: number };
  /** Return at most this many items per page whatever the caller asks (Gmail and Drive may return short pages). */
  pageSizeCap: number | null;
}

export const SYSTEM_LABELS = [
  'INBOX', 'SENT', 'DRAFT', 'SPAM', 'TRASH', 'UNREAD', 'STARRED', 'IMPORTANT',
  'CATEGORY_PERSONAL', 'CATEGORY_SOCIAL', 'CATEGORY_PROMOTIONS', 'CATEGORY_UPDATES', 'CATEGORY_FORUMS',
];

export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const SHORTCUT_MIME = 'application/vnd.google-apps.shortcut';

export function createFakeGoogleState(userEmail: string): FakeGoogleState {
  const labels = new Map<string, FakeLabel>();
  for (const id of SYSTEM_LABELS) labels.set(id, { id, name: id, type: 'system' });
  return {
    userEmail,
    threads: new Map(),
    messages: new Map(),
    drafts: new Map(),
    labels,
    files: new Map(),
    folders: new Map(),
    busy: new Map(),
    calendarErrors: new Map(),
    timeZone: 'America/New_York',
    oauthClients: new Map(),
    refreshTokens: new Map(),
    authorizationCodes: new Map(),
    accessTokens: new Map(),
    serviceAccounts: new Map(),
    counters: { id: 0, history: 1000, token: 0 },
    pageSizeCap: null,
  };
}

/** Hex ids in Gmail's style (`18c1f…`), unique within one fake. */
export function nextGmailId(state: FakeGoogleState): string {
  state.counters.id += 1;
  return (0x18c1f00000000 + state.counters.id).toString(16);
}

export function nextHistoryId(state: FakeGoogleState): string {
  state.counters.history += 1;
  return String(state.counters.history);
}

/** Messages of a thread, oldest first. */
export function threadMessages(state: FakeGoogleState, thread: FakeThread): FakeMessage[] {
  return thread.messageIds.map((id) => state.messages.get(id)).filter((m): m is FakeMessage => m !== undefined);
}

export function headerValue(headers: readonly MessageHeader[], name: string): string | null {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value ?? null;
}

/** Opaque page tokens: an offset, base64url'd so callers cannot build them. */
export function encodePageToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ offset, scope })).toString('base64url');
}

export function decodePageToken(token: string | null, scope: string): number | null {
  if (token === null || token === '') return 0;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset?: unknown; scope?: unknown };
    return typeof parsed.offset === 'number' && parsed.scope === scope ? parsed.offset : null;
  } catch {
    return null;
  }
}
