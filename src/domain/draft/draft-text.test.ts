import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildWordPattern, findAll, findFirstWord, findTimes, findWord, findWords } from './draft-text.js';

const PIECES = [
  'Acme',
  'acme',
  'ACME Corp',
  'synergy',
  'circle  back',
  'Zoë',
  'é',
  '😀',
  'x',
  '3pm',
  '10:30',
  'noon',
  '{{a}}',
  '-',
  '\n',
  ' ',
  ', ',
];
const textArb = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 20 }).map((p) => p.join('')),
  fc.string({ maxLength: 40, unit: 'binary' }),
);

/** findAll as it was first written: a fresh global copy of the pattern, read with matchAll. */
function findAllByMatchAll(text: string, pattern: RegExp): { text: string; index: number }[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return [...text.matchAll(new RegExp(pattern.source, flags))].map((m) => ({ text: m[0], index: m.index }));
}

describe('findAll', () => {
  it('finds what matchAll finds, empty matches and astral characters included, and leaves the pattern alone', () => {
    const patterns = [/x*/gu, /(?:)/g, /\p{L}+/gu, /a|/gi, /😀?/u, /\d+/y, /c\w+/i, buildWordPattern('acme')];
    fc.assert(
      fc.property(textArb, fc.constantFrom(...patterns), fc.nat(5), (text, pattern, lastIndex) => {
        pattern.lastIndex = lastIndex;
        assert.deepEqual(findAll(text, pattern), findAllByMatchAll(text, pattern));
        assert.equal(pattern.lastIndex, lastIndex);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('findWord, findWords and findFirstWord', () => {
  const phraseArb = fc.constantFrom('acme', 'Acme Corp', 'circle back', 'synergy', 'zoë', 'x', '  ', '3pm');

  it('match as buildWordPattern does', () => {
    fc.assert(
      fc.property(textArb, fc.array(phraseArb, { maxLength: 5 }), (text, phrases) => {
        assert.deepEqual(
          findWords(text, phrases),
          phrases.filter((p) => p.trim() !== '').flatMap((p) => findAll(text, buildWordPattern(p))),
        );
        for (const phrase of phrases.filter((p) => p.trim() !== '')) {
          assert.deepEqual(findWord(text, phrase), findAll(text, buildWordPattern(phrase)));
          const first = buildWordPattern(phrase).exec(text);
          assert.deepEqual(
            findFirstWord(text, phrase),
            first === null ? null : { text: first[0], index: first.index },
          );
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('notices a list changed in place', () => {
    const banned = ['synergy'];
    assert.equal(findWords('Acme and synergy', banned).length, 1);
    banned[0] = 'acme';
    assert.deepEqual(findWords('Acme and synergy', banned), [{ text: 'Acme', index: 0 }]);
  });
});

describe('findTimes', () => {
  it('finds times with digits, noon and midnight, and nothing in text with none of them', () => {
    assert.deepEqual(
      findTimes('Call at 3pm, or 10:30, or NOON, or 14h30.').map((t) => t.text),
      ['3pm', '10:30', 'NOON', '14h30'],
    );
    assert.deepEqual(findTimes('At Midnight?'), [{ text: 'Midnight', index: 3 }]);
    assert.deepEqual(findTimes('Soon, in the afternoon we meet at the moon.'), []);
  });
});
