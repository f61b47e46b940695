// Finds the sentences in a plain-text message that ask something, with or without a question mark.
// It does not strip quoted replies or signatures: callers pass text already cleaned.

const AUX_WORDS = new Set([
  'can',
  'could',
  'do',
  'does',
  'did',
  'is',
  'are',
  'was',
  'were',
  'will',
  'would',
  'should',
  'shall',
  'may',
  'might',
  'have',
  'has',
  'had',
  'must',
]);
/** After an auxiliary, a subject makes a question ("Could you ..."); "Would love to ..." is a statement. */
const SUBJECT_WORDS = new Set([
  'you',
  'we',
  'i',
  'it',
  'there',
  'this',
  'that',
  'these',
  'those',
  'the',
  'your',
  'our',
  'my',
  'they',
  'he',
  'she',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'one',
  'a',
  'an',
  'any',
  'all',
  'each',
]);
/** Question words that may start a statement ("When we spoke ...") unless a verb or quantifier follows. */
const WH_WORDS = new Set(['what', 'how', 'when', 'where', 'why']);
const WH_FOLLOWERS = new Set([
  ...AUX_WORDS,
  'much',
  'many',
  'long',
  'soon',
  'often',
  'far',
  'about',
  'kind',
  'type',
  'sort',
  'not',
  's',
  'else',
  'exactly',
  'quickly',
]);
const ALWAYS_QUESTION_STARTS = new Set(['which', 'who', 'whom', 'whose']);
const INDIRECT_QUESTION = /\b(?:wondering|curious) (?:if|whether|about|how|what|when)\b|\bany chance\b/;

/**
 * Mail is often hard-wrapped, so a line break only ends a sentence after terminal punctuation or a
 * comma (a greeting line), before a bullet, or at a blank line; otherwise the lines are one sentence.
 */
function joinWrappedLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([^\n.?!:,])[ \t]*\n(?![ \t]*(?:\n|[-*\u2022]|\d+[.)]))[ \t]*/g, '$1 ');
}

/** Splits plain text into trimmed sentences on terminal punctuation and line breaks. */
export function splitSentences(text: string): string[] {
  return joinWrappedLines(text)
    .split(/\n+|(?<=[.?!])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function firstWords(sentence: string): [string, string] {
  const words = sentence
    .toLowerCase()
    .replace(/[^a-z0-9'\s]/g, ' ')
    .replace(/'/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  return [words[0] ?? '', words[1] ?? ''];
}

/** Does this one sentence ask something? */
export function isQuestionSentence(sentence: string): boolean {
  const trimmed = sentence.trim();
  if (trimmed.endsWith('?')) return true;
  const [first, second] = firstWords(trimmed);
  if (ALWAYS_QUESTION_STARTS.has(first)) return true;
  if (AUX_WORDS.has(first)) return SUBJECT_WORDS.has(second);
  if (WH_WORDS.has(first)) return WH_FOLLOWERS.has(second);
  return INDIRECT_QUESTION.test(trimmed.toLowerCase());
}

/** The question sentences of the text, in order. */
export function findQuestions(text: string): string[] {
  return splitSentences(text).filter(isQuestionSentence);
}
