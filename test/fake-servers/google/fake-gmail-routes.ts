// Gmail v1 routes of the fake: threads list/get/modify, messages list/get, labels list/create and
// drafts create/list/get/send, with Gmail's quirks (no `threads` key when empty, no nextPageToken
// on the last page, label ids not names, 409 on a duplicate label name).
import { encodePageToken, decodePageToken, nextGmailId, type FakeGoogleState } from './fake-google-state.js';
import { formatMessage, formatThread, latestMessage, readFormat, searchMessages } from './fake-gmail-format.js';
import { storeDraft } from './fake-gmail-store.js';
import { invalidArgument, labelConflict, notFound, ok } from './google-error.js';
import { bodyObject, queryInt, type FakeRequest, type FakeResponse, type RouteTable } from './fake-request.js';

type Handler = (state: FakeGoogleState, request: FakeRequest, match: RegExpExecArray, now: number) => FakeResponse;

const U = '/gmail/v1/users/([^/]+)';

function page<T>(state: FakeGoogleState, items: T[], request: FakeRequest, scope: string, max: number): { items: T[]; nextPageToken?: string } | null {
  const offset = decodePageToken(request.query.get('pageToken'), scope);
  if (offset === null) return null;
  const size = Math.min(queryInt(request.query, 'maxResults', 100, max), state.pageSizeCap ?? max);
  const slice = items.slice(offset, offset + size);
  return offset + size < items.length ? { items: slice, nextPageToken: encodePageToken(offset + size, scope) } : { items: slice };
}

function search(state: FakeGoogleState, request: FakeRequest, now: number): ReturnType<typeof searchMessages> | FakeResponse {
  try {
    return searchMessages(state, request.query.get('q'), request.query.get('includeSpamTrash') === 'true', now);
  } catch (error) {
    return invalidArgument(`Invalid query: ${(error as Error).message}`);
  }
}

const listThreads: Handler = (state, request, _m, now) => {
  const found = search(state, request, now);
  if (!Array.isArray(found)) return found;
  const labelIds = request.query.getAll('labelIds');
  const threadIds = [...new Set(found.map((m) => m.threadId))].filter((id) => {
    const thread = state.threads.get(id);
    return thread !== undefined && labelIds.every((l) => thread.messageIds.some((mid) => state.messages.get(mid)?.labelIds.includes(l)));
  });
  const paged = page(state, threadIds, request, `threads:${request.query.get('q') ?? ''}`, 500);
  if (paged === null) return invalidArgument('Invalid pageToken');
  const threads = paged.items.map((id) => {
    const latest = latestMessage(state, state.threads.get(id)!);
    return { id, snippet: latest?.snippet ?? '', historyId: latest?.historyId ?? '0' };
  });
  return ok({ ...(threads.length > 0 ? { threads } : {}), ...(paged.nextPageToken ? { nextPageToken: paged.nextPageToken } : {}), resultSizeEstimate: threadIds.length });
};

const getThread: Handler = (state, request, match) => {
  const thread = state.threads.get(match[2]!);
  const format = readFormat(request.query.get('format'));
  if (format === null || format === 'raw') return invalidArgument('Invalid format');
  return thread === undefined ? notFound() : ok(formatThread(state, thread, format, request.query.getAll('metadataHeaders')));
};

const modifyThread: Handler = (state, request, match) => {
  const thread = state.threads.get(match[2]!);
  if (thread === undefined) return notFound();
  const body = bodyObject(request.body);
  const add = Array.isArray(body.addLabelIds) ? (body.addLabelIds as string[]) : [];
  const remove = Array.isArray(body.removeLabelIds) ? (body.removeLabelIds as string[]) : [];
  const unknown = [...add, ...remove].find((id) => !state.labels.has(id));
  if (unknown !== undefined) return invalidArgument(`Invalid label: ${unknown}`);
  for (const id of thread.messageIds) {
    const message = state.messages.get(id);
    if (message === undefined) continue;
    message.labelIds = [...new Set([...message.labelIds.filter((l) => !remove.includes(l)), ...add])];
  }
  return ok(formatThread(state, thread, 'minimal', []));
};

const listMessages: Handler = (state, request, _m, now) => {
  const found = search(state, request, now);
  if (!Array.isArray(found)) return found;
  const paged = page(state, found, request, `messages:${request.query.get('q') ?? ''}`, 500);
  if (paged === null) return invalidArgument('Invalid pageToken');
  const messages = paged.items.map((m) => ({ id: m.id, threadId: m.threadId }));
  return ok({ ...(messages.length > 0 ? { messages } : {}), ...(paged.nextPageToken ? { nextPageToken: paged.nextPageToken } : {}), resultSizeEstimate: found.length });
};

const getMessage: Handler = (state, request, match) => {
  const message = state.messages.get(match[2]!);
  const format = readFormat(request.query.get('format'));
  if (format === null) return invalidArgument('Invalid format');
  return message === undefined ? notFound() : ok(formatMessage(message, format, request.query.getAll('metadataHeaders')));
};

const listLabels: Handler = (state) => ok({ labels: [...state.labels.values()].map((l) => ({ ...l })) });

const createLabel: Handler = (state, request) => {
  const body = bodyObject(request.body);
  if (typeof body.name !== 'string' || body.name.trim() === '') return invalidArgument('Invalid label name');
  const name = body.name;
  if ([...state.labels.values()].some((l) => l.name.toLowerCase() === name.toLowerCase())) return labelConflict();
  const id = `Label_${nextGmailId(state)}`;
  const label = {
    id,
    name,
    type: 'user' as const,
    messageListVisibility: typeof body.messageListVisibility === 'string' ? body.messageListVisibility : 'show',
    labelListVisibility: typeof body.labelListVisibility === 'string' ? body.labelListVisibility : 'labelShow',
  };
  state.labels.set(id, label);
  return ok(label);
};

const createDraft: Handler = (state, request, _m, now) => {
  const message = bodyObject(bodyObject(request.body).message);
  if (typeof message.raw !== 'string' || message.raw === '') return invalidArgument('Missing draft message');
  const raw = Buffer.from(message.raw, 'base64url').toString('utf8');
  const draft = storeDraft(state, raw, typeof message.threadId === 'string' ? message.threadId : null, now);
  if (draft === null) return notFound();
  const stored = state.messages.get(draft.messageId)!;
  return ok({ id: draft.id, message: { id: stored.id, threadId: stored.threadId, labelIds: [...stored.labelIds] } });
};

const listDrafts: Handler = (state, request, _m, now) => {
  const found = search(state, request, now);
  if (!Array.isArray(found)) return found;
  const matching = new Set(found.map((m) => m.id));
  const drafts = [...state.drafts.values()]
    .filter((d) => matching.has(d.messageId))
    .sort((a, b) => (state.messages.get(b.messageId)?.internalDate ?? 0) - (state.messages.get(a.messageId)?.internalDate ?? 0));
  const paged = page(state, drafts, request, `drafts:${request.query.get('q') ?? ''}`, 500);
  if (paged === null) return invalidArgument('Invalid pageToken');
  const items = paged.items.map((d) => ({ id: d.id, message: { id: d.messageId, threadId: state.messages.get(d.messageId)?.threadId } }));
  return ok({ ...(items.length > 0 ? { drafts: items } : {}), ...(paged.nextPageToken ? { nextPageToken: paged.nextPageToken } : {}), resultSizeEstimate: drafts.length });
};

const getDraft: Handler = (state, request, match) => {
  const draft = state.drafts.get(match[2]!);
  const message = draft === undefined ? undefined : state.messages.get(draft.messageId);
  const format = readFormat(request.query.get('format'));
  if (format === null) return invalidArgument('Invalid format');
  if (draft === undefined || message === undefined) return notFound();
  return ok({ id: draft.id, message: formatMessage(message, format, request.query.getAll('metadataHeaders')) });
};

const sendDraft: Handler = (state, request) => {
  const id = bodyObject(request.body).id;
  const draft = typeof id === 'string' ? state.drafts.get(id) : undefined;
  const message = draft === undefined ? undefined : state.messages.get(draft.messageId);
  if (draft === undefined || message === undefined) return notFound();
  state.drafts.delete(draft.id);
  message.labelIds = [...message.labelIds.filter((l) => l !== 'DRAFT'), 'SENT'];
  return ok({ id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] });
};

function route(method: string, path: string, handler: Handler, state: FakeGoogleState, now: () => number): RouteTable {
  return { method, pattern: new RegExp(`^${U}${path}$`), handle: (request, match) => handler(state, request, match, now()) };
}

export function gmailRoutes(state: FakeGoogleState, now: () => number): RouteTable[] {
  return [
    route('GET', '/threads', listThreads, state, now),
    route('GET', '/threads/([^/]+)', getThread, state, now),
    route('POST', '/threads/([^/]+)/modify', modifyThread, state, now),
    route('GET', '/messages', listMessages, state, now),
    route('GET', '/messages/([^/]+)', getMessage, state, now),
    route('GET', '/labels', listLabels, state, now),
    route('POST', '/labels', createLabel, state, now),
    route('POST', '/drafts', createDraft, state, now),
    route('GET', '/drafts', listDrafts, state, now),
    route('POST', '/drafts/send', sendDraft, state, now),
    route('GET', '/drafts/([^/]+)', getDraft, state, now),
  ];
}
