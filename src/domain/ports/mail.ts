// The mail port (Gmail in production): thread search and read, threaded drafts, labels.

export interface MailThreadRef {
  id: string;
  snippet: string;
  /** ISO instant of the newest message. */
  lastMessageAt: string;
}

export interface MailMessage {
  id: string;
  /** The RFC 5322 Message-ID header, with angle brackets, e.g. `<CAF=abc@mail.gmail.com>`. */
  messageIdHeader: string | null;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** ISO instant (Gmail internalDate). */
  sentAt: string;
  /** Plain-text body, decoded. */
  body: string;
  labelIds: string[];
}

export interface MailThread {
  id: string;
  subject: string;
  /** Oldest first, as Gmail returns them. */
  messages: MailMessage[];
  labelIds: string[];
}

export interface SearchThreadsQuery {
  /** The prospect's address: threads from or to it. */
  email: string;
  /** Only threads with a message on or after this instant. */
  since: string;
  maxResults: number;
}

export interface CreateDraftInput {
  to: string;
  subject: string;
  body: string;
  /** Reply in this thread (with inReplyTo/references) when set. */
  threadId: string | null;
  inReplyTo: string | null;
  references: string[];
  idempotencyKey: string;
}

export interface MailDraftRef {
  draftId: string;
  messageId: string;
  threadId: string;
}

export interface MailPort {
  /** Both directions, newest first. */
  searchThreads(query: SearchThreadsQuery): Promise<MailThreadRef[]>;
  getThread(threadId: string): Promise<MailThread>;
  createDraft(input: CreateDraftInput): Promise<MailDraftRef>;
  /** Reconciliation: the draft carrying this idempotency key in its header, if it exists. */
  findDraftByIdempotencyKey(idempotencyKey: string): Promise<MailDraftRef | null>;
  /** Get or create the label by name (case-insensitive); returns its id. */
  ensureLabel(name: string): Promise<string>;
  applyLabel(threadId: string, labelId: string): Promise<void>;
  sendDraft(draftId: string): Promise<{ messageId: string; threadId: string }>;
  /** Has this address written to us after the instant? (stop-on-reply) */
  hasInboundSince(email: string, since: string): Promise<boolean>;
}
