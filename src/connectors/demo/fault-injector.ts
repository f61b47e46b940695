// Makes the fake connectors fail or stall on demand, so tests can fail one step of a run: the next
// call(s) of an operation throw the given error, before the effect or (a lost response) after it.
import type { CalendarPort } from '../../domain/ports/calendar.js';
import type { CrmPort } from '../../domain/ports/crm.js';
import type { DrivePort } from '../../domain/ports/drive.js';
import type { OutreachHistoryPort } from '../../domain/ports/history.js';
import type { MailPort } from '../../domain/ports/mail.js';

export type FakeSystem = 'crm' | 'mail' | 'drive' | 'calendar' | 'history';
/** The systems that take writes (history is read-only). */
export type WriteSystem = Exclude<FakeSystem, 'history'>;

interface PortsBySystem {
  crm: CrmPort;
  mail: MailPort;
  drive: DrivePort;
  calendar: CalendarPort;
  history: OutreachHistoryPort;
}
/** The port methods of a system, so a misspelt operation does not compile. */
export type FakeOperation<S extends FakeSystem> = keyof PortsBySystem[S] & string;

type Moment = 'before' | 'after';

interface Fault {
  key: string;
  moment: Moment;
  error: Error;
  remaining: number;
}

interface Delay {
  key: string;
  ms: number;
  remaining: number;
}

export class FaultInjector {
  readonly #faults: Fault[] = [];
  readonly #delays: Delay[] = [];

  /** The next `times` calls of the operation throw `error`, and nothing happens. */
  failNext<S extends FakeSystem>(system: S, operation: FakeOperation<S>, error: Error, times = 1): void {
    this.#faults.push({ key: `${system}.${operation}`, moment: 'before', error, remaining: times });
  }

  /** The next `times` calls do their effect and then throw: the response was lost (timeout, 502). */
  failAfterEffect<S extends FakeSystem>(
    system: S,
    operation: FakeOperation<S>,
    error: Error,
    times = 1,
  ): void {
    this.#faults.push({ key: `${system}.${operation}`, moment: 'after', error, remaining: times });
  }

  /** The next `times` calls wait `ms` before doing anything (for timeout tests). */
  delay<S extends FakeSystem>(system: S, operation: FakeOperation<S>, ms: number, times = 1): void {
    this.#delays.push({ key: `${system}.${operation}`, ms, remaining: times });
  }

  /** Faults and delays not yet used up. */
  pending(): number {
    return this.#faults.length + this.#delays.length;
  }

  clear(): void {
    this.#faults.length = 0;
    this.#delays.length = 0;
  }

  /** Used by the fakes: the error to throw now, if one is armed (first armed, first used). */
  take(system: FakeSystem, operation: string, moment: Moment): Error | null {
    const index = this.#faults.findIndex((f) => f.key === `${system}.${operation}` && f.moment === moment);
    const fault = this.#faults[index];
    if (fault === undefined) return null;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return fault.error;
  }

  /** Used by the fakes: how long to stall this call. */
  takeDelay(system: FakeSystem, operation: string): number {
    const index = this.#delays.findIndex((d) => d.key === `${system}.${operation}`);
    const delay = this.#delays[index];
    if (delay === undefined) return 0;
    delay.remaining -= 1;
    if (delay.remaining <= 0) this.#delays.splice(index, 1);
    return delay.ms;
  }
}
