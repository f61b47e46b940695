// Intake's back-pressure reading of the queue depth, without a queue round trip per request. The last
// reading, plus the jobs this process enqueued since it was taken, answers "below the limit?" at once,
// and a new reading is fetched in the background once the last is `refreshMs` old (a reading older than
// `maxAgeMs`, after a quiet spell, is waited for). A "limit reached" answer is never given from memory:
// it is confirmed by a fresh reading, so a drained queue is seen at once. Readings wanted at the same
// moment share one round trip.

export interface QueueDepthGauge {
  /** Is the queue at or above `limit` waiting jobs? */
  isAtLeast(limit: number): Promise<boolean>;
  /** Jobs this process just enqueued, counted until the next reading includes them. */
  noteEnqueued(count: number): void;
}

export function createQueueDepthGauge(options: {
  read: () => Promise<number>;
  /** Milliseconds, monotonic or wall clock; only differences are used. */
  now: () => number;
  refreshMs: number;
  maxAgeMs: number;
  onError?: (error: unknown) => void;
}): QueueDepthGauge {
  let last: { depth: number; at: number } | null = null;
  /** Every job this process enqueued; a reading remembers the total at its start. */
  let enqueued = 0;
  let enqueuedAtLast = 0;
  let inFlight: Promise<number> | null = null;

  function readNow(): Promise<number> {
    if (inFlight !== null) return inFlight;
    const startedAt = options.now();
    const enqueuedBefore = enqueued;
    inFlight = options.read().then(
      (depth) => {
        // Jobs enqueued while the read was under way may or may not be in it: count them (over, not under).
        if (last === null || startedAt >= last.at) {
          last = { depth, at: startedAt };
          enqueuedAtLast = enqueuedBefore;
        }
        inFlight = null;
        return depth + (enqueued - enqueuedBefore);
      },
      (error: unknown) => {
        inFlight = null;
        throw error;
      },
    );
    return inFlight;
  }

  return {
    async isAtLeast(limit) {
      if (last === null || options.now() - last.at >= options.maxAgeMs) return (await readNow()) >= limit;
      const estimate = last.depth + (enqueued - enqueuedAtLast);
      if (estimate >= limit) return (await readNow()) >= limit;
      if (options.now() - last.at >= options.refreshMs && inFlight === null) {
        readNow().catch((error: unknown) => options.onError?.(error));
      }
      return false;
    },
    noteEnqueued(count) {
      enqueued += count;
    },
  };
}
