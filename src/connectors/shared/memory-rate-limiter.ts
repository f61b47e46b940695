// A per-process sliding-window limiter: at most `limit` calls per key in any `intervalMs`, FIFO per
// key, waiting on one timer per key (never polling). For several processes sharing one budget, use
// the Redis limiter instead.
import type { RateLimiter, RateLimitWindow } from './rate-limiter.js';
import { assertWindow } from './rate-limiter.js';

export interface MemoryRateLimiterOptions extends RateLimitWindow {
  /** Clock in ms; injected by tests. */
  now?: () => number;
}

interface Job {
  start: (slot: Slot) => void;
}

interface Slot {
  /** When the slot is free again: never while the call runs, then `settle + intervalMs`. */
  freeAt: number;
}

interface KeyState {
  queue: Job[];
  slots: Slot[];
  timer: ReturnType<typeof setTimeout> | null;
}

export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  assertWindow(options);
  const { limit, intervalMs } = options;
  const now = options.now ?? Date.now;
  const states = new Map<string, KeyState>();

  function startNext(state: KeyState): void {
    const slot: Slot = { freeAt: Number.POSITIVE_INFINITY };
    state.slots.push(slot);
    state.queue.shift()?.start(slot);
  }

  /** ms until a slot frees, or null when only a running call's settle can free one. */
  function waitFor(state: KeyState, at: number): number | null {
    const soonest = Math.min(...state.slots.map((slot) => slot.freeAt));
    return soonest === Number.POSITIVE_INFINITY ? null : soonest - at;
  }

  function pump(key: string, state: KeyState): void {
    if (state.timer !== null) return;
    const at = now();
    state.slots = state.slots.filter((slot) => slot.freeAt > at);
    while (state.queue.length > 0 && state.slots.length < limit) {
      startNext(state);
    }
    if (state.queue.length === 0) {
      if (state.slots.length === 0) states.delete(key);
      return;
    }
    const wait = waitFor(state, at);
    if (wait === null) return;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        pump(key, state);
      },
      Math.max(1, wait),
    );
  }

  return {
    schedule<T>(key: string, fn: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const state = states.get(key) ?? { queue: [], slots: [], timer: null };
        states.set(key, state);
        state.queue.push({
          start: (slot) => {
            const settle = (): void => {
              slot.freeAt = now() + intervalMs;
              pump(key, state);
            };
            Promise.resolve()
              .then(fn)
              .then(
                (value) => {
                  settle();
                  resolve(value);
                },
                (error: unknown) => {
                  settle();
                  reject(error instanceof Error ? error : new Error(String(error)));
                },
              );
          },
        });
        pump(key, state);
      });
    },
  };
}
