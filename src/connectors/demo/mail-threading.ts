// Gmail's rule for keeping a reply in its thread (api-contracts.md 3.3): the draft names the
// thread, In-Reply-To and References carry a Message-ID of that thread, and the subject matches
// (a "Re: " prefix is fine). When any part is missing Gmail silently starts a new thread; the fake
// mail does the same, and this says why.
import type { CreateDraftInput } from '../../domain/ports/mail.js';

/** "Re: RE:  Pricing  question" and "pricing question" compare equal. */
export function normalizeSubject(subject: string): string {
  let out = subject.trim();
  while (/^re\s*:/i.test(out)) out = out.replace(/^re\s*:\s*/i, '');
  return out.replace(/\s+/g, ' ').toLowerCase();
}

export interface ThreadForThreading {
  id: string;
  subject: string;
  /** Message-IDs of the thread's messages (drafts excluded). */
  messageIdHeaders: readonly string[];
}

/** Why Gmail would not keep this draft in the thread, or null when it would. */
export function findThreadingProblem(thread: ThreadForThreading, input: CreateDraftInput): string | null {
  if (normalizeSubject(input.subject) !== normalizeSubject(thread.subject)) {
    return `subject "${input.subject}" does not match the thread subject "${thread.subject}"`;
  }
  if (input.inReplyTo === null || !thread.messageIdHeaders.includes(input.inReplyTo)) {
    return `In-Reply-To ${input.inReplyTo ?? '(none)'} is not a Message-ID of thread ${thread.id}`;
  }
  if (!input.references.includes(input.inReplyTo)) {
    return `References does not include the In-Reply-To Message-ID ${input.inReplyTo}`;
  }
  return null;
}

/** Gmail's snippet: the start of the body on one line. */
export function makeSnippet(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length <= 120 ? line : `${line.slice(0, 117)}...`;
}
