import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { locateJsonError } from './json-position.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locateJsonError', () => {
  it('points at a missing comma on the right line and column', () => {
    assert.deepEqual(locateJsonError('{\n  "a": 1\n  "b": 2\n}'), { offset: 13, line: 3, column: 3 });
  });

  it('points at a trailing comma, a bad literal and an unterminated string', () => {
    assert.equal(locateJsonError('{"a": [1, 2,]}')?.column, 13);
    assert.equal(locateJsonError('{"a": tru}')?.column, 7);
    assert.deepEqual(locateJsonError('{"a": "abc'), { offset: 10, line: 1, column: 11 });
  });

  it('points at a raw line break inside a string', () => {
    assert.deepEqual(locateJsonError('{"a": "x\ny"}'), { offset: 8, line: 1, column: 9 });
  });

  it('agrees with JSON.parse on valid JSON', () => {
    fc.assert(fc.property(fc.json(), (text) => locateJsonError(text) === null));
  });

  it('agrees with JSON.parse on damaged JSON: an error is reported exactly when parsing fails', () => {
    const damaged = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', ':', 'x', '\n', '{'))
      .map(([text, at, insert]) => {
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + insert + text.slice(cut + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(damaged, (text) => {
        const location = locateJsonError(text);
        return parses(text) ? location === null : location !== null && location.offset <= text.length;
      }),
    );
  });
});
