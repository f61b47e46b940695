import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundedMemo } from './bounded-memo.js';

describe('boundedMemo', () => {
  it('computes once per argument, null and undefined answers included', () => {
    const calls: string[] = [];
    const lookup = boundedMemo((key: string) => {
      calls.push(key);
      return key === 'none' ? null : key.toUpperCase();
    }, 10);
    assert.equal(lookup('a'), 'A');
    assert.equal(lookup('a'), 'A');
    assert.equal(lookup('none'), null);
    assert.equal(lookup('none'), null);
    assert.deepEqual(calls, ['a', 'none']);
  });

  it('never holds more than its bound: a full memo starts over and still answers right', () => {
    let computed = 0;
    const double = boundedMemo((n: number) => {
      computed += 1;
      return n * 2;
    }, 3);
    for (const n of [1, 2, 3, 4, 1]) assert.equal(double(n), n * 2);
    // 1, 2, 3 fill it; 4 clears it; 1 is computed again.
    assert.equal(computed, 5);
  });
});
