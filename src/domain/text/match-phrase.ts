// Word-boundary phrase matching over loosely normalised text, shared by the topic, spam, question and
// asset rules. It knows nothing about what the phrases mean.

/** Lower-cases and turns every run of non-alphanumeric characters into one space. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A matcher for a phrase in normalised text. A trailing `*` makes the last word a stem
 * (`integrat*` matches "integration" and "integrates"); otherwise the whole phrase must stand alone.
 */
export function buildPhrasePattern(phrase: string): RegExp {
  const isStem = phrase.endsWith('*');
  const body = normalizeText(isStem ? phrase.slice(0, -1) : phrase)
    .split(' ')
    .map(escapeRegExp)
    .join(' ');
  return new RegExp(`(?<![a-z0-9])${body}${isStem ? '[a-z0-9]*' : '(?![a-z0-9])'}`, 'g');
}

/** The index of the phrase's first occurrence in already-normalised text, or -1. */
export function findPhrase(normalized: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const match = pattern.exec(normalized);
  return match === null ? -1 : match.index;
}

/** Does the text mention the phrase as whole words (case and punctuation ignored)? */
export function containsPhrase(text: string, phrase: string): boolean {
  if (normalizeText(phrase) === '') return false;
  return findPhrase(normalizeText(text), buildPhrasePattern(phrase)) !== -1;
}
