// A small deterministic topic extractor for B2B sales text: canonical topics from a curated vocabulary,
// in order of first mention. It does no language understanding beyond words, stems and phrases.
import { buildPhrasePattern, findPhrase, normalizeText } from './match-phrase.js';
import { TOPIC_VOCABULARY } from './topic-vocabulary.js';

const COMPILED = TOPIC_VOCABULARY.map(({ topic, terms }) => ({
  topic,
  patterns: [...terms.map(buildPhrasePattern), ...countedUserPatterns(topic)],
}));

/** "40 users" or "120 people" reads as a seat count; "our users" does not. */
function countedUserPatterns(topic: string): RegExp[] {
  return topic === 'seats' ? [/(?<![a-z0-9])\d+ (?:users|employees|people|reps|agents)(?![a-z0-9])/g] : [];
}

/** Canonical, lower-case topics the text mentions, by first occurrence, without duplicates. */
export function extractTopics(text: string): string[] {
  const normalized = normalizeText(text);
  if (normalized === '') return [];
  const found: { topic: string; index: number; rank: number }[] = [];
  COMPILED.forEach(({ topic, patterns }, rank) => {
    const indexes = patterns.map((p) => findPhrase(normalized, p)).filter((i) => i !== -1);
    if (indexes.length > 0) found.push({ topic, index: Math.min(...indexes), rank });
  });
  return found.sort((a, b) => a.index - b.index || a.rank - b.rank).map((f) => f.topic);
}
