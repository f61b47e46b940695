// Back-pressure for intake: at most `maxInFlight` intake requests are worked on at once; the rest are
// told to come back (429) instead of queueing inside the process until HubSpot's 5 s timeout.

/** How long a caller turned away by the gate should wait: short, the gate frees up in milliseconds. */
export const INTAKE_BUSY_RETRY_AFTER_MS = 1000;

export interface IntakeGate {
  /** Runs `work` holding a slot, or returns null at once when every slot is taken. */
  run<T>(work: () => Promise<T>): Promise<{ value: T } | null>;
  inFlight(): number;
}

export function createIntakeGate(maxInFlight: number): IntakeGate {
  let inFlight = 0;
  return {
    async run(work) {
      if (inFlight >= maxInFlight) return null;
      inFlight += 1;
      try {
        return { value: await work() };
      } finally {
        inFlight -= 1;
      }
    },
    inFlight: () => inFlight,
  };
}
