// An in-memory Google Calendar behind the calendar port, seeded from the demo workspace: one-off
// busy blocks plus weekly recurring ones in the calendar's zone. Like freebusy.query it answers
// merged busy intervals clipped to the asked range; event titles never leave it.
import { DateTime } from 'luxon';
import { AppError, PermanentError } from '../../domain/errors.js';
import type { BusyInterval, CalendarPort } from '../../domain/ports/calendar.js';
import type { FakeContext } from './fake-context.js';
import type { Workspace } from './workspace-schema.js';

type CalendarFixture = Workspace['calendar'];

export class FakeCalendar implements CalendarPort {
  readonly #calendar: CalendarFixture;
  readonly #calendarIds: Set<string>;

  /** `calendarIds`: the ids freebusy knows (primary, the seller's calendar id and addresses). */
  constructor(
    calendar: CalendarFixture,
    calendarIds: readonly string[],
    private readonly ctx: FakeContext,
  ) {
    this.#calendar = structuredClone(calendar);
    this.#calendarIds = new Set(['primary', ...calendarIds.map((id) => id.toLowerCase())]);
  }

  getBusy(calendarId: string, range: { start: string; end: string }): Promise<BusyInterval[]> {
    return this.ctx.run('calendar', 'getBusy', () => {
      if (!this.#calendarIds.has(calendarId.toLowerCase()))
        throw new AppError('not-found', `Google calendar ${calendarId} not found`);
      const start = DateTime.fromISO(range.start, { setZone: true });
      const end = DateTime.fromISO(range.end, { setZone: true });
      if (!start.isValid || !end.isValid || start >= end) {
        throw new PermanentError(
          `Google Calendar rejected the free/busy range ${range.start} .. ${range.end}: start must be a date-time before end`,
        );
      }
      const blocks = [...this.#absoluteBlocks(), ...expandWeeklyBusy(this.#calendar, start, end)];
      return mergeAndClip(blocks, start.toMillis(), end.toMillis());
    });
  }

  getTimeZone(): Promise<string> {
    return this.ctx.run('calendar', 'getTimeZone', () => this.#calendar.timeZone);
  }

  #absoluteBlocks(): [number, number][] {
    return this.#calendar.busy.map((b) => [Date.parse(b.start), Date.parse(b.end)]);
  }
}

/**
 * Each weekly block on every matching local date that could touch the range, built from the
 * wall-clock time in the calendar's zone, so 09:00 stays 09:00 across a DST change.
 */
export function expandWeeklyBusy(
  calendar: CalendarFixture,
  start: DateTime,
  end: DateTime,
): [number, number][] {
  const zone = calendar.timeZone;
  const out: [number, number][] = [];
  const last = end.setZone(zone).startOf('day');
  for (
    let day = start.setZone(zone).startOf('day').minus({ days: 1 });
    day <= last;
    day = day.plus({ days: 1 })
  ) {
    for (const block of calendar.weeklyBusy.filter((b) => b.weekday === day.weekday)) {
      out.push([atLocalTime(day, block.start).toMillis(), atLocalTime(day, block.end).toMillis()]);
    }
  }
  return out;
}

function atLocalTime(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour: hour ?? 0, minute: minute ?? 0, second: 0, millisecond: 0 });
}

/** Overlapping or touching blocks become one; only the part inside [from, to) is kept. */
export function mergeAndClip(blocks: readonly [number, number][], from: number, to: number): BusyInterval[] {
  const clipped = blocks
    .map(([s, e]): [number, number] => [Math.max(s, from), Math.min(e, to)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const block of clipped) {
    const previous = merged[merged.length - 1];
    if (previous !== undefined && block[0] <= previous[1]) previous[1] = Math.max(previous[1], block[1]);
    else merged.push([block[0], block[1]]);
  }
  return merged.map(([s, e]) => ({ start: toIso(s), end: toIso(e) }));
}

function toIso(ms: number): string {
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO() ?? new Date(ms).toISOString();
}
