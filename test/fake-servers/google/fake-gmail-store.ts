// Writes to the fake mailbox: seeding threads, and storing a raw RFC 2822 draft with Gmail's
// threading rule (api-contracts.md 3.3): a draft stays in the named thread only when the thread
// exists, In-Reply-To names a Message-ID in it, References contains that id and the subject
// matches (a "Re: " prefix is fine). Otherwise Gmail silently starts a new thread; so does this.
import {
  headerValue, nextGmailId, nextHistoryId, threadMessages,
  type FakeDraft, type FakeGoogleState, type FakeMessage, type FakeThread, type MessageHeader,
} from './fake-google-state.js';
import { messageIdOf, textOf } from './fake-gmail-format.js';
import { buildPayload, makeSnippet, parseRawMessage, type SeedBody } from './gmail-mime.js';

export interface SeedMessage extends SeedBody {
  id?: string;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  /** ISO instant; becomes internalDate. */
  sentAt: string;
  /** With angle brackets; defaults to `<id@mail.fake>`. */
  messageId?: string;
  labelIds?: string[];
  /** Extra or replacement headers, in the casing to send (e.g. `Message-Id`). */
  headers?: MessageHeader[];
}

export function seedThread(state: FakeGoogleState, seed: { id?: string; messages: SeedMessage[] }): FakeThread {
  const thread: FakeThread = { id: seed.id ?? nextGmailId(state), messageIds: [] };
  state.threads.set(thread.id, thread);
  for (const m of seed.messages) {
    const id = m.id ?? nextGmailId(state);
    const headers: MessageHeader[] = [
      { name: 'From', value: m.from },
      { name: 'To', value: m.to.join(', ') },
      ...(m.cc && m.cc.length > 0 ? [{ name: 'Cc', value: m.cc.join(', ') }] : []),
      { name: 'Subject', value: m.subject },
      { name: 'Date', value: new Date(m.sentAt).toUTCString() },
      { name: 'Message-ID', value: m.messageId ?? `<${id}@mail.fake>` },
    ];
    for (const extra of m.headers ?? []) {
      const at = headers.findIndex((h) => h.name.toLowerCase() === extra.name.toLowerCase());
      if (at >= 0) headers.splice(at, 1, extra);
      else headers.push(extra);
    }
    const payload = buildPayload(headers, m, `ANGjdJ_${id}`);
    const fromUs = m.from.toLowerCase().includes(state.userEmail.toLowerCase());
    const message: FakeMessage = {
      id,
      threadId: thread.id,
      labelIds: m.labelIds ?? [fromUs ? 'SENT' : 'INBOX'],
      internalDate: Date.parse(m.sentAt),
      snippet: makeSnippet(m.text ?? m.html ?? ''),
      historyId: nextHistoryId(state),
      payload,
      searchText: textOf(payload),
      raw: null,
    };
    state.messages.set(id, message);
    thread.messageIds.push(id);
  }
  return thread;
}

export function normalizeSubject(subject: string): string {
  let out = subject.trim();
  while (/^re\s*:/i.test(out)) out = out.replace(/^re\s*:\s*/i, '');
  return out.replace(/\s+/g, ' ').toLowerCase();
}

function findThreadingProblem(state: FakeGoogleState, thread: FakeThread, headers: MessageHeader[]): string | null {
  const messages = threadMessages(state, thread).filter((m) => !m.labelIds.includes('DRAFT'));
  const threadSubject = headerValue(messages[0]?.payload.headers ?? [], 'subject') ?? '';
  const subject = headerValue(headers, 'subject') ?? '';
  if (normalizeSubject(subject) !== normalizeSubject(threadSubject)) return `subject "${subject}" does not match "${threadSubject}"`;
  const inReplyTo = headerValue(headers, 'in-reply-to');
  const ids = messages.map(messageIdOf).filter((id): id is string => id !== null);
  if (inReplyTo === null || !ids.includes(inReplyTo.trim())) return `In-Reply-To ${inReplyTo ?? '(none)'} is not a Message-ID of the thread`;
  const references = (headerValue(headers, 'references') ?? '').split(/\s+/);
  if (!references.includes(inReplyTo.trim())) return 'References does not contain the In-Reply-To id';
  return null;
}

/** Stores a draft from its raw source; null when the named thread does not exist. */
export function storeDraft(state: FakeGoogleState, raw: string, requestedThreadId: string | null, now: number): FakeDraft | null {
  const parsed = parseRawMessage(raw);
  let threadingProblem: string | null = requestedThreadId === null ? 'no threadId given' : null;
  let thread: FakeThread | undefined;
  if (requestedThreadId !== null) {
    const requested = state.threads.get(requestedThreadId);
    if (requested === undefined) return null;
    threadingProblem = findThreadingProblem(state, requested, parsed.headers);
    if (threadingProblem === null) thread = requested;
  }
  const messageId = nextGmailId(state);
  if (thread === undefined) {
    thread = { id: messageId, messageIds: [] };
    state.threads.set(thread.id, thread);
  }
  const headers = [...parsed.headers];
  if (headerValue(headers, 'message-id') === null) headers.push({ name: 'Message-ID', value: `<${messageId}@mail.gmail.com>` });
  const payload = buildPayload(headers, { text: parsed.text }, '');
  payload.mimeType = parsed.mimeType;
  state.messages.set(messageId, {
    id: messageId,
    threadId: thread.id,
    labelIds: ['DRAFT'],
    internalDate: now,
    snippet: makeSnippet(parsed.text),
    historyId: nextHistoryId(state),
    payload,
    searchText: parsed.text,
    raw,
  });
  thread.messageIds.push(messageId);
  const draft: FakeDraft = { id: `r-${messageId}`, messageId, requestedThreadId, threadingProblem };
  state.drafts.set(draft.id, draft);
  return draft;
}

/** A plain draft built from fields, for seeding mailboxes with many drafts. */
export function seedDraft(state: FakeGoogleState, seed: { to: string; subject: string; body: string; headers?: MessageHeader[] }, now: number): FakeDraft {
  const lines = [
    `To: ${seed.to}`,
    `Subject: ${seed.subject}`,
    ...(seed.headers ?? []).map((h) => `${h.name}: ${h.value}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    seed.body,
  ];
  const draft = storeDraft(state, lines.join('\r\n'), null, now);
  if (draft === null) throw new Error('unreachable: a draft without a thread always stores');
  return draft;
}
