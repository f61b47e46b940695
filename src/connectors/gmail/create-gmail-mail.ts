// The mail port on Gmail. Composes the client's endpoint calls into the port's operations; each
// call is limited per tenant and mailbox and failures arrive already classified. Nothing here
// sleeps or retries: that is the workflow engine's decision.
import { AppError, PermanentError } from '../../domain/errors.js';
import type { CreateDraftInput, MailDraftRef, MailPort, MailThread, MailThreadRef, SearchThreadsQuery } from '../../domain/ports/mail.js';
import { createGoogleCallRunner, type GoogleAuthClient, type RateLimiter } from '../google-auth/index.js';
import { buildRawMessage, IDEMPOTENCY_HEADER, messageIdForKey } from './build-raw-message.js';
import { createGmailClient, type GmailClient } from './client.js';
import { buildInboundSearch, buildThreadSearch, findHeader, findLastMessageAt, isSearchableAddress, mapThread } from './mapping.js';

export interface GmailMailOptions {
  auth: GoogleAuthClient;
  /** GOOGLE_API_ROOT_URL: an origin such as http://127.0.0.1:4100 (a path would be dropped). */
  rootUrl?: string;
  userId: 'me' | (string & {});
  limiter: RateLimiter;
  tenantId: string;
  timeoutMs?: number;
  /** How many drafts the reconciliation scan reads at most (5 quota units each). */
  maxDraftsScanned?: number;
}

export function createGmailMail(options: GmailMailOptions): MailPort {
  const runner = createGoogleCallRunner({
    system: 'Gmail',
    limiter: options.limiter,
    limiterKey: `gmail:${options.tenantId}:${options.userId}`,
    tenantId: options.tenantId,
  });
  const client = createGmailClient({ ...options, runner, timeoutMs: options.timeoutMs ?? 30_000 });
  const maxDraftsScanned = options.maxDraftsScanned ?? 500;
  return {
    searchThreads: (query) => searchThreads(client, query),
    getThread: async (threadId): Promise<MailThread> => mapThread(await client.getThread(threadId, 'full')),
    createDraft: (input) => createDraft(client, input),
    findDraftByIdempotencyKey: (key) => findDraftByKey(client, key, maxDraftsScanned),
    ensureLabel: (name) => ensureLabel(client, name),
    applyLabel: (threadId, labelId) => client.modifyThread(threadId, [labelId]),
    sendDraft: async (draftId) => {
      const sent = await client.sendDraft(draftId);
      return { messageId: sent.id, threadId: sent.threadId };
    },
    hasInboundSince: (email, since) => hasInboundSince(client, email, since),
  };
}

function requireAddress(email: string, operation: string): string {
  if (!isSearchableAddress(email)) throw new PermanentError(`Gmail ${operation}: "${email}" is not an address we can search for`);
  return email;
}

function requireInstant(value: string, operation: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new PermanentError(`Gmail ${operation}: "${value}" is not an ISO instant`);
  return ms;
}

// threads.list is ordered by recency but carries no dates, so each candidate is read with
// format=metadata (10 units) for the internalDate of its newest non-draft message.
async function searchThreads(client: GmailClient, query: SearchThreadsQuery): Promise<MailThreadRef[]> {
  const sinceMs = requireInstant(query.since, 'searchThreads');
  if (query.maxResults <= 0) return [];
  const q = buildThreadSearch(requireAddress(query.email, 'searchThreads'), sinceMs);
  const candidates: { id: string; snippet: string }[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.listThreads(q, Math.min(500, query.maxResults - candidates.length), pageToken);
    candidates.push(...page.threads);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined && candidates.length < query.maxResults);
  const refs: MailThreadRef[] = [];
  for (const candidate of candidates.slice(0, query.maxResults)) {
    const last = findLastMessageAt(await client.getThread(candidate.id, 'metadata', ['Date']));
    if (last !== null && last >= sinceMs) refs.push({ id: candidate.id, snippet: candidate.snippet, lastMessageAt: new Date(last).toISOString() });
  }
  return refs.sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

async function createDraft(client: GmailClient, input: CreateDraftInput): Promise<MailDraftRef> {
  const raw = Buffer.from(buildRawMessage(input), 'utf8').toString('base64url');
  const draft = await client.createDraft(raw, input.threadId ?? undefined, input.idempotencyKey);
  // Gmail starts a new thread silently when the threading rule is not met (3.6): say so loudly.
  if (input.threadId !== null && draft.message.threadId !== input.threadId) {
    throw new PermanentError(
      `Gmail drafts.create for ${input.idempotencyKey}: draft ${draft.id} landed in thread ${draft.message.threadId}, not ${input.threadId}`,
      { details: { draftId: draft.id, threadId: draft.message.threadId } },
    );
  }
  return { draftId: draft.id, messageId: draft.message.id, threadId: draft.message.threadId };
}

// Fast path: drafts.list q=rfc822msgid:<our Message-ID> (5 units) and confirm the header on the
// hit (5 units). Fallback, for mailboxes where Gmail did not keep our Message-ID: read drafts
// newest first (5 units per page + 5 per draft), up to maxDraftsScanned.
async function findDraftByKey(client: GmailClient, key: string, maxScanned: number): Promise<MailDraftRef | null> {
  const messageId = messageIdForKey(key).slice(1, -1);
  const fast = await scanDrafts(client, key, `rfc822msgid:${messageId}`, 10);
  return fast ?? scanDrafts(client, key, undefined, maxScanned);
}

async function scanDrafts(client: GmailClient, key: string, q: string | undefined, maxScanned: number): Promise<MailDraftRef | null> {
  let scanned = 0;
  let pageToken: string | undefined;
  do {
    const page = await client.listDrafts(q, pageToken);
    for (const draft of page.drafts) {
      if (scanned >= maxScanned) return null;
      scanned += 1;
      const full = await client.getDraftHeaders(draft.id);
      if (findHeader(full.message.payload?.headers, IDEMPOTENCY_HEADER) === key) {
        return { draftId: full.id, messageId: full.message.id, threadId: full.message.threadId };
      }
    }
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return null;
}

async function ensureLabel(client: GmailClient, name: string): Promise<string> {
  const find = async (): Promise<string | null> =>
    (await client.listLabels()).find((l) => l.name.toLowerCase() === name.toLowerCase())?.id ?? null;
  const existing = await find();
  if (existing !== null) return existing;
  try {
    return (await client.createLabel(name)).id;
  } catch (error) {
    // 409 "Label name exists or conflicts": created meanwhile (or a differently-cased twin); re-list.
    if (!(error instanceof AppError) || error.details?.status !== 409) throw error;
    const raced = await find();
    if (raced === null) throw error;
    return raced;
  }
}

// messages.list is newest first; messages.get format=minimal gives internalDate (5 units each).
async function hasInboundSince(client: GmailClient, email: string, since: string): Promise<boolean> {
  const sinceMs = requireInstant(since, 'hasInboundSince');
  const list = await client.listMessages(buildInboundSearch(requireAddress(email, 'hasInboundSince'), sinceMs), 10);
  for (const ref of list.messages) {
    const message = await client.getMessageMinimal(ref.id);
    if (!message.labelIds.includes('DRAFT') && Number(message.internalDate) > sinceMs) return true;
  }
  return false;
}
