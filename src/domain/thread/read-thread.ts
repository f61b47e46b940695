// Understands the latest conversation in one mail thread: who spoke last, an unanswered question of
// the prospect's, topics, urgency, a short summary and the headers needed to reply in the thread.
// It reads plain data only; finding the thread and replying are other steps.
import type { MailMessage, MailThread, MailThreadRef } from '../ports/mail.js';
import type { Speaker, ThreadInsight } from '../results.js';
import { getEmailDomain, isPersonalEmail } from '../lead.js';
import { extractTopics } from '../text/extract-topics.js';
import { findQuestions } from '../text/find-questions.js';
import { cleanMessageBody } from './clean-message-body.js';
import { detectUrgency } from './detect-urgency.js';
import { extractAddress, extractFirstName } from './parse-address.js';
import { summarizeThread, type ReadMessage } from './summarize-thread.js';

export interface ReadThreadContext {
  prospectEmail: string;
  /** The seller's addresses (and aliases); their business domains count as ours too. */
  ourAddresses: string[];
  now: string;
}

/** How many of the newest messages topics and urgency are read from. */
const LATEST_COUNT = 3;

/**
 * Gmail's SENT label, one of our addresses, or our business domain (a colleague) make a message ours;
 * anything else in a thread found by the prospect's address is their side of the conversation.
 */
export function findSpeaker(message: MailMessage, ctx: ReadThreadContext): Speaker {
  const from = extractAddress(message.from);
  const ours = ctx.ourAddresses.map((a) => extractAddress(a));
  if (from === ctx.prospectEmail.trim().toLowerCase()) return 'prospect';
  if (message.labelIds.includes('SENT') || ours.includes(from)) return 'us';
  const ourDomains = ours.filter((a) => !isPersonalEmail(a)).map(getEmailDomain);
  return ourDomains.includes(getEmailDomain(from)) ? 'us' : 'prospect';
}

function sortOldestFirst(messages: MailMessage[]): MailMessage[] {
  // Gmail returns oldest first already; sorting (stably) guards against a fake or an odd thread.
  return [...messages].sort((a, b) => (Date.parse(a.sentAt) || 0) - (Date.parse(b.sentAt) || 0));
}

function toReadMessage(message: MailMessage, ctx: ReadThreadContext): ReadMessage & { text: string } {
  const text = cleanMessageBody(message.body);
  return {
    speaker: findSpeaker(message, ctx),
    firstName: extractFirstName(message.from),
    sentAt: message.sentAt,
    topics: extractTopics(text),
    questions: findQuestions(text),
    text,
  };
}

function collectReferences(messages: MailMessage[]): string[] {
  const ids = messages.map((m) => m.messageIdHeader?.trim() ?? '').filter((id) => id !== '');
  return [...new Set(ids)];
}

export function readThread(thread: MailThread, ctx: ReadThreadContext): ThreadInsight {
  // An unsent draft sits in its thread with the DRAFT label: nobody has said it yet.
  const messages = sortOldestFirst(thread.messages.filter((m) => !m.labelIds.includes('DRAFT')));
  const read = messages.map((m) => toReadMessage(m, ctx));
  const last = read[read.length - 1];
  const latest = read.slice(-LATEST_COUNT).reverse();
  // Without messages there is nobody to answer and nothing to wait for: the prospect "spoke last".
  const lastMessageAt = last?.sentAt ?? ctx.now;
  const question =
    last?.speaker === 'prospect' && last.questions.length > 0 ? last.questions.join(' ') : null;
  return {
    threadId: thread.id,
    subject: thread.subject,
    messageCount: messages.length,
    lastSpeaker: last?.speaker ?? 'prospect',
    lastMessageAt,
    lastMessageIdHeader: messages[messages.length - 1]?.messageIdHeader ?? null,
    references: collectReferences(messages),
    unansweredQuestion: question,
    summary: summarizeThread(read, thread.subject, ctx.now),
    topics: extractTopics([thread.subject, ...latest.map((m) => m.text)].join('\n')),
    urgency: detectUrgency(
      latest.filter((m) => m.speaker === 'prospect').map((m) => m.text),
      lastMessageAt,
      ctx.now,
    ),
  };
}

/** The thread with the newest message; the first of equals; null for none. */
export function pickLatestThread(threads: MailThreadRef[]): MailThreadRef | null {
  let best: MailThreadRef | null = null;
  let bestAt = -Infinity;
  for (const thread of threads) {
    const at = Date.parse(thread.lastMessageAt);
    if (!Number.isNaN(at) && at > bestAt) {
      best = thread;
      bestAt = at;
    }
  }
  return best ?? threads[0] ?? null;
}
