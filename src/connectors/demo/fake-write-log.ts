// The record of what the fake connectors were asked to do: every write (with its input, result and
// idempotency key) and every call, reads included. Tests assert on it ("exactly one draft").
import type { FakeSystem, WriteSystem } from './fault-injector.js';
import { cloneRecord } from './clone-record.js';

export interface WriteEntry {
  system: WriteSystem;
  /** The port method, e.g. `createDraft`. */
  operation: string;
  input: unknown;
  result: unknown;
  idempotencyKey: string | null;
  /** The fake clock's time of the write. */
  at: string;
}

export interface CallEntry {
  system: FakeSystem;
  operation: string;
  at: string;
  outcome: 'ok' | 'error';
}

export class FakeWriteLog {
  readonly #writes: WriteEntry[] = [];
  readonly #calls: CallEntry[] = [];

  /** Every write, oldest first. */
  get entries(): readonly WriteEntry[] {
    return this.#writes;
  }

  /** Every call (reads and writes, failed ones too), oldest first. */
  get calls(): readonly CallEntry[] {
    return this.#calls;
  }

  recordWrite(entry: WriteEntry): void {
    this.#writes.push(cloneRecord(entry));
  }

  recordCall(entry: CallEntry): void {
    this.#calls.push(entry);
  }

  /** The writes of one system, optionally of one operation. */
  writes(system?: WriteSystem, operation?: string): WriteEntry[] {
    return this.#writes.filter(
      (w) =>
        (system === undefined || w.system === system) &&
        (operation === undefined || w.operation === operation),
    );
  }

  callCount(system: FakeSystem, operation?: string): number {
    return this.#calls.filter(
      (c) => c.system === system && (operation === undefined || c.operation === operation),
    ).length;
  }

  clear(): void {
    this.#writes.length = 0;
    this.#calls.length = 0;
  }
}
