import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  buildPhrasePattern,
  containsPhrase,
  findPhrase,
  indexOfPhrase,
  normalizeText,
} from './match-phrase.js';
import { compilePhraseSet } from './phrase-set.js';
import { TOPIC_VOCABULARY } from './topic-vocabulary.js';

const WORDS = [
  'sso',
  'single',
  'sign',
  'on',
  'price',
  'pricing',
  'priced',
  'integrat',
  'integrate',
  'integrations',
  'how',
  'much',
  'a',
  'an',
  '40',
  'users',
  'ok',
  'okta',
  'é',
  'Ünï',
  'data',
  'residency',
];
const textArb = fc.oneof(
  fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', '-', ', ', '', '\n', '?! ')), {
      maxLength: 20,
    })
    .map((parts) => parts.map(([w, sep]) => w + sep).join('')),
  fc.string({ maxLength: 40 }),
);
const phraseArb = fc.oneof(
  fc
    .tuple(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([words, stem]) => `${words.join(' ')}${stem ? '*' : ''}`),
  fc.constantFrom('*', '', ' - ', 'sign-on', 'Single Sign-On', 'a*'),
  fc.string({ maxLength: 6 }),
);

describe('indexOfPhrase', () => {
  it('finds what the phrase pattern finds, at the same index', () => {
    fc.assert(
      fc.property(textArb, phraseArb, (text, phrase) => {
        const normalized = normalizeText(text);
        return indexOfPhrase(normalized, phrase) === findPhrase(normalized, buildPhrasePattern(phrase));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('compilePhraseSet', () => {
  it("gives each phrase's first index and containsPhrase answer, as one pattern per phrase does", () => {
    fc.assert(
      fc.property(fc.array(phraseArb, { maxLength: 12 }), textArb, (phrases, text) => {
        const set = compilePhraseSet(phrases);
        const normalized = normalizeText(text);
        assert.deepEqual(
          set.findFirst(normalized),
          phrases.map((p) => findPhrase(normalized, buildPhrasePattern(p))),
        );
        assert.deepEqual(
          set.containsEach(text),
          phrases.map((p) => containsPhrase(text, p)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the topic vocabulary as its patterns do', () => {
    const terms = TOPIC_VOCABULARY.flatMap((t) => t.terms);
    const set = compilePhraseSet(terms);
    const text = normalizeText(
      'We need SSO, single sign-on and integrations; how much for 40 users? Budgeting now.',
    );
    assert.deepEqual(
      set.findFirst(text),
      terms.map((t) => findPhrase(text, buildPhrasePattern(t))),
    );
    assert.ok(set.findFirst(text).some((i) => i !== -1));
  });
});
