// The draft linter: every rule a draft must pass before it is saved, one problem per violation. It reads
// text only; it does not know whether an LLM or the deterministic writer produced the draft.
//
// Counting rules (the writer uses the same ones):
// - Paragraphs are blocks separated by a blank line. A greeting line standing alone and the sign-off block
//   (voice.signOff then a name line) are not paragraphs; a P.S. block is.
// - Words are whitespace-separated tokens holding a letter or digit (a URL is one word, a "-" bullet
//   none), over the whole body except the sign-off block; the greeting and any P.S. count.
// - The call to action is the body's one question: runs of "?" outside URLs and "> " quoted lines.
import { LINT_RULES } from '../results.js';
import type { DraftFacts, LintProblem } from '../results.js';
import type { VoiceProfile } from '../settings.js';
import {
  countWords,
  findExact,
  getCountedBlocks,
  maskSpans,
  maskUrls,
  readDraftParts,
} from './draft-text.js';
import type { DraftParts } from './draft-text.js';
import {
  checkBannedPunctuation,
  checkBannedWords,
  checkCompanySpelling,
  checkDashes,
  checkNameSpelling,
  checkOtherClients,
  checkPlaceholders,
  checkTimes,
  checkUrls,
  getAllowedUrls,
  problem,
} from './lint-rules.js';

export function lintDraft(
  draft: { subject: string; body: string },
  voice: VoiceProfile,
  facts: DraftFacts,
): LintProblem[] {
  const found = [...lintSubject(draft.subject, voice, facts), ...lintBody(draft.body, voice, facts)];
  const order = (p: LintProblem): number => LINT_RULES.indexOf(p.rule);
  return found
    .map((p, i) => ({ p, i }))
    .sort((a, b) => order(a.p) - order(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** Rules that apply to any text we author, subject or body (URLs already masked). */
export function lintContent(masked: string, voice: VoiceProfile, facts: DraftFacts): LintProblem[] {
  return [
    ...checkDashes(masked),
    ...checkBannedWords(masked, voice),
    ...checkBannedPunctuation(masked, voice),
    ...checkTimes(masked, facts),
    ...checkCompanySpelling(masked, facts),
    ...checkPlaceholders(masked),
    ...checkOtherClients(masked, facts),
  ];
}

/**
 * A reply keeps the thread's subject byte for byte (Gmail threads a draft only when the subjects match),
 * so after "Re:" the words are the thread's, not ours: only placeholders are checked there.
 */
export function lintSubject(subject: string, voice: VoiceProfile, facts: DraftFacts): LintProblem[] {
  if (subject.trim() === '') return [problem('empty', 'The subject is empty.')];
  if (/^\s*re:/i.test(subject)) return checkPlaceholders(subject);
  const masked = maskUrls(subject, getAllowedUrls(facts));
  return [
    ...lintContent(masked, voice, facts),
    ...checkUrls(subject, facts),
    ...checkNameSpelling(masked, facts),
  ];
}

export function lintBody(body: string, voice: VoiceProfile, facts: DraftFacts): LintProblem[] {
  if (body.trim() === '') return [problem('empty', 'The body is empty.')];
  const masked = maskUrls(body, getAllowedUrls(facts));
  // Structure is read from the raw body: a masked URL on its own line would look like a blank line.
  const parts = readDraftParts(body, voice);
  return [
    ...lintContent(masked, voice, facts),
    ...checkCallToAction(masked),
    ...checkLimits(parts, voice),
    ...checkUrls(body, facts),
    ...checkGreeting(parts, voice, facts),
    ...checkNameSpelling(getNameCheckedText(parts, facts), facts),
    ...(parts.signOffIndex === null
      ? [problem('sign-off', `End with a blank line, "${voice.signOff}", then your name on the next line.`)]
      : []),
  ];
}

function checkCallToAction(masked: string): LintProblem[] {
  const unquoted = masked
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('>'))
    .join('\n');
  const questions = unquoted.match(/\?+/g)?.length ?? 0;
  if (questions === 1) return [];
  const message =
    questions === 0
      ? 'End with one call to action phrased as a question.'
      : `Ask one question, not ${questions}.`;
  return [problem('cta-count', message)];
}

function checkLimits(parts: DraftParts, voice: VoiceProfile): LintProblem[] {
  const counted = getCountedBlocks(parts);
  const words = countWords(counted.words.join('\n'));
  const found: LintProblem[] = [];
  if (words > voice.maxWords)
    found.push(problem('word-limit', `${words} words; the voice allows ${voice.maxWords}.`));
  if (counted.paragraphs.length > voice.maxParagraphs) {
    found.push(
      problem(
        'paragraph-limit',
        `${counted.paragraphs.length} paragraphs; the voice allows ${voice.maxParagraphs}.`,
      ),
    );
  }
  return found;
}

/** "there" always works; otherwise the greeting names the lead exactly as they wrote their name. */
function checkGreeting(parts: DraftParts, voice: VoiceProfile, facts: DraftFacts): LintProblem[] {
  if (parts.addressed === null)
    return [problem('greeting', `Open with "${voice.greeting} <first name>," on its own line.`)];
  const first = facts.lead.firstName?.trim() ?? '';
  const full = `${first} ${facts.lead.lastName?.trim() ?? ''}`.trim();
  const fine = ['', 'there', first, full].filter((n, i) => i < 2 || n !== '');
  if (fine.includes(parts.addressed)) return [];
  const expected = first === '' ? 'there' : first;
  return [problem('name-spelling', `The greeting should address "${expected}".`, parts.addressed)];
}

/** The body without its greeting line and sign-off block (the seller's own name), slot labels masked. */
function getNameCheckedText(parts: DraftParts, facts: DraftFacts): string {
  const blocks = parts.blocks
    .filter((_, i) => i !== parts.signOffIndex)
    .map((block, i) =>
      i === 0 && parts.greetingLine !== null ? block.slice(parts.greetingLine.length) : block,
    );
  const text = maskUrls(blocks.join('\n\n'), getAllowedUrls(facts));
  return maskSpans(
    text,
    findExact(
      text,
      facts.slots.flatMap((s) => [s.label, s.sellerLabel]),
    ),
  );
}
