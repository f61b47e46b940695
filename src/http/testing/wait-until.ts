// Lets concurrent injected requests reach a point before the test goes on, without sleeps or timers.

/** Resolves when `condition` holds, yielding to the event loop in between (no timers, no sleeps). */
export async function waitUntil(condition: () => boolean, maxTurns = 10_000): Promise<void> {
  for (let turn = 0; turn < maxTurns; turn += 1) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}
