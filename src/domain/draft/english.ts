// Small English helpers for turning a prospect's words into our reply: swapping "we" and "you", verb
// endings, phrase tidying. Word-level rules only; anything they cannot handle, callers skip.

const FLIP: Readonly<Record<string, string>> = {
  we: 'you',
  us: 'you',
  our: 'your',
  ours: 'yours',
  ourselves: 'yourselves',
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  your: 'our',
  yours: 'ours',
  yourself: 'ourselves',
  yourselves: 'ourselves',
};

/** Words after which "you" is the subject of a clause ("you support"), so it becomes "we", not "us". */
const AFTER_SUBJECT = new Set([
  'can',
  'could',
  'will',
  'would',
  'should',
  'do',
  'did',
  'have',
  'had',
  'are',
  'were',
  'offer',
  'support',
  'provide',
  'integrate',
  'work',
  'handle',
  'include',
  'sell',
  'help',
  'need',
  'use',
  'recommend',
  'charge',
  'allow',
  'also',
]);

const AGREEMENT: ReadonlyArray<[RegExp, string]> = [
  [/\byou am\b/g, 'you are'],
  [/\byou was\b/g, 'you were'],
  [/\byou['\u2019]m\b/g, "you're"],
];

/** Rewrites the prospect's first person as our second person and back ("our team" -> "your team"). */
export function flipPronouns(phrase: string): string {
  const words = phrase.split(/(\s+)/);
  const out = words.map((word, i) => {
    const match = /^([\p{L}]+)(['\u2019][\p{L}]+)?([^\p{L}]*)$/u.exec(word);
    if (match === null) return word;
    const [, stem = '', clitic = '', tail = ''] = match;
    const lower = stem.toLowerCase();
    // "US" is the country and "I" is only ever the pronoun; other all-caps words are names.
    if (stem !== lower && stem !== 'I' && stem.length > 1 && stem === stem.toUpperCase()) return word;
    if (lower === 'you') {
      const next = (words[i + 2] ?? '').toLowerCase().replace(/[^\p{L}]/gu, '');
      const isSubject = clitic !== '' || i === 0 || AFTER_SUBJECT.has(next);
      return `${isSubject ? 'we' : 'us'}${clitic}${tail}`;
    }
    const flipped = FLIP[lower];
    return flipped === undefined ? word : `${flipped}${clitic}${tail}`;
  });
  return AGREEMENT.reduce((text, [pattern, fix]) => text.replace(pattern, fix), out.join(''));
}

/** "improve" -> "improving", "plan" -> "planning", "tie" -> "tying". */
export function toGerund(verb: string): string {
  const v = verb.toLowerCase();
  if (v.endsWith('ie')) return `${v.slice(0, -2)}ying`;
  if (v.endsWith('e') && !/(?:ee|ye|oe)$/.test(v) && v.length > 2) return `${v.slice(0, -1)}ing`;
  const oneVowelGroup = (v.match(/[aeiou]+/g) ?? []).length === 1;
  if (oneVowelGroup && v.length <= 4 && /[^aeiou][aeiou][^aeiouwxy]$/.test(v)) return `${v}${v.slice(-1)}ing`;
  return `${v}ing`;
}

/** "integrate" -> "integrates", "have" -> "has", "carry" -> "carries". */
export function toThirdPerson(verb: string): string {
  const v = verb.toLowerCase();
  if (v === 'have') return 'has';
  if (v === 'do') return 'does';
  if (/[^aeiou]y$/.test(v)) return `${v.slice(0, -1)}ies`;
  if (/(?:s|sh|ch|x|z|o)$/.test(v)) return `${v}es`;
  return `${v}s`;
}

const CLAUSE_BREAK =
  /[,;:()"\u201c\u201d!?]|\s[\u2012-\u2015]\s|\s-\s|\s(?:because|since|as we|as our|so that|so we|which|who|where|that (?:is|are|was|were|has|have|we|i|our)|but|although|though|please|thanks|thank you|asap|if possible|at your earliest|and (?:we|i|our|my|would|want|need|are|am|have|also|it|they))\b/i;
const LEADING_FILLER =
  /^(?:(?:some|any|a bit|a little)\s+)?(?:more\s+)?(?:info(?:rmation)?|details|detail)\s+(?:on|about|regarding|around)\s+/i;
const TRAILING_FILLER = /\s+(?:for us|for me|please|asap|as well|too|also|now|soon|today|again)$/i;
const FUNCTION_WORDS =
  'and|or|for|of|to|the|a|an|with|in|on|at|our|your|my|from|by|about|as|is|are|that|this|some|any';
const DANGLING = new RegExp(`\\s+(?:${FUNCTION_WORDS})$`, 'i');
const ONLY_FUNCTION_WORDS = new RegExp(`^(?:(?:${FUNCTION_WORDS})(?:\\s+|$))+$`, 'i');

/** Cuts a captured phrase at its first clause break and trims filler; null when nothing useful is left. */
export function tidyPhrase(raw: string, maxWords = 12): string | null {
  let phrase = raw.split(CLAUSE_BREAK)[0] ?? '';
  phrase = phrase
    .replace(/[.\s]+$/, '')
    .trim()
    .replace(LEADING_FILLER, '');
  for (let previous = ''; previous !== phrase;) {
    previous = phrase;
    phrase = phrase.replace(TRAILING_FILLER, '').replace(DANGLING, '').trim();
  }
  const words = shortenAtPreposition(
    phrase.split(/\s+/).filter((w) => w !== ''),
    maxWords,
  );
  if (words.length === 0 || !/\p{L}/u.test(words.join(' ')) || ONLY_FUNCTION_WORDS.test(words.join(' ')))
    return null;
  return words.join(' ').replace(DANGLING, '');
}

const PREPOSITION = /^(?:for|with|in|on|at|from|by|across|to|before|after|during|within|into|over|under)$/i;

/** A long phrase is cut before its last preposition that keeps at least three words; none means no phrase. */
function shortenAtPreposition(words: string[], maxWords: number): string[] {
  if (words.length <= maxWords) return words;
  for (let i = maxWords; i >= 3; i -= 1) {
    if (PREPOSITION.test(words[i] ?? '')) return words.slice(0, i);
  }
  return [];
}

/** Common words that open a sentence with a capital only because they open it. */
const COMMON_OPENERS = new Set([
  'pricing',
  'price',
  'prices',
  'demo',
  'quote',
  'trial',
  'information',
  'info',
  'help',
  'support',
  'questions',
  'question',
  'details',
  'interest',
  'integration',
  'integrations',
  'onboarding',
  'security',
  'migration',
  'reporting',
  'enterprise',
  'team',
  'annual',
  'monthly',
  'custom',
  'discount',
  'discounts',
  'partnership',
  'call',
  'meeting',
]);

export function lowerFirstCommonWord(phrase: string): string {
  const first = phrase.split(/\s+/)[0] ?? '';
  return COMMON_OPENERS.has(first.toLowerCase()) ? first.toLowerCase() + phrase.slice(first.length) : phrase;
}
