// What the fake mailbox stores: threads, drafts and sent messages, and the views of a thread the
// port and the threading rule need. Plain data; FakeMail owns the behaviour.
import type { MailDraftRef, MailMessage, MailThreadRef } from '../../domain/ports/mail.js';
import type { ThreadForThreading } from './mail-threading.js';
import { makeSnippet } from './mail-threading.js';

export interface StoredThread {
  id: string;
  subject: string;
  labelIds: Set<string>;
  messages: MailMessage[];
}

export interface StoredDraft extends MailDraftRef {
  to: string;
  subject: string;
  body: string;
  inReplyTo: string | null;
  references: string[];
  idempotencyKey: string;
  /** The thread the caller asked for; differs from threadId when Gmail would have started a new one. */
  requestedThreadId: string | null;
  /** Why the draft did not stay in the requested thread, or null. */
  threadingProblem: string | null;
  createdAt: string;
}

export interface SentMessage {
  draftId: string;
  messageId: string;
  threadId: string;
  to: string;
  subject: string;
  sentAt: string;
}

export function toThreadRef(thread: StoredThread): MailThreadRef {
  const newest = thread.messages.reduce((a, b) => (Date.parse(b.sentAt) >= Date.parse(a.sentAt) ? b : a));
  return { id: thread.id, snippet: makeSnippet(newest.body), lastMessageAt: newest.sentAt };
}

export function threadingView(thread: StoredThread): ThreadForThreading {
  const sent = thread.messages.filter((m) => !m.labelIds.includes('DRAFT'));
  return {
    id: thread.id,
    subject: thread.subject,
    messageIdHeaders: sent.flatMap((m) => (m.messageIdHeader === null ? [] : [m.messageIdHeader])),
  };
}
