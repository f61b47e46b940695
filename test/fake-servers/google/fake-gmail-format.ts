// Shared Gmail pieces for the fake's routes: the Message resource in each format, and search over
// the mailbox (a thread matches when one of its messages matches the whole query, as in Gmail).
import { headerValue, threadMessages, type FakeGoogleState, type FakeMessage, type FakePart, type FakeThread } from './fake-google-state.js';
import { matchesQuery, mentionsSpamOrTrash, parseGmailQuery } from './gmail-query.js';

export type MessageFormat = 'full' | 'metadata' | 'minimal' | 'raw';

export function readFormat(value: string | null): MessageFormat | null {
  if (value === null) return 'full';
  return value === 'full' || value === 'metadata' || value === 'minimal' || value === 'raw' ? value : null;
}

export function formatMessage(message: FakeMessage, format: MessageFormat, metadataHeaders: string[]): Record<string, unknown> {
  const base = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: message.snippet,
    sizeEstimate: message.searchText.length + 512,
    historyId: message.historyId,
    internalDate: String(message.internalDate),
  };
  if (format === 'minimal') return base;
  if (format === 'raw') return { ...base, raw: Buffer.from(message.raw ?? '', 'utf8').toString('base64url') };
  if (format === 'metadata') {
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    const headers = message.payload.headers.filter((h) => wanted.length === 0 || wanted.includes(h.name.toLowerCase()));
    return { ...base, payload: { mimeType: message.payload.mimeType, headers } };
  }
  return { ...base, payload: structuredClone(message.payload) };
}

export function formatThread(state: FakeGoogleState, thread: FakeThread, format: MessageFormat, metadataHeaders: string[]): Record<string, unknown> {
  const messages = threadMessages(state, thread);
  return {
    id: thread.id,
    historyId: messages[messages.length - 1]?.historyId ?? '0',
    messages: messages.map((m) => formatMessage(m, format, metadataHeaders)),
  };
}

/** Messages matching `q`, newest first. Throws on a query the fake cannot read. */
export function searchMessages(state: FakeGoogleState, q: string | null, includeSpamTrash: boolean, now: number): FakeMessage[] {
  const query = parseGmailQuery(q ?? '');
  const withSpam = includeSpamTrash || mentionsSpamOrTrash(query);
  const ctx = { labels: state.labels, userEmail: state.userEmail, now };
  return [...state.messages.values()]
    .filter((m) => withSpam || !m.labelIds.some((l) => l === 'SPAM' || l === 'TRASH'))
    .filter((m) => matchesQuery(query, m, ctx))
    .sort((a, b) => b.internalDate - a.internalDate);
}

export function latestMessage(state: FakeGoogleState, thread: FakeThread): FakeMessage | undefined {
  return threadMessages(state, thread).reduce<FakeMessage | undefined>((latest, m) => (latest === undefined || m.internalDate >= latest.internalDate ? m : latest), undefined);
}

/** The message's own Message-ID header, for threading checks. */
export function messageIdOf(message: FakeMessage): string | null {
  return headerValue(message.payload.headers, 'message-id');
}

export function textOf(part: FakePart): string {
  const own = part.body.data !== undefined && part.mimeType.startsWith('text/') ? Buffer.from(part.body.data, 'base64url').toString('utf8') : '';
  return [own, ...(part.parts ?? []).map(textOf)].join(' ');
}
