// Text mechanics shared by the draft writer and linter: URLs, times, words, whole-word phrase search,
// and how a plain-text email splits into greeting, paragraphs, sign-off and P.S. No voice rules here.
import type { VoiceProfile } from '../settings.js';
import { boundedMemo } from '../text/bounded-memo.js';

/** A word character for boundaries: letters (any script, with accents), digits, underscore. */
const W = '[\\p{L}\\p{M}\\p{N}_]';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whole-word, case-insensitive matcher for a word or phrase; inner spaces match any whitespace. */
export function buildWordPattern(phrase: string): RegExp {
  return new RegExp(`(?<!${W})${buildWordBody(phrase)}(?!${W})`, 'giu');
}

function buildWordBody(phrase: string): string {
  return phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
}

export interface TextMatch {
  text: string;
  index: number;
}

/** buildWordPattern, built once per phrase; only for findWord and findFirstWord, which reset it. */
const getWordPattern = boundedMemo(buildWordPattern, 2_000);

/** `findAll(text, buildWordPattern(phrase))`. */
export function findWord(text: string, phrase: string): TextMatch[] {
  return findAll(text, getWordPattern(phrase));
}

interface PhraseList {
  /** The list as it was when compiled, to notice a list changed in place. */
  phrases: string[];
  words: string[];
  any: RegExp;
}

const phraseLists = new WeakMap<readonly string[], PhraseList>();
/** The same lists by content: a run builds its own array of other clients' names, equal to the last run's. */
const phraseListsByContent = new Map<string, PhraseList>();
const MAX_PHRASE_LISTS = 256;

/**
 * `phrases.filter((p) => p.trim() !== '').flatMap((p) => findWord(text, p))`. One pass with all the
 * phrases as alternatives first tells whether any of them is there at all (usually none is: banned
 * words, other clients' names); it is built once per list.
 */
export function findWords(text: string, phrases: readonly string[]): TextMatch[] {
  let list = phraseLists.get(phrases);
  if (list === undefined || !isSameList(list.phrases, phrases)) {
    list = getPhraseList(phrases);
    phraseLists.set(phrases, list);
  }
  if (list.words.length === 0 || !list.any.test(text)) return [];
  return list.words.flatMap((phrase) => findWord(text, phrase));
}

function getPhraseList(phrases: readonly string[]): PhraseList {
  const key = phrases.join('\0');
  let list = phraseListsByContent.get(key);
  if (list === undefined || !isSameList(list.phrases, phrases)) {
    const words = phrases.filter((p) => p.trim() !== '');
    const any = new RegExp(`(?<!${W})(?:${words.map(buildWordBody).join('|')})(?!${W})`, 'iu');
    list = { phrases: [...phrases], words, any };
    if (phraseListsByContent.size >= MAX_PHRASE_LISTS) phraseListsByContent.clear();
    phraseListsByContent.set(key, list);
  }
  return list;
}

function isSameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/** `buildWordPattern(phrase).exec(text)`: the first whole-word match, or null. */
export function findFirstWord(text: string, phrase: string): TextMatch | null {
  const pattern = getWordPattern(phrase);
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match === null ? null : { text: match[0], index: match.index };
}

// findAll's own global copy of each pattern, so the caller's pattern (and its lastIndex) is never touched.
const globalCopies = new WeakMap<RegExp, RegExp>();

/** Every match, as `text.matchAll` finds them from the start of the text; the pattern is left alone. */
export function findAll(text: string, pattern: RegExp): TextMatch[] {
  let global = globalCopies.get(pattern);
  if (global === undefined) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    global = new RegExp(pattern.source, flags);
    globalCopies.set(pattern, global);
  }
  const isUnicode = global.unicode || global.flags.includes('v');
  const found: TextMatch[] = [];
  global.lastIndex = 0;
  for (let m = global.exec(text); m !== null; m = global.exec(text)) {
    found.push({ text: m[0], index: m.index });
    // An empty match does not move lastIndex; step past it as matchAll does (AdvanceStringIndex).
    if (m[0] === '') global.lastIndex = advanceIndex(text, global.lastIndex, isUnicode);
  }
  return found;
}

function advanceIndex(text: string, index: number, isUnicode: boolean): number {
  if (!isUnicode || index + 1 >= text.length) return index + 1;
  const code = text.codePointAt(index) ?? 0;
  return index + (code > 0xffff ? 2 : 1);
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+|\bwww\.[^\s<>"'`]+/gi;
const TRAILING_URL_PUNCTUATION = /[.,;:!?)\]}'"]+$/;

/** URLs as written, trailing sentence punctuation removed unless the allowed URL itself ends with it. */
export function findUrls(text: string, allowed: readonly string[] = []): TextMatch[] {
  return findAll(text, URL_PATTERN).map((m) => {
    if (allowed.includes(m.text)) return m;
    const known = allowed.find(
      (url) => m.text.startsWith(url) && TRAILING_URL_PUNCTUATION.test(m.text.slice(url.length)),
    );
    return { text: known ?? m.text.replace(TRAILING_URL_PUNCTUATION, ''), index: m.index };
  });
}

/** Replaces the given spans with spaces, keeping every other index where it was. */
export function maskSpans(text: string, spans: readonly TextMatch[]): string {
  let out = text;
  for (const span of spans) {
    out = out.slice(0, span.index) + ' '.repeat(span.text.length) + out.slice(span.index + span.text.length);
  }
  return out;
}

export function maskUrls(text: string, allowed: readonly string[] = []): string {
  return maskSpans(text, findUrls(text, allowed));
}

const TIME_PATTERNS: readonly RegExp[] = [
  // 10:00, 14:30, 9:15 am, 14h30
  /(?<![\p{L}\p{N}:])(?:[01]?\d|2[0-3])[:h][0-5]\d(?:\s?(?:[ap]\.m\.|[ap]m))?(?![\p{L}\p{N}])/giu,
  // 3pm, 3 pm, 11 a.m.
  /(?<![\p{L}\p{N}:.,])(?:1[0-2]|0?[1-9])\s?(?:[ap]\.m\.|[ap]m)(?![\p{L}\p{N}])/giu,
  /(?<![\p{L}\p{N}])(?:noon|midnight)(?![\p{L}\p{N}])/giu,
];

/** Every time-of-day-like span, e.g. "10:00 AM", "3pm", "14:30", "noon". */
export function findTimes(text: string): TextMatch[] {
  // Every pattern needs a digit or "noon"/"midnight": most text has neither.
  if (!/\d/.test(text) && !/noon|midnight/iu.test(text)) return [];
  return TIME_PATTERNS.flatMap((p) => findAll(text, p)).sort((a, b) => a.index - b.index);
}

/** Every occurrence of any of the exact strings. */
export function findExact(text: string, needles: readonly string[]): TextMatch[] {
  return needles
    .filter((n) => n.length > 0)
    .flatMap((needle) => {
      const out: TextMatch[] = [];
      for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1))
        out.push({ text: needle, index: i });
      return out;
    });
}

/** A word is a whitespace-separated token holding a letter or digit: a URL is one word, a "-" bullet none. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

export function splitBlocks(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '');
}

const PS_START = /^p\.?\s?s\b/i;

export interface DraftParts {
  blocks: string[];
  /** The first line when it reads `${voice.greeting} <name>,`; null otherwise. */
  greetingLine: string | null;
  /** What the greeting addresses: "Jane", "there", or "" for a bare "Hi,". */
  addressed: string | null;
  /** Index in blocks of a well-formed sign-off block, or null. */
  signOffIndex: number | null;
}

/**
 * Reads the structure the voice asks for. The sign-off block is `voice.signOff` then one name line; it is
 * the last block, or the one before a closing P.S. block (a P.S. conventionally follows the signature).
 */
export function readDraftParts(body: string, voice: VoiceProfile): DraftParts {
  const blocks = splitBlocks(body);
  const firstLine = (blocks[0] ?? '').split('\n')[0]?.trim() ?? '';
  const greeting = voice.greeting.trim();
  const isGreeting = firstLine.startsWith(greeting) && firstLine.endsWith(',') && countWords(firstLine) <= 8;
  const addressed = isGreeting ? firstLine.slice(greeting.length, -1).trim() : null;
  return {
    blocks,
    greetingLine: isGreeting ? firstLine : null,
    addressed,
    signOffIndex: findSignOff(blocks, voice),
  };
}

function findSignOff(blocks: readonly string[], voice: VoiceProfile): number | null {
  const last = blocks.length - 1;
  const candidate = last > 0 && PS_START.test(blocks[last] ?? '') ? last - 1 : last;
  if (candidate < 1) return null;
  const lines = (blocks[candidate] ?? '').split('\n').map((l) => l.trim());
  const signOff = voice.signOff
    .trim()
    .split('\n')
    .map((l) => l.trim());
  const nameLine = lines[signOff.length];
  const matches = lines.length === signOff.length + 1 && signOff.every((l, i) => lines[i] === l);
  return matches && nameLine !== undefined && nameLine !== '' ? candidate : null;
}

/**
 * The text whose words and paragraphs count against the voice's limits: every block except the
 * sign-off block, with a greeting line that stands alone not counted as a paragraph (its words count).
 */
export function getCountedBlocks(parts: DraftParts): { paragraphs: string[]; words: string[] } {
  const words = parts.blocks.filter((_, i) => i !== parts.signOffIndex);
  const paragraphs = words.filter(
    (block, i) => !(i === 0 && parts.greetingLine !== null && block === parts.greetingLine),
  );
  return { paragraphs, words };
}

export function isPsBlock(block: string): boolean {
  return PS_START.test(block);
}
