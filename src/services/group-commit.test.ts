// Group commit: who shares a batch, who gets which answer, and whose request a failed batch fails.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGroupCommit, type Settled } from './group-commit.js';

const HOUR = 60 * 60 * 1000;
/** A batch window of an hour: a test that waited for it would hang; this ends it as a failure instead. */
const NO_HANG = { timeout: 30_000 };

/** A commit that records its batches and waits for the test to let each one finish. */
function gatedCommit() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let writing = 0;
  let mostAtOnce = 0;
  const commit = async (items: number[]): Promise<Settled<string>[]> => {
    batches.push(items);
    writing += 1;
    mostAtOnce = Math.max(mostAtOnce, writing);
    await new Promise<void>((resolve) => gates.push(resolve));
    writing -= 1;
    return items.map((n) =>
      n < 0 ? { ok: false, error: new Error(`item ${n} refused`) } : { ok: true, value: `answer-${n}` },
    );
  };
  const openNext = async (): Promise<void> => {
    while (gates.length === 0) await new Promise((resolve) => setImmediate(resolve));
    gates.shift()?.();
  };
  return { commit, batches, openNext, mostAtOnce: () => mostAtOnce };
}

describe('group commit', () => {
  it(
    'sends what arrives together as one batch and answers each caller with its own item',
    NO_HANG,
    async () => {
      const gate = gatedCommit();
      const group = createGroupCommit(gate.commit, { maxItems: 100, maxWaitMs: HOUR, maxConcurrent: 1 });
      const answers = Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(n)));
      await gate.openNext();
      assert.deepEqual(await answers, ['answer-1', 'answer-2', 'answer-3', 'answer-4', 'answer-5']);
      assert.deepEqual(gate.batches, [[1, 2, 3, 4, 5]]);
    },
  );

  it(
    'sends a lone item when nothing is being written, without waiting for the batch window',
    NO_HANG,
    async () => {
      const commit = (items: number[]) =>
        Promise.resolve(items.map((n): Settled<number> => ({ ok: true, value: n * 10 })));
      const group = createGroupCommit(commit, { maxItems: 100, maxWaitMs: HOUR, maxConcurrent: 1 });
      assert.equal(await group.submit(7), 70);
      assert.equal(await group.submit(8), 80);
    },
  );

  it('collects the items arriving while a batch is written into the next batch', NO_HANG, async () => {
    const gate = gatedCommit();
    const group = createGroupCommit(gate.commit, { maxItems: 100, maxWaitMs: HOUR, maxConcurrent: 1 });
    const first = group.submit(1);
    while (gate.batches.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((n) => group.submit(n));
    assert.equal(group.pending(), 4);
    await gate.openNext();
    assert.equal(await first, 'answer-1');
    await gate.openNext();
    assert.deepEqual(await Promise.all(later), ['answer-2', 'answer-3', 'answer-4']);
    assert.deepEqual(gate.batches, [[1], [2, 3, 4]]);
    assert.equal(group.pending(), 0);
  });

  it('cuts batches at maxItems and writes at most maxConcurrent of them at once', async () => {
    const gate = gatedCommit();
    const group = createGroupCommit(gate.commit, { maxItems: 3, maxWaitMs: 0, maxConcurrent: 2 });
    const items = Array.from({ length: 10 }, (_, i) => i);
    const answers = Promise.all(items.map((n) => group.submit(n)));
    for (let i = 0; i < 4; i += 1) await gate.openNext();
    assert.deepEqual(
      await answers,
      items.map((n) => `answer-${n}`),
    );
    assert.deepEqual(gate.batches.flat(), items, 'every item once, in arrival order');
    assert.ok(gate.batches.every((b) => b.length <= 3));
    assert.equal(gate.mostAtOnce(), 2);
  });

  it('fails only the refused item of a batch', async () => {
    const gate = gatedCommit();
    const group = createGroupCommit(gate.commit, { maxItems: 100, maxWaitMs: HOUR, maxConcurrent: 1 });
    const answers = Promise.allSettled([1, -2, 3].map((n) => group.submit(n)));
    await gate.openNext();
    const [a, b, c] = await answers;
    assert.deepEqual(a, { status: 'fulfilled', value: 'answer-1' });
    assert.equal(b?.status, 'rejected');
    assert.match(String(b?.status === 'rejected' ? b.reason : ''), /item -2 refused/);
    assert.deepEqual(c, { status: 'fulfilled', value: 'answer-3' });
  });

  it('fails every caller of a batch whose commit throws, and nobody in the batches around it', async () => {
    let calls = 0;
    const commit = (items: number[]): Promise<Settled<number>[]> => {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error('connection terminated'));
      return Promise.resolve(items.map((n) => ({ ok: true, value: n })));
    };
    const group = createGroupCommit(commit, {
      maxItems: 2,
      maxWaitMs: 0,
      maxConcurrent: 1,
      failBatch: (error, size) => new Error(`batch of ${size} failed: ${String(error)}`),
    });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map((n) => group.submit(n)));
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : String(r.reason))),
      [
        1,
        2,
        'Error: batch of 2 failed: Error: connection terminated',
        'Error: batch of 2 failed: Error: connection terminated',
        5,
        6,
      ],
    );
  });
});
