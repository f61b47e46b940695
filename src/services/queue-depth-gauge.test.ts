// The queue depth gauge: below the limit it answers from memory, at the limit it asks the queue again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createQueueDepthGauge } from './queue-depth-gauge.js';

function setup(depths: number[]) {
  let now = 0;
  const reads: number[] = [];
  const gauge = createQueueDepthGauge({
    read: () => {
      const depth = depths[Math.min(reads.length, depths.length - 1)] ?? 0;
      reads.push(depth);
      return Promise.resolve(depth);
    },
    now: () => now,
    refreshMs: 100,
    maxAgeMs: 1000,
  });
  return { gauge, reads, advance: (ms: number) => void (now += ms) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('queue depth gauge', () => {
  it('reads once, then answers from the reading plus what this process enqueued', async () => {
    const { gauge, reads } = setup([3]);
    assert.equal(await gauge.isAtLeast(5), false);
    assert.equal(await gauge.isAtLeast(5), false);
    assert.equal(reads.length, 1, 'the second answer came from memory');
    gauge.noteEnqueued(1);
    assert.equal(await gauge.isAtLeast(5), false);
    assert.equal(reads.length, 1);
  });

  it('confirms "at the limit" with a fresh reading, so a drained queue is seen at once', async () => {
    const { gauge, reads } = setup([3, 0]);
    assert.equal(await gauge.isAtLeast(5), false);
    gauge.noteEnqueued(2);
    assert.equal(
      await gauge.isAtLeast(5),
      false,
      'the queue was drained meanwhile: the fresh reading says 0',
    );
    assert.equal(reads.length, 2);
  });

  it('answers saturated when the fresh reading agrees', async () => {
    const { gauge } = setup([4, 5]);
    assert.equal(await gauge.isAtLeast(5), false);
    gauge.noteEnqueued(1);
    assert.equal(await gauge.isAtLeast(5), true);
  });

  it('reads again in the background once the reading is old, and waits for one after a quiet spell', async () => {
    const { gauge, reads, advance } = setup([1, 7, 9]);
    assert.equal(await gauge.isAtLeast(5), false);
    advance(150);
    assert.equal(await gauge.isAtLeast(5), false, 'answered from the old reading while a new one is fetched');
    await settle();
    assert.equal(reads.length, 2);
    assert.equal(await gauge.isAtLeast(8), false, 'the background reading (7) is used');
    advance(5000);
    assert.equal(await gauge.isAtLeast(8), true, 'a reading older than maxAgeMs is waited for (9)');
    assert.equal(reads.length, 3);
  });

  it('shares one reading among callers asking at the same moment', async () => {
    const { gauge, reads } = setup([0]);
    assert.deepEqual(await Promise.all([gauge.isAtLeast(1), gauge.isAtLeast(1), gauge.isAtLeast(1)]), [
      false,
      false,
      false,
    ]);
    assert.equal(reads.length, 1);
  });
});
