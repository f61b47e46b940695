// The draft linter's content rules, each a pure check over one piece of text (a subject, a body with its
// URLs masked, or a fragment the writer wants to use). Structure rules (greeting, sign-off, limits) live
// in lint-draft.ts. Nothing here knows where the text came from.
import type { DraftFacts, LintProblem, LintRule } from '../results.js';
import type { VoiceProfile } from '../settings.js';
import { findAll, findExact, findTimes, findUrls, findWord, findWords } from './draft-text.js';

export function problem(rule: LintRule, message: string, excerpt: string | null = null): LintProblem {
  return { rule, message, excerpt };
}

/** The em and en dash (and their rarer cousins) are always banned; so is "--" standing in for one. */
const DASH_PATTERN = /[\u2012\u2013\u2014\u2015]|-{2,}/g;
const DASH_ONLY = /^[\u2012\u2013\u2014\u2015]+$/;

export function checkDashes(text: string): LintProblem[] {
  return findAll(text, DASH_PATTERN).map((m) =>
    problem('dash', 'Use a comma, colon or full stop instead of a dash.', m.text),
  );
}

export function checkBannedWords(text: string, voice: VoiceProfile): LintProblem[] {
  return findWords(text, voice.bannedWords).map((m) =>
    problem('banned-word', `The voice bans "${m.text}".`, m.text),
  );
}

export function checkBannedPunctuation(text: string, voice: VoiceProfile): LintProblem[] {
  return voice.bannedPunctuation
    .filter((mark) => mark !== '' && !DASH_ONLY.test(mark))
    .flatMap((mark) => Array.from({ length: countOccurrences(text, mark) }, () => mark))
    .map((mark) => problem('banned-punctuation', `The voice bans "${mark}".`, mark));
}

/** How many times `text.split(mark)` splits: occurrences found left to right, without overlap. */
function countOccurrences(text: string, mark: string): number {
  let count = 0;
  for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + mark.length)) count += 1;
  return count;
}

const PLACEHOLDER_PATTERNS: readonly RegExp[] = [
  /\{\{[^{}]*\}\}/g,
  /(?<!\{)\{[^{}\n]{1,40}\}(?!\})/g,
  /\[[\p{L}][^\]\n]{0,40}\]/gu,
  /<[A-Za-z][\w .-]{0,40}>/g,
  /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME)(?![\p{L}\p{N}])/gu,
  /(?<![\p{L}\p{N}])x{3,}(?![\p{L}\p{N}])/giu,
  /lorem ipsum/gi,
];

export function checkPlaceholders(text: string): LintProblem[] {
  return PLACEHOLDER_PATTERNS.flatMap((p) => findAll(text, p)).map((m) =>
    problem('placeholder', 'A template placeholder was left in the draft.', m.text),
  );
}

export function checkOtherClients(text: string, facts: DraftFacts): LintProblem[] {
  return findWords(text, facts.otherCompanyNames).map((m) =>
    problem('other-client', `"${m.text}" is another client and must not appear in this draft.`, m.text),
  );
}

/** A time is a fact only when it is part of a proposed slot's label, written exactly as proposed. */
export function checkTimes(text: string, facts: DraftFacts): LintProblem[] {
  const times = findTimes(text);
  if (times.length === 0) return [];
  const labels = findExact(
    text,
    facts.slots.flatMap((s) => [s.label, s.sellerLabel]),
  );
  const isInsideLabel = (index: number, length: number): boolean =>
    labels.some((l) => l.index <= index && index + length <= l.index + l.text.length);
  return times
    .filter((t) => !isInsideLabel(t.index, t.text.length))
    .map((t) => problem('unknown-time', `"${t.text}" is not one of the proposed slots.`, t.text));
}

export function getAllowedUrls(facts: DraftFacts): string[] {
  return [facts.assetUrl, facts.bookingLink].filter((u): u is string => u !== null && u !== '');
}

/** Takes the raw text (URLs unmasked). */
export function checkUrls(text: string, facts: DraftFacts): LintProblem[] {
  const allowed = getAllowedUrls(facts);
  return findUrls(text, allowed)
    .filter((u) => !allowed.includes(u.text))
    .map((u) => problem('unknown-url', 'Only the chosen asset link or the booking link may appear.', u.text));
}

// Suffixes that, written after the company's core name, make a different legal name ("Acme Inc" for "Acme Corp").
const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'llc',
  'ltd',
  'limited',
  'gmbh',
  'plc',
  'pty',
  'llp',
  'sa',
  'bv',
  'co',
]);
const FOLLOWING_SUFFIX = /^,?\s+([\p{L}.]+)(?![\p{L}\p{N}'’-])/u;

function stripDots(text: string): string {
  return text.replace(/\./g, '').toLowerCase();
}

/** "Acme Corp." -> "Acme"; a name that is only a suffix stays whole. */
export function getCompanyCore(company: string): string {
  const words = company.trim().split(/\s+/);
  while (words.length > 1 && LEGAL_SUFFIXES.has(stripDots(words[words.length - 1] ?? ''))) words.pop();
  return words.join(' ').replace(/,$/, '');
}

/**
 * A one-word name like "Notion" or "Box", or one of two letters ("IT"), is also an ordinary word: its
 * lower-case form is not a misspelling. "HubSpot" written "hubspot" is.
 */
function isOrdinaryWordForm(core: string, written: string): boolean {
  return (/^\p{Lu}?\p{Ll}*$/u.test(core) || core.length <= 2) && written === written.toLowerCase();
}

/** The lead's company must be written byte-exact; a short form without the legal suffix is fine. */
export function checkCompanySpelling(text: string, facts: DraftFacts): LintProblem[] {
  const company = facts.lead.company?.trim() ?? '';
  if (company === '') return [];
  const core = getCompanyCore(company);
  const found: LintProblem[] = [];
  for (const m of findWord(text, core)) {
    const suffix = FOLLOWING_SUFFIX.exec(text.slice(m.index + m.text.length));
    const hasSuffix = suffix !== null && LEGAL_SUFFIXES.has(stripDots(suffix[1] ?? ''));
    if (m.text !== core) {
      // "acme" alone may be the ordinary word; "acme corp" is the company misspelt.
      if (hasSuffix || !isOrdinaryWordForm(core, m.text))
        found.push(problem('company-spelling', `Write the company as "${company}".`, m.text));
      continue;
    }
    if (!hasSuffix) continue;
    const written = text.slice(m.index, m.index + core.length + (suffix?.[0].length ?? 0));
    if (written.replace(/\.$/, '') !== company.replace(/\.$/, '')) {
      found.push(problem('company-spelling', `Write the company as "${company}".`, written));
    }
  }
  return found;
}

const NAME_TOKEN = /(?<![\p{L}\p{M}\p{N}'’-])[\p{L}][\p{L}\p{M}'’-]*/gu;

function isSentenceStart(text: string, index: number): boolean {
  let j = index - 1;
  while (j >= 0 && /[ \t"“‘'(\[*-]/.test(text[j] ?? '')) j -= 1;
  return j < 0 || /[\n.!?:]/.test(text[j] ?? '');
}

/** Optimal-string-alignment distance: a swap of two neighbours ("Jnae") counts as one edit. */
export function getEditDistance(a: string, b: string): number {
  const width = b.length + 1;
  const d = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number): number => d[i * width + j] ?? 0;
  for (let i = 0; i <= a.length; i += 1) d[i * width] = i;
  for (let j = 0; j <= b.length; j += 1) d[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** "Jane's" -> "Jane": the text without a final "'s" or "’s". */
function withoutPossessive(word: string): string {
  const mark = word.charAt(word.length - 2);
  return word.endsWith('s') && (mark === "'" || mark === '\u2019') ? word.slice(0, -2) : word;
}

function isOneEditAway(a: string, b: string): boolean {
  // Lengths two apart are at least two edits apart: no need to count them.
  return Math.abs(a.length - b.length) <= 1 && getEditDistance(a, b) === 1;
}

/**
 * Misspellings of the lead's first name outside the greeting: other casings ("JANE"), or a capitalised
 * word one edit away ("Jnae", "Jayne") mid-sentence. All-lower-case forms and sentence starts are left
 * alone, because names such as Will, Grace or Mark are ordinary words too.
 */
export function checkNameSpelling(text: string, facts: DraftFacts): LintProblem[] {
  const first = facts.lead.firstName?.trim() ?? '';
  if (first === '' || /\s/.test(first)) return [];
  const known = new Set([facts.lead.lastName ?? '', facts.lead.company ?? ''].join(' ').split(/\s+/));
  const target = first.toLowerCase();
  return findAll(text, NAME_TOKEN)
    .filter((m) => {
      const token = withoutPossessive(m.text);
      if (token === first || known.has(token) || known.has(m.text)) return false;
      // Where the sentence starts is looked for last: most tokens are ruled out before it matters.
      if (token.toLowerCase() === target) {
        // "will" for Will, or "Will" opening a sentence, is the ordinary word.
        return (
          token !== token.toLowerCase() && !(/^\p{Lu}\p{Ll}*$/u.test(token) && isSentenceStart(text, m.index))
        );
      }
      const isCapitalised = /^\p{Lu}/u.test(token);
      return (
        isCapitalised &&
        target.length >= 4 &&
        token.length >= 4 &&
        isOneEditAway(token.toLowerCase(), target) &&
        !isSentenceStart(text, m.index)
      );
    })
    .map((m) => problem('name-spelling', `Spell the first name as the lead does: "${first}".`, m.text));
}
