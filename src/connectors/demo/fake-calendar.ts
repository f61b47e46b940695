// An in-memory Google Calendar behind the calendar port, seeded from the demo workspace: one-off
// busy blocks plus weekly recurring ones in the calendar's zone. Like freebusy.query it answers
// merged busy intervals clipped to the asked range; event titles never leave it.
import { DateTime } from 'luxon';
import { addDays, getIsoWeekday, toPlainDateMillis } from '../../domain/calendar/plain-date.js';
import { findSteadyDayOffset, getZoneOffset } from '../../domain/calendar/zone-offset.js';
import { parseOffsetInstant, toWallClock } from '../../domain/calendar/zoned-time.js';
import { AppError, PermanentError } from '../../domain/errors.js';
import type { BusyInterval, CalendarPort } from '../../domain/ports/calendar.js';
import type { FakeContext } from './fake-context.js';
import type { Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

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
    this.#calendar = cloneRecord(calendar);
    this.#calendarIds = new Set(['primary', ...calendarIds.map((id) => id.toLowerCase())]);
  }

  getBusy(calendarId: string, range: { start: string; end: string }): Promise<BusyInterval[]> {
    return this.ctx.run('calendar', 'getBusy', () => {
      if (!this.#calendarIds.has(calendarId.toLowerCase()))
        throw new AppError('not-found', `Google calendar ${calendarId} not found`);
      // A range with explicit offsets away from clock changes needs no luxon; anything else as before.
      const from = parseOffsetInstant(range.start);
      const to = parseOffsetInstant(range.end);
      if (from !== null && to !== null && from < to) {
        const weekly = expandOnSteadyDays(this.#calendar, from, to);
        if (weekly !== null) return mergeAndClip([...this.#absoluteBlocks(), ...weekly], from, to);
      }
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
  return (
    expandOnSteadyDays(calendar, start.toMillis(), end.toMillis()) ?? expandWithLuxon(calendar, start, end)
  );
}

const MINUTE = 60_000;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The same blocks as plain arithmetic when no date in the range is near a clock change (each date's
 * 09:00 is then its midnight plus 9 hours, minus the one offset); null to leave the range to luxon.
 */
function expandOnSteadyDays(
  calendar: CalendarFixture,
  startMs: number,
  endMs: number,
): [number, number][] | null {
  const zone = calendar.timeZone;
  const blocks: { weekday: number; start: number; end: number }[] = [];
  for (const b of calendar.weeklyBusy) {
    const start = toMinutes(b.start);
    const end = toMinutes(b.end);
    if (start === null || end === null) return null;
    blocks.push({ weekday: b.weekday, start, end });
  }
  if (Number.isNaN(getZoneOffset(zone, startMs)) || Number.isNaN(getZoneOffset(zone, endMs))) return null;
  const last = toWallClock(endMs, zone).date;
  const out: [number, number][] = [];
  for (let date = addDays(toWallClock(startMs, zone).date, -1); date <= last; date = addDays(date, 1)) {
    const dayMs = toPlainDateMillis(date);
    const offset = dayMs === null || date.length !== 10 ? null : findSteadyDayOffset(zone, dayMs);
    if (dayMs === null || offset === null) return null;
    const weekday = getIsoWeekday(date);
    for (const block of blocks.filter((b) => b.weekday === weekday)) {
      out.push([dayMs + (block.start - offset) * MINUTE, dayMs + (block.end - offset) * MINUTE]);
    }
  }
  return out;
}

function toMinutes(hhmm: string): number | null {
  const match = CLOCK.exec(hhmm);
  return match === null ? null : Number(match[1]) * 60 + Number(match[2]);
}

function expandWithLuxon(calendar: CalendarFixture, start: DateTime, end: DateTime): [number, number][] {
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
  // Date writes the same text as luxon in UTC for years 0-9999, without building a DateTime.
  const year = new Date(ms).getUTCFullYear();
  if (year >= 0 && year <= 9999) return new Date(ms).toISOString();
  return DateTime.fromMillis(ms, { zone: 'utc' }).toISO() ?? new Date(ms).toISOString();
}
