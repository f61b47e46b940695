// Finds what a prospect's message or question is about, as a short phrase in our words ("SSO pricing for
// your 40-person team"), for the draft's first sentence. Pattern rules, no language model: when no rule
// fits it offers canonical topics, then a short quote, and callers pick the first that is safe to use.
import { extractTopics } from '../text/extract-topics.js';
import { countWords } from './draft-text.js';
import { lowerFirstCommonWord, tidyPhrase } from './english.js';
import { TOPIC_RULES } from './topic-rules.js';
import type { Topic } from './topic-rules.js';

export type { Topic, TopicKind } from './topic-rules.js';

const GREETING =
  /^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))(?:\s+[\p{L}'’-]+){0,3}\s*[,!.:]\s*/iu;
const NOT_A_TOPIC =
  /^(?:thanks|thank you|regards|best|cheers|sincerely|(?:please\s+)?(?:contact|call|email|ring) (?:me|us)\b)/i;

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim().replace(GREETING, '').trim())
    .filter((s) => s.split(/\s+/).length >= 2 && !NOT_A_TOPIC.test(s));
}

const COUNTABLE = new Set([
  'demo',
  'quote',
  'trial',
  'call',
  'meeting',
  'proposal',
  'consultation',
  'walkthrough',
]);
const PRONOUN_OR_VERB =
  /\b(?:i|we|you|your|yours|they|their|me|us|my|our|please|can|could|would|will|is|are|do|does|have|has|what|which|how|why|when|where|who)\b|['\u2019]/i;

/** A short sentence without a verb or pronoun is itself the topic: "Pricing for 50 seats", "Demo request". */
function readBareTopic(sentence: string): Topic | null {
  const words = sentence.split(/\s+/);
  if (words.length > 6 || PRONOUN_OR_VERB.test(sentence)) return null;
  const tidy = tidyPhrase(lowerFirstCommonWord(sentence));
  // Only a sentence that is a clean phrase as a whole; a cut one ("See" from "See: https://...") is noise.
  if (
    tidy === null ||
    countWords(tidy) < countWords(sentence.replace(/\b(?:please|thanks|thank you)\b/gi, ''))
  )
    return null;
  if (/\s(?:request|inquiry|enquiry)$/i.test(tidy))
    return { kind: 'noun', phrase: tidy.replace(/^(?:a|an|the)\s+/i, '') };
  return { kind: 'about', phrase: COUNTABLE.has(tidy.toLowerCase()) ? `a ${tidy.toLowerCase()}` : tidy };
}

/** How the shared topic vocabulary's canonical names read in a sentence. */
const CANONICAL_WORDING: Readonly<Record<string, string>> = {
  api: 'our API',
  roi: 'ROI',
  demo: 'a demo',
  trial: 'a trial',
  contract: 'the contract',
  renewal: 'your renewal',
  'case study': 'a case study',
  timeline: 'timing',
  seats: 'seat numbers',
};

/** "pricing and our API" from canonical topics such as a thread insight's; "" for none. */
export function describeCanonicalTopics(topics: readonly string[]): string {
  const words = topics.slice(0, 2).map((t) => CANONICAL_WORDING[t.toLowerCase()] ?? t);
  return words.length > 1 ? `${words[0] ?? ''} and ${words[1] ?? ''}` : (words[0] ?? '');
}

// The opener and the subject both read the prospect's message: the last few answers are kept.
const recent = new Map<string, readonly Topic[]>();
const MAX_RECENT = 8;

/**
 * Candidate topics, most specific first: a phrase a rule recognised, a bare noun phrase, the
 * vocabulary's canonical topics ("pricing and integration"), then a short statement quoted as written.
 */
export function findTopicCandidates(text: string): Topic[] {
  let found = recent.get(text);
  if (found === undefined) {
    found = readTopicCandidates(text);
    if (recent.size >= MAX_RECENT) recent.delete(recent.keys().next().value ?? '');
    recent.set(text, found);
  }
  return found.map((t) => ({ ...t }));
}

function readTopicCandidates(text: string): Topic[] {
  // A link or address ends a phrase: nothing after "see" or "at" should be read as the topic.
  const delinked = text.replace(/\bhttps?:\/\/\S+|\bwww\.\S+|\S+@\S+/gi, ',');
  const sentences = splitSentences(delinked.replace(/[ \t]+/g, ' '));
  const plain = sentences.map((s) => s.replace(/[.!?]+$/, '').trim());
  const out: Topic[] = [];
  for (const s of plain) {
    const found = applyFirstRule(s);
    if (found) out.push(found);
  }
  out.push(...plain.map(readBareTopic).filter((t): t is Topic => t !== null));
  const canonical = describeCanonicalTopics(extractTopics(text));
  if (canonical !== '') out.push({ kind: 'about', phrase: canonical });
  const statement = sentences.find(
    (s) => !s.endsWith('?') && s.split(/\s+/).length <= 15 && !/["\u201c\u201d]/.test(s),
  );
  if (statement !== undefined) out.push({ kind: 'quote', phrase: statement.replace(/[.!]+$/, '') });
  return dedupe(out);
}

/** The first rule's topic for the sentence; the rules are pure, so the rest need not run. */
function applyFirstRule(sentence: string): Topic | null {
  for (const rule of TOPIC_RULES) {
    const found = rule(sentence);
    if (found !== null) return found;
  }
  return null;
}

function dedupe(topics: readonly Topic[]): Topic[] {
  const seen = new Set<string>();
  return topics.filter((t) => {
    const key = `${t.kind}:${t.phrase.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
