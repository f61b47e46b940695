// What every fake connector shares: the clock, the id maker, the write log and the fault injector,
// and the one wrapper that applies faults and logs each call.
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeSystem, FaultInjector, WriteSystem } from './fault-injector.js';
import type { FakeWriteLog } from './fake-write-log.js';

export interface FakeContextOptions {
  /** The fake's "now" as an ISO instant (the demo uses the lead's submittedAt). */
  clock: () => string;
  /** Ids for created records; defaults to `<kind>-<n>`. */
  idMaker?: () => string;
}

export class FakeContext {
  #counter = 0;

  constructor(
    readonly log: FakeWriteLog,
    readonly faults: FaultInjector,
    private readonly options: FakeContextOptions,
  ) {}

  now(): string {
    return this.options.clock();
  }

  newId(kind: string): string {
    this.#counter += 1;
    return this.options.idMaker?.() ?? `${kind}-${this.#counter}`;
  }

  /** Runs one port call: delay and armed faults first, the call, then faults after the effect. */
  async run<T>(system: FakeSystem, operation: string, call: () => T | Promise<T>): Promise<T> {
    const delayMs = this.faults.takeDelay(system, operation);
    if (delayMs > 0) await sleep(delayMs);
    const record = (outcome: 'ok' | 'error'): void =>
      this.log.recordCall({ system, operation, at: this.now(), outcome });
    const before = this.faults.take(system, operation, 'before');
    if (before !== null) {
      record('error');
      throw before;
    }
    let result: T;
    try {
      result = await call();
    } catch (error) {
      record('error');
      throw error;
    }
    const after = this.faults.take(system, operation, 'after');
    record(after === null ? 'ok' : 'error');
    if (after !== null) throw after;
    return result;
  }

  recordWrite(
    system: WriteSystem,
    operation: string,
    input: unknown,
    result: unknown,
    idempotencyKey: string | null,
  ): void {
    this.log.recordWrite({ system, operation, input, result, idempotencyKey, at: this.now() });
  }
}
