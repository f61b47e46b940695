// Group commit: callers hand in one item each and wait for its own answer, while the items that arrive
// close together are written by one `commit` call (one statement, one round trip). A batch leaves at once
// when nothing is being written (so a lone request waits for nothing but the current turn of the event
// loop), when it is full, or when its first item has waited `maxWaitMs`; at most `maxConcurrent` batches
// are written at a time, and items arriving meanwhile form the next one. It knows nothing of what it writes.

/** One item's answer from `commit`, in the position of its item. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Items per batch at most. */
  maxItems: number;
  /** How long the first item of a batch waits for company while another batch is being written. */
  maxWaitMs: number;
  /** Batches being written at once at most (each holds a database connection). */
  maxConcurrent: number;
}

export interface GroupCommit<I, O> {
  submit(item: I): Promise<O>;
  /** Items waiting for a batch plus items in batches being written (for tests and metrics). */
  pending(): number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * `commit` answers every item of a batch, in order. When it throws instead, every item of that batch
 * (and no other) is rejected with `failBatch(error, size)`.
 */
export function createGroupCommit<I, O>(
  commit: (items: I[]) => Promise<Settled<O>[]>,
  options: GroupCommitOptions & { failBatch?: (error: unknown, size: number) => unknown },
): GroupCommit<I, O> {
  const maxItems = Math.max(1, Math.floor(options.maxItems));
  const maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent));
  const failBatch = options.failBatch ?? ((error: unknown) => error);
  let queue: Waiting<I, O>[] = [];
  let writing = 0;
  let inBatches = 0;
  let timer: NodeJS.Timeout | null = null;
  let soon: NodeJS.Immediate | null = null;

  function clearScheduled(): void {
    if (timer !== null) clearTimeout(timer);
    if (soon !== null) clearImmediate(soon);
    timer = null;
    soon = null;
  }

  /** Sends as many batches as the concurrency allows, then decides when to look again. */
  function pump(): void {
    clearScheduled();
    while (queue.length > 0 && writing < maxConcurrent) {
      const batch = queue.slice(0, maxItems);
      queue = queue.slice(batch.length);
      void write(batch);
    }
    schedule();
  }

  function schedule(): void {
    if (queue.length === 0 || writing >= maxConcurrent || timer !== null || soon !== null) return;
    // Idle: go after this turn, so everything that arrived in it goes along. Busy: give the batch
    // being written a moment to bring company; a full batch or a finished write sends it sooner.
    if (writing === 0) soon = setImmediate(pump);
    else if (queue.length >= maxItems) pump();
    else timer = setTimeout(pump, options.maxWaitMs);
  }

  async function write(batch: Waiting<I, O>[]): Promise<void> {
    writing += 1;
    inBatches += batch.length;
    try {
      const answers = await commitSafely(batch.map((w) => w.item));
      if (answers.ok) {
        batch.forEach((w, i) => {
          const answer = answers.value[i];
          if (answer === undefined)
            w.reject(new Error(`group commit: no answer for item ${i} of ${batch.length}`));
          else if (answer.ok) w.resolve(answer.value);
          else w.reject(answer.error);
        });
      } else {
        const error = failBatch(answers.error, batch.length);
        for (const w of batch) w.reject(error);
      }
    } finally {
      writing -= 1;
      inBatches -= batch.length;
      pump();
    }
  }

  async function commitSafely(items: I[]): Promise<Settled<Settled<O>[]>> {
    try {
      return { ok: true, value: await commit(items) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  return {
    submit(item) {
      return new Promise<O>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= maxItems && writing < maxConcurrent) pump();
        else schedule();
      });
    },
    pending: () => queue.length + inBatches,
  };
}
