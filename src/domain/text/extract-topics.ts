// A small deterministic topic extractor for B2B sales text: canonical topics from a curated vocabulary,
// in order of first mention. It does no language understanding beyond words, stems and phrases.
import { findPhrase, normalizeText } from './match-phrase.js';
import { compilePhraseSet } from './phrase-set.js';
import { TOPIC_VOCABULARY } from './topic-vocabulary.js';

/** Every term of every topic, in one set; `TERM_TOPIC[i]` is the rank of the topic term i means. */
const TERMS = compilePhraseSet(TOPIC_VOCABULARY.flatMap(({ terms }) => terms));
const TERM_TOPIC = TOPIC_VOCABULARY.flatMap(({ terms }, rank) => terms.map(() => rank));
const EXTRA_PATTERNS = TOPIC_VOCABULARY.map(({ topic }) => countedUserPatterns(topic));

/** "40 users" or "120 people" reads as a seat count; "our users" does not. */
function countedUserPatterns(topic: string): RegExp[] {
  return topic === 'seats' ? [/(?<![a-z0-9])\d+ (?:users|employees|people|reps|agents)(?![a-z0-9])/g] : [];
}

/** Canonical, lower-case topics the text mentions, by first occurrence, without duplicates. */
export function extractTopics(text: string): string[] {
  const normalized = normalizeText(text);
  if (normalized === '') return [];
  // The first mention of each topic: the earliest first index of any of its terms or patterns.
  const firstByTopic = TOPIC_VOCABULARY.map(() => -1);
  const note = (rank: number, index: number): void => {
    const known = firstByTopic[rank] ?? -1;
    if (index !== -1 && (known === -1 || index < known)) firstByTopic[rank] = index;
  };
  TERMS.findFirst(normalized).forEach((index, term) => note(TERM_TOPIC[term] ?? 0, index));
  EXTRA_PATTERNS.forEach((patterns, rank) => patterns.forEach((p) => note(rank, findPhrase(normalized, p))));
  return TOPIC_VOCABULARY.map(({ topic }, rank) => ({ topic, index: firstByTopic[rank] ?? -1, rank }))
    .filter((f) => f.index !== -1)
    .sort((a, b) => a.index - b.index || a.rank - b.rank)
    .map((f) => f.topic);
}
