// An in-memory Gmail mailbox behind the mail port, seeded from the demo workspace. It keeps
// Gmail's sharp edges on purpose: a reply that breaks the threading rule lands in a new thread,
// drafts show up in their thread with the DRAFT label, creating a draft twice makes two drafts,
// and labels are applied by id, not name.
import { AppError, PermanentError } from '../../domain/errors.js';
import type {
  CreateDraftInput,
  MailDraftRef,
  MailMessage,
  MailPort,
  MailThread,
  MailThreadRef,
  SearchThreadsQuery,
} from '../../domain/ports/mail.js';
import type { FakeContext } from './fake-context.js';
import { extractHeaderAddress, isSameAddress } from './mail-address.js';
import {
  threadingView,
  toThreadRef,
  type SentMessage,
  type StoredDraft,
  type StoredThread,
} from './mail-records.js';
import { findThreadingProblem } from './mail-threading.js';
import { SYSTEM_LABEL_IDS } from './workspace-references.js';
import type { Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

export type { SentMessage, StoredDraft } from './mail-records.js';

export class FakeMail implements MailPort {
  readonly #threads = new Map<string, StoredThread>();
  readonly #labels: { id: string; name: string }[];
  readonly #drafts: StoredDraft[] = [];
  readonly #sent: SentMessage[] = [];
  readonly #ours: Set<string>;

  constructor(
    mail: Workspace['mail'],
    private readonly sellerAddress: string,
    private readonly ctx: FakeContext,
  ) {
    this.#ours = new Set([...mail.ourAddresses, sellerAddress.toLowerCase()]);
    this.#labels = cloneRecord(mail.labels);
    for (const thread of mail.threads) {
      const messages = thread.messages.map((m, index): MailMessage => ({
        id: m.id,
        messageIdHeader: m.messageIdHeader,
        from: m.from,
        to: [...m.to],
        cc: [...m.cc],
        subject: m.subject ?? (index === 0 ? thread.subject : `Re: ${thread.subject}`),
        sentAt: m.sentAt,
        body: m.body,
        labelIds: m.labelIds.length > 0 ? [...m.labelIds] : [this.#isOurs(m.from) ? 'SENT' : 'INBOX'],
      }));
      this.#threads.set(thread.id, {
        id: thread.id,
        subject: thread.subject,
        labelIds: new Set(thread.labelIds),
        messages,
      });
    }
  }

  searchThreads(query: SearchThreadsQuery): Promise<MailThreadRef[]> {
    return this.ctx.run('mail', 'searchThreads', () => {
      const since = parseInstant(query.since, 'searchThreads since');
      // Gmail matches threads holding a message that meets the whole query (from/to/cc and after:).
      const matches = [...this.#threads.values()].filter((t) =>
        t.messages.some((m) => this.#involves(m, query.email) && Date.parse(m.sentAt) >= since),
      );
      return matches
        .map((t) => toThreadRef(t))
        .sort((a, b) => Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt) || a.id.localeCompare(b.id))
        .slice(0, Math.max(0, query.maxResults));
    });
  }

  getThread(threadId: string): Promise<MailThread> {
    return this.ctx.run('mail', 'getThread', () => {
      const thread = this.#getThread(threadId);
      const labelIds = new Set([...thread.labelIds, ...thread.messages.flatMap((m) => m.labelIds)]);
      // Oldest first, as Gmail returns them (a sent draft takes the send time).
      const messages = cloneRecord(thread.messages).sort(
        (a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt),
      );
      return { id: thread.id, subject: thread.subject, messages, labelIds: [...labelIds] };
    });
  }

  createDraft(input: CreateDraftInput): Promise<MailDraftRef> {
    return this.ctx.run('mail', 'createDraft', () => {
      if (input.to.trim() === '') throw new PermanentError('Gmail rejected the draft: no recipient (To)');
      const requested = input.threadId === null ? null : this.#getThread(input.threadId);
      const problem = requested === null ? null : findThreadingProblem(threadingView(requested), input);
      const thread = requested !== null && problem === null ? requested : this.#newThread(input.subject);
      const message = this.#newMessage(input, thread.id);
      thread.messages.push(message);
      const draft: StoredDraft = Object.assign(
        { draftId: this.ctx.newId('draft'), messageId: message.id, threadId: thread.id },
        pickDraftFields(input),
        { requestedThreadId: input.threadId, threadingProblem: problem, createdAt: this.ctx.now() },
      );
      this.#drafts.push(draft);
      const ref: MailDraftRef = {
        draftId: draft.draftId,
        messageId: draft.messageId,
        threadId: draft.threadId,
      };
      this.ctx.recordWrite(
        'mail',
        'createDraft',
        input,
        Object.assign({}, ref, { threadingProblem: problem }),
        input.idempotencyKey,
      );
      return ref;
    });
  }

  findDraftByIdempotencyKey(idempotencyKey: string): Promise<MailDraftRef | null> {
    return this.ctx.run('mail', 'findDraftByIdempotencyKey', () => {
      const draft = this.#drafts.find((d) => d.idempotencyKey === idempotencyKey);
      return draft === undefined
        ? null
        : { draftId: draft.draftId, messageId: draft.messageId, threadId: draft.threadId };
    });
  }

  ensureLabel(name: string): Promise<string> {
    return this.ctx.run('mail', 'ensureLabel', () => {
      const wanted = name.trim();
      if (wanted === '') throw new PermanentError('Gmail rejected the label: empty name');
      const system = [...SYSTEM_LABEL_IDS].find((id) => id.toLowerCase() === wanted.toLowerCase());
      const existing = system ?? this.#labels.find((l) => l.name.toLowerCase() === wanted.toLowerCase())?.id;
      if (existing !== undefined) return existing;
      const label = { id: this.ctx.newId('label'), name: wanted };
      this.#labels.push(label);
      this.ctx.recordWrite('mail', 'ensureLabel', { name }, { labelId: label.id, created: true }, null);
      return label.id;
    });
  }

  applyLabel(threadId: string, labelId: string): Promise<void> {
    return this.ctx.run('mail', 'applyLabel', () => {
      const thread = this.#getThread(threadId);
      if (!SYSTEM_LABEL_IDS.has(labelId) && !this.#labels.some((l) => l.id === labelId)) {
        throw new AppError(
          'not-found',
          `Gmail label ${labelId} not found (applyLabel takes a label id from ensureLabel, not a name)`,
        );
      }
      const alreadyApplied = thread.labelIds.has(labelId);
      thread.labelIds.add(labelId);
      this.ctx.recordWrite('mail', 'applyLabel', { threadId, labelId }, { alreadyApplied }, null);
    });
  }

  sendDraft(draftId: string): Promise<{ messageId: string; threadId: string }> {
    return this.ctx.run('mail', 'sendDraft', () => {
      const index = this.#drafts.findIndex((d) => d.draftId === draftId);
      const draft = this.#drafts[index];
      if (draft === undefined) throw new AppError('not-found', `Gmail draft ${draftId} not found`);
      this.#drafts.splice(index, 1);
      const message = this.#getThread(draft.threadId).messages.find((m) => m.id === draft.messageId);
      const sentAt = this.ctx.now();
      if (message !== undefined) Object.assign(message, { labelIds: ['SENT'], sentAt });
      const sent: SentMessage = {
        draftId,
        messageId: draft.messageId,
        threadId: draft.threadId,
        to: draft.to,
        subject: draft.subject,
        sentAt,
      };
      this.#sent.push(sent);
      this.ctx.recordWrite('mail', 'sendDraft', { draftId }, sent, draft.idempotencyKey);
      return { messageId: sent.messageId, threadId: sent.threadId };
    });
  }

  hasInboundSince(email: string, since: string): Promise<boolean> {
    return this.ctx.run('mail', 'hasInboundSince', () => {
      const after = parseInstant(since, 'hasInboundSince since');
      return [...this.#threads.values()].some((t) =>
        t.messages.some(
          (m) =>
            isSameAddress(m.from, email) &&
            !this.#isOurs(m.from) &&
            !m.labelIds.includes('DRAFT') &&
            Date.parse(m.sentAt) > after,
        ),
      );
    });
  }

  /** Test and demo helper: a message from someone else arrives (a reply, for stop-on-reply). */
  deliverInbound(message: {
    threadId: string | null;
    from: string;
    subject: string;
    body: string;
    sentAt?: string;
  }): MailMessage {
    const thread =
      message.threadId === null ? this.#newThread(message.subject) : this.#getThread(message.threadId);
    const id = this.ctx.newId('msg');
    const delivered: MailMessage = {
      id,
      messageIdHeader: `<${id}@mail.example>`,
      from: message.from,
      to: [this.sellerAddress],
      cc: [],
      subject: message.subject,
      sentAt: message.sentAt ?? this.ctx.now(),
      body: message.body,
      labelIds: ['INBOX', 'UNREAD'],
    };
    thread.messages.push(delivered);
    return cloneRecord(delivered);
  }

  listDrafts(): StoredDraft[] {
    return cloneRecord(this.#drafts);
  }

  listSent(): SentMessage[] {
    return cloneRecord(this.#sent);
  }

  listLabels(): { id: string; name: string }[] {
    return cloneRecord(this.#labels);
  }

  #getThread(threadId: string): StoredThread {
    const thread = this.#threads.get(threadId);
    if (thread === undefined) throw new AppError('not-found', `Gmail thread ${threadId} not found`);
    return thread;
  }

  #newThread(subject: string): StoredThread {
    const thread: StoredThread = { id: this.ctx.newId('thread'), subject, labelIds: new Set(), messages: [] };
    this.#threads.set(thread.id, thread);
    return thread;
  }

  #newMessage(input: CreateDraftInput, threadId: string): MailMessage {
    const id = this.ctx.newId('msg');
    return {
      id,
      messageIdHeader: `<${id}.${threadId}@mail.gmail.com>`,
      from: this.sellerAddress,
      to: [input.to],
      cc: [],
      subject: input.subject,
      sentAt: this.ctx.now(),
      body: input.body,
      labelIds: ['DRAFT'],
    };
  }

  #isOurs(header: string): boolean {
    return this.#ours.has(extractHeaderAddress(header));
  }

  #involves(message: MailMessage, email: string): boolean {
    return [message.from, ...message.to, ...message.cc].some((header) => isSameAddress(header, email));
  }
}

function pickDraftFields(
  input: CreateDraftInput,
): Pick<StoredDraft, 'to' | 'subject' | 'body' | 'inReplyTo' | 'references' | 'idempotencyKey'> {
  const { to, subject, body, inReplyTo, references, idempotencyKey } = input;
  return { to, subject, body, inReplyTo, references: [...references], idempotencyKey };
}

function parseInstant(value: string, what: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new PermanentError(`Gmail rejected the query: ${what} "${value}" is not a date-time`);
  return ms;
}
