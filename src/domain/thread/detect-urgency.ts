// Urgency of a conversation from the prospect's own words and the age of the last message.
// It does not decide what to do about it; the planner and the task priority do.
import { buildPhrasePattern, findPhrase, normalizeText } from '../text/match-phrase.js';

export type UrgencyLevel = 'low' | 'normal' | 'high';

/** Signal label -> phrases that raise it. Each is a strong signal on its own. */
const SIGNALS: ReadonlyArray<{ signal: string; phrases: readonly string[] }> = [
  { signal: 'asap', phrases: ['asap', 'as soon as possible'] },
  { signal: 'urgent', phrases: ['urgent', 'urgently', 'time sensitive', 'high priority'] },
  { signal: 'today', phrases: ['by today', 'by tomorrow', 'end of day', 'eod', 'end of today'] },
  { signal: 'this week', phrases: ['this week', 'by the end of the week', 'end of week', 'eow'] },
  {
    signal: 'by a named day',
    phrases: ['by monday', 'by tuesday', 'by wednesday', 'by thursday', 'by friday'],
  },
  { signal: 'deadline', phrases: ['deadline*', 'due date', 'hard date'] },
  {
    signal: 'end of quarter',
    phrases: [
      'end of quarter',
      'end of the quarter',
      'end of q1',
      'end of q2',
      'end of q3',
      'end of q4',
      'quarter end',
      'eoq',
    ],
  },
  { signal: 'end of year', phrases: ['end of year', 'end of the year', 'year end', 'eoy'] },
  {
    signal: 'contract renewal',
    phrases: [
      'contract renewal',
      'renewal is coming',
      'renewal date',
      'contract expires',
      'contract ends',
      'up for renewal',
    ],
  },
  {
    signal: 'evaluating alternatives',
    phrases: [
      'evaluating alternatives',
      'evaluating vendors',
      'other vendors',
      'comparing vendors',
      'shortlist*',
      'competing offer',
      'alternative vendor*',
    ],
  },
];
const COMPILED = SIGNALS.map(({ signal, phrases }) => ({
  signal,
  patterns: phrases.map(buildPhrasePattern),
}));
const STALE_AFTER_DAYS = 60;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The signal labels the texts raise, in the order of the SIGNALS table. */
export function findUrgencySignals(texts: string[]): string[] {
  const normalized = normalizeText(texts.join('\n'));
  return COMPILED.filter(({ patterns }) => patterns.some((p) => findPhrase(normalized, p) !== -1)).map(
    (c) => c.signal,
  );
}

/**
 * High when the prospect raised a strong signal, low when the last message is over 60 days old, else
 * normal. Staleness wins over signals: an "asap" from last spring is no longer urgent (the signals
 * are still listed so a person can see them).
 */
export function detectUrgency(
  prospectTexts: string[],
  lastMessageAt: string,
  now: string,
): { level: UrgencyLevel; signals: string[] } {
  const signals = findUrgencySignals(prospectTexts);
  const ageMs = Date.parse(now) - Date.parse(lastMessageAt);
  if (ageMs > STALE_AFTER_DAYS * DAY_MS) return { level: 'low', signals };
  return { level: signals.length > 0 ? 'high' : 'normal', signals };
}
