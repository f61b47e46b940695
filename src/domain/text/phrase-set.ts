// Many phrases looked up in one normalised text at once, for vocabularies of hundreds of terms (topics).
// It gives the same first index as findPhrase with each phrase's own pattern, but reads the text's words
// once instead of scanning the text once per phrase. It knows nothing about what the phrases mean.
import { buildPhrasePattern, findPhrase, normalizeText, readPhrase } from './match-phrase.js';

interface Entry {
  /** Position in the phrase list. */
  at: number;
  body: string;
  isStem: boolean;
}

/** Stems are found by the start of a word; this many characters of it pick the candidates. */
const STEM_KEY_LENGTH = 3;

export interface PhraseSet {
  /**
   * For each phrase, in list order, the index of its first occurrence in `normalized` or -1.
   * `normalized` must be normalizeText output: [a-z0-9] words joined by single spaces.
   */
  findFirst(normalized: string): number[];
  /** For each phrase, in list order, `containsPhrase(text, phrase)`. */
  containsEach(text: string): boolean[];
}

export function compilePhraseSet(phrases: readonly string[]): PhraseSet {
  const byFirstWord = new Map<string, Entry[]>();
  const stemsByStart = new Map<string, Entry[]>();
  // A phrase with no words keeps its regular expression (it can match between words, or everywhere).
  const blanks: { at: number; pattern: RegExp }[] = [];
  const isBlank: boolean[] = [];
  phrases.forEach((phrase, at) => {
    const { body, isStem, isBlank: blank } = readPhrase(phrase);
    isBlank.push(blank);
    if (body === '') blanks.push({ at, pattern: buildPhrasePattern(phrase) });
    else if (isStem && !body.includes(' '))
      add(stemsByStart, body.slice(0, STEM_KEY_LENGTH), { at, body, isStem });
    else add(byFirstWord, body.split(' ')[0] ?? body, { at, body, isStem });
  });
  // Per word of text, the phrases that can start there; words repeat, so this is remembered.
  const candidatesByWord = new Map<string, Candidate[]>();
  const getCandidates = (word: string): Candidate[] => {
    let candidates = candidatesByWord.get(word);
    if (candidates === undefined) {
      candidates = listCandidates(word, byFirstWord, stemsByStart);
      if (candidatesByWord.size >= MAX_WORDS) candidatesByWord.clear();
      candidatesByWord.set(word, candidates);
    }
    return candidates;
  };
  const findFirst = (normalized: string): number[] => {
    const first = phrases.map(() => -1);
    for (const { at, pattern } of blanks) first[at] = findPhrase(normalized, pattern);
    forEachWord(normalized, (word, start) => {
      for (const { entry, isWholeStem } of getCandidates(word)) {
        if (first[entry.at] === -1 && (isWholeStem || isWordAlignedAt(normalized, start, entry)))
          first[entry.at] = start;
      }
    });
    return first;
  };
  return {
    findFirst,
    // containsPhrase never matches a phrase whose normalised form is empty.
    containsEach: (text) =>
      findFirst(normalizeText(text)).map((index, at) => index !== -1 && !(isBlank[at] ?? true)),
  };
}

interface Candidate {
  entry: Entry;
  /** A one-word stem the word starts with: a match with no further check. */
  isWholeStem: boolean;
}

const MAX_WORDS = 20_000;

function listCandidates(
  word: string,
  byFirstWord: Map<string, Entry[]>,
  stemsByStart: Map<string, Entry[]>,
): Candidate[] {
  const candidates = (byFirstWord.get(word) ?? []).map((entry) => ({ entry, isWholeStem: false }));
  for (let length = 1; length <= Math.min(STEM_KEY_LENGTH, word.length); length += 1) {
    for (const entry of stemsByStart.get(word.slice(0, length)) ?? []) {
      if (word.startsWith(entry.body)) candidates.push({ entry, isWholeStem: true });
    }
  }
  return candidates;
}

function add(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}

/** The phrase starts at a word start; unless it ends in a stem, it also ends at a word end. */
function isWordAlignedAt(normalized: string, start: number, entry: Entry): boolean {
  if (!normalized.startsWith(entry.body, start)) return false;
  const end = start + entry.body.length;
  return entry.isStem || end === normalized.length || normalized.charCodeAt(end) === 0x20;
}

function forEachWord(normalized: string, visit: (word: string, start: number) => void): void {
  let start = 0;
  while (start < normalized.length) {
    const space = normalized.indexOf(' ', start);
    const end = space === -1 ? normalized.length : space;
    visit(normalized.slice(start, end), start);
    start = end + 1;
  }
}
