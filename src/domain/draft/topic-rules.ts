// The sentence rules behind topic extraction: each recognises one way prospects phrase what they want
// ("Do you support X", "interested in X", "we need X") and restates it in our words, or returns null.
import { flipPronouns, tidyPhrase, toGerund, toThirdPerson } from './english.js';

/**
 * How the opener uses the phrase: question "your question about X", asking "asking whether X",
 * interest "your interest in X", request "asking for X", about "reaching out about X",
 * noun "your X" (a "demo request"), quote: the prospect's own words, unchanged.
 */
export type TopicKind = 'question' | 'asking' | 'interest' | 'request' | 'about' | 'noun' | 'quote';

export interface Topic {
  kind: TopicKind;
  phrase: string;
}

export type Rule = (sentence: string) => Topic | null;

function topic(kind: TopicKind, raw: string | undefined, flip = true): Topic | null {
  const tidy = tidyPhrase(raw ?? '');
  if (tidy === null) return null;
  return { kind, phrase: flip ? flipPronouns(tidy) : tidy };
}

const SUBJECT_FLIP: Readonly<Record<string, string>> = {
  you: 'we',
  we: 'you',
  i: 'you',
  they: 'they',
  it: 'it',
  there: 'there',
};
const DETERMINERS = new Set(['your', 'our', 'my', 'the', 'this', 'that', 'their']);
const KNOWN_VERBS = new Set([
  'support',
  'integrate',
  'work',
  'include',
  'offer',
  'have',
  'handle',
  'allow',
  'cover',
  'come',
  'need',
  'require',
  'provide',
  'connect',
  'sync',
  'export',
  'import',
  'run',
  'scale',
  'cost',
  'comply',
  'let',
  'store',
  'use',
  'do',
]);

/** "Does your API support webhooks" -> "whether our API supports webhooks". */
function readYesNo(sentence: string): Topic | null {
  const m = /^(do|does|did|can|could|will|would|should|is|are)\s+(.+)$/i.exec(sentence);
  if (m === null) return null;
  const aux = (m[1] ?? '').toLowerCase();
  const words = (m[2] ?? '').split(/\s+/);
  const head = (words[0] ?? '').toLowerCase();
  const pronoun = SUBJECT_FLIP[head];
  if (aux === 'did') return null;
  if (pronoun !== undefined) {
    const [verbWord = '', ...others] = words.slice(1);
    const inflect = aux === 'does' && (pronoun === 'it' || pronoun === 'there');
    const rest = [inflect ? toThirdPerson(verbWord) : verbWord, ...others].join(' ');
    const be = aux === 'is' || aux === 'are' ? (pronoun === 'we' || pronoun === 'you' ? 'are' : aux) : aux;
    const verb = aux === 'do' || aux === 'does' ? '' : `${be} `;
    return topic('asking', `whether ${pronoun} ${verb}${flipPronouns(rest)}`, false);
  }
  if (!DETERMINERS.has(head) || aux === 'is' || aux === 'are') return null;
  const verbAt = words.findIndex((w, i) => i > 0 && i <= 4 && KNOWN_VERBS.has(w.toLowerCase()));
  if (verbAt === -1) return null;
  const subject = flipPronouns(words.slice(0, verbAt).join(' '));
  const verb = words[verbAt] ?? '';
  const predicate = aux === 'does' ? toThirdPerson(verb) : aux === 'do' ? verb : `${aux} ${verb}`;
  return topic(
    'asking',
    `whether ${subject} ${predicate} ${flipPronouns(words.slice(verbAt + 1).join(' '))}`,
    false,
  );
}

function capture(pattern: RegExp, s: string): string | undefined {
  return pattern.exec(s)?.[1];
}

function prefixed(prefix: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : `${prefix}${value}`;
}

function readRequest(s: string): Topic | null {
  const rest = capture(
    /^(?:(?:can|could|would|will)\s+(?:you|someone)\s+)?(?:please\s+)?(?:send|share|give|provide|email|forward)(?:\s+(?:me|us|over))*\s+(.+)$/i,
    s,
  );
  if (rest === undefined) return null;
  const info = capture(
    /^(?:(?:some|any)\s+)?(?:more\s+)?(?:info(?:rmation)?|details)\s+(?:on|about|regarding)\s+(.+)$/i,
    rest,
  );
  return info === undefined ? topic('request', rest) : topic('about', info);
}

/** "which plan includes SSO" reads as a statement already; "which plan do you recommend" does not. */
function readWhich(s: string): Topic | null {
  if (
    !/^which\s/i.test(s) ||
    /^which(?:\s+\S+){1,2}\s+(?:do|does|did|would|should|can|could|will|is|are)\s+(?:you|we|i|they)\b/i.test(
      s,
    )
  )
    return null;
  return topic('asking', s.charAt(0).toLowerCase() + s.slice(1));
}

function readHowDoesItWork(s: string): Topic | null {
  const m = /^how (do|does) (.+?) work\b(.*)$/i.exec(s);
  if (m === null) return null;
  const verb = m[1]?.toLowerCase() === 'does' ? 'works' : 'work';
  return topic('asking', `how ${flipPronouns(m[2] ?? '')} ${verb}${flipPronouns(m[3] ?? '')}`, false);
}

function readWonderingWhether(s: string): Topic | null {
  const m =
    /\b(?:wondering|curious|asking|know|learn|understand|find out)\s+(?:about\s+)?(whether|if|how|what|which|when)\s+(.+)$/i.exec(
      s,
    );
  if (m === null) return null;
  const word = (m[1] ?? '').toLowerCase();
  return topic('asking', `${word === 'if' ? 'whether' : word} ${m[2] ?? ''}`);
}

function readGoal(s: string): Topic | null {
  const m = /\b(?:want|wants|need|needs|looking|hoping|trying|planning|like)\s+to\s+(\p{L}+)\s+(.+)$/iu.exec(
    s,
  );
  if (m === null || /^(?:be|know|learn|talk|speak|chat|connect|meet|hear|understand)$/i.test(m[1] ?? ''))
    return null;
  return topic('about', `${toGerund(m[1] ?? '')} ${m[2] ?? ''}`);
}

const COST = [
  /^how much (?:does|do|will|would) (.+?) cost$/i,
  /^what (?:does|do) (.+?) cost$/i,
  /^how much (?:is|are) (.+)$/i,
];

export const TOPIC_RULES: readonly Rule[] = [
  readRequest,
  (s) =>
    topic(
      'about',
      capture(
        /^(?:(?:can|could|would|will)\s+you\s+)?(?:please\s+)?(?:tell|explain|walk)\s+(?:me|us)\s+(?:through\s+|more\s+)?(?:about\s+)?(.+)$/i,
        s,
      ),
    ),
  (s) =>
    topic(
      'question',
      prefixed(
        'the cost of ',
        COST.map((p) => capture(p, s)).find((c) => c !== undefined),
      ),
    ),
  (s) =>
    topic(
      'asking',
      prefixed('how to ', capture(/^how (?:do|can|could|should|would) (?:i|we|one) (.+)$/i, s)),
    ),
  readHowDoesItWork,
  (s) => topic('question', capture(/^(?:what|which)(?:\s+(?:is|are)|['\u2019]s)\s+(.+)$/i, s)),
  readWhich,
  readYesNo,
  (s) =>
    topic(
      'interest',
      capture(
        /\binterested in\s+(?:(?:learning|hearing|finding out|knowing)\s+(?:more\s+)?(?:about\s+)?)?(.+)$/i,
        s,
      ),
    ),
  (s) => topic('question', capture(/\bquestions?\s+(?:about|on|regarding|around)\s+(.+)$/i, s)),
  readWonderingWhether,
  (s) => topic('question', capture(/\b(?:wondering|curious)\s+about\s+(.+)$/i, s)),
  (s) =>
    topic('about', capture(/\b(?:learn|know|hear|find out|understand|see)\s+(?:more\s+)?about\s+(.+)$/i, s)),
  (s) =>
    topic(
      'about',
      capture(
        /\b(?:want|wants|like|need|needs|wanted|hoping)\s+to\s+(?:know|learn|understand|see|get|find out)\s+(?:more\s+)?(.+)$/i,
        s,
      ),
    ),
  (s) =>
    topic(
      'about',
      capture(
        /\b(?:looking for|looking into|looking at|searching for|in the market for|shopping for|evaluating|exploring|considering)\s+(.+)$/i,
        s,
      ),
    ),
  (s) =>
    topic(
      'about',
      capture(/\b(?:need|want|would like|could use)\s+(?:some\s+)?help\s+(?:with\s+)?(.+)$/i, s),
    ),
  readGoal,
  (s) => topic('about', capture(/\b(?:need|needs|want|wants|require|requires)\s+(?!to\b)(.+)$/i, s)),
  (s) => topic('about', capture(/\b(?:about|regarding)\s+(.+)$/i, s)),
];
