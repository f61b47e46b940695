// Word-boundary phrase matching over loosely normalised text, shared by the topic, spam, question and
// asset rules. It knows nothing about what the phrases mean.
//
// The rules test dozens of phrases against the same few texts in every run, so a normalised text and
// each phrase's normalised form are remembered (a bounded number of each).

import { boundedMemo } from './bounded-memo.js';

const MAX_PHRASES = 5_000;
const MAX_TEXTS = 64;

/** Lower-cases and turns every run of non-alphanumeric characters into one space. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const normalizedTexts = new Map<string, string>();

/** normalizeText, remembered for the last few texts (the rules ask about one text many times). */
function normalizeTextOnce(text: string): string {
  let normalized = normalizedTexts.get(text);
  if (normalized === undefined) {
    normalized = normalizeText(text);
    // Forget the oldest: Maps iterate in insertion order.
    if (normalizedTexts.size >= MAX_TEXTS) normalizedTexts.delete(normalizedTexts.keys().next().value ?? '');
    normalizedTexts.set(text, normalized);
  }
  return normalized;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A phrase as the matchers read it: its normalised words, and whether the last one is a stem. */
export interface Phrase {
  /** normalizeText(phrase) is empty: the phrase matches nothing in containsPhrase. */
  isBlank: boolean;
  body: string;
  isStem: boolean;
}

export function readPhrase(phrase: string): Phrase {
  const isStem = phrase.endsWith('*');
  return {
    isBlank: normalizeText(phrase) === '',
    body: normalizeText(isStem ? phrase.slice(0, -1) : phrase),
    isStem,
  };
}

const getPhrase = boundedMemo(readPhrase, MAX_PHRASES);

/**
 * A matcher for a phrase in normalised text. A trailing `*` makes the last word a stem
 * (`integrat*` matches "integration" and "integrates"); otherwise the whole phrase must stand alone.
 */
export function buildPhrasePattern(phrase: string): RegExp {
  const { body, isStem } = readPhrase(phrase);
  const source = body.split(' ').map(escapeRegExp).join(' ');
  return new RegExp(`(?<![a-z0-9])${source}${isStem ? '[a-z0-9]*' : '(?![a-z0-9])'}`, 'g');
}

/** The index of the phrase's first occurrence in already-normalised text, or -1. */
export function findPhrase(normalized: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  const match = pattern.exec(normalized);
  return match === null ? -1 : match.index;
}

/**
 * `findPhrase(normalized, buildPhrasePattern(phrase))` without a regular expression: the normalised
 * phrase is plain [a-z0-9 ] text, so a search for it with a look at its two neighbours is the same match.
 */
export function indexOfPhrase(normalized: string, phrase: string): number {
  const { body, isStem } = getPhrase(phrase);
  if (body === '') return findPhrase(normalized, buildPhrasePattern(phrase));
  for (let i = normalized.indexOf(body); i !== -1; i = normalized.indexOf(body, i + 1)) {
    const after = i + body.length;
    if (isWordChar(normalized, i - 1)) continue;
    if (!isStem && isWordChar(normalized, after)) continue;
    return i;
  }
  return -1;
}

/** [a-z0-9] at that index, exactly as the patterns' look-arounds test it. */
function isWordChar(text: string, index: number): boolean {
  const code = text.charCodeAt(index); // NaN outside the text
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Does the text mention the phrase as whole words (case and punctuation ignored)? */
export function containsPhrase(text: string, phrase: string): boolean {
  if (getPhrase(phrase).isBlank) return false;
  return indexOfPhrase(normalizeTextOnce(text), phrase) !== -1;
}
