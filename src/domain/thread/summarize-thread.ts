// Two or three plain sentences about the latest messages of a thread, for the dashboard and the
// writer. It only restates who wrote what and when; it never guesses intent. No em or en dashes.
import { DateTime } from 'luxon';
import type { Speaker } from '../results.js';
import { joinWords } from '../text/join-words.js';

export interface ReadMessage {
  speaker: Speaker;
  /** First name of the sender when the From header had one. */
  firstName: string | null;
  sentAt: string;
  topics: string[];
  questions: string[];
}

const MAX_QUOTE_CHARS = 100;

function formatDay(iso: string, now: string): string {
  const day = DateTime.fromISO(iso, { zone: 'utc' }).setLocale('en-US');
  if (!day.isValid) return 'an unknown date';
  const sameYear = day.year === DateTime.fromISO(now, { zone: 'utc' }).year;
  return day.toFormat(sameYear ? 'LLL d' : 'LLL d, yyyy');
}

export function removeDashes(text: string): string {
  return text.replace(/\s*[\u2013\u2014]\s*/g, ', ');
}

function quote(question: string): string {
  if (question.length <= MAX_QUOTE_CHARS) return `"${question}"`;
  const cut = question.slice(0, MAX_QUOTE_CHARS);
  return `"${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}..."`;
}

function describeMessage(message: ReadMessage): string {
  const topics = joinWords(message.topics.slice(0, 3));
  if (message.speaker === 'prospect' && message.questions.length > 0) {
    return topics !== ''
      ? ` asking about ${topics}`
      : ` with a question: ${quote(message.questions[0] ?? '')}`;
  }
  return topics !== '' ? ` about ${topics}` : '';
}

function who(message: ReadMessage): string {
  if (message.speaker === 'us') return 'We';
  return message.firstName ?? 'The prospect';
}

function aboutOtherSide(messages: ReadMessage[], last: ReadMessage, now: string): string {
  const other = [...messages].reverse().find((m) => m.speaker !== last.speaker);
  if (other === undefined) {
    return last.speaker === 'prospect'
      ? 'We have not replied in this thread.'
      : 'They have not written in this thread.';
  }
  const verb = other.speaker === 'us' ? 'last replied' : 'last wrote';
  return `${who(other)} ${verb} on ${formatDay(other.sentAt, now)}${describeMessage(other)}.`;
}

/** Messages oldest first; at least one. */
export function summarizeThread(messages: ReadMessage[], subject: string, now: string): string {
  const last = messages[messages.length - 1];
  const first = messages[0];
  if (last === undefined || first === undefined) return 'The thread has no messages.';
  const sentences = [`${who(last)} wrote on ${formatDay(last.sentAt, now)}${describeMessage(last)}.`];
  sentences.push(aboutOtherSide(messages, last, now));
  if (messages.length > 2) {
    const title = subject.trim() === '' ? 'The thread' : `The thread "${subject.trim()}"`;
    sentences.push(`${title} has ${messages.length} messages since ${formatDay(first.sentAt, now)}.`);
  }
  return removeDashes(sentences.join(' '));
}
