// The seller's business calendar: working days, working hours and holidays in one IANA zone.
// It knows nothing about meetings or free/busy; plan-slots builds on it.
import { IANAZone } from 'luxon';
import type { DateTime } from 'luxon';
import type { HolidaySettings, WorkingHours } from '../settings.js';
import {
  addDays,
  atWallClock,
  parseClock,
  parsePlainDate,
  toIso,
  toPlainDate,
  toZoned,
} from './plain-date.js';
import { US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';

export interface BusinessCalendar {
  readonly timeZone: string;
  /** The working hours the calendar was built with (HH:MM local, ISO weekdays). */
  readonly workingHours: Readonly<WorkingHours>;
  isBusinessDay(date: string /* YYYY-MM-DD in the calendar's zone */): boolean;
  holidayName(date: string): string | null;
  /** The working-hours window of that date as ISO instants, or null when not a business day. */
  workingWindow(date: string): { start: string; end: string } | null;
  /**
   * The business day N business days after the date of `instant` (in the zone), at the start of
   * working hours, as an ISO instant with the zone's offset. N=0: the same day's start if that day
   * is a business day, else the next business day's start.
   */
  businessDaysLaterAtStartOfDay(instant: string, n: number): string;
  /**
   * The next N business dates (YYYY-MM-DD) starting with the date of `instant` if it is a business
   * day and its working window has not ended, else the next one.
   */
  nextBusinessDates(instant: string, n: number): string[];
}

/** Name given to dates from `holidays.extra`. */
export const COMPANY_HOLIDAY_NAME = 'Company holiday';

// Holidays are finite and at least one weekday works, so a business day is always within reach;
// the cap only turns a broken invariant into an error instead of an endless loop.
const MAX_SCAN_DAYS = 3660;

export function createBusinessCalendar(input: {
  timeZone: string;
  workingHours: WorkingHours;
  holidays: HolidaySettings;
}): BusinessCalendar {
  if (!IANAZone.isValidZone(input.timeZone)) throw new RangeError(`not an IANA time zone: ${input.timeZone}`);
  return new ZonedBusinessCalendar(input.timeZone, input.workingHours, buildHolidayMap(input.holidays));
}

class ZonedBusinessCalendar implements BusinessCalendar {
  private readonly workingDays: ReadonlySet<number>;
  private readonly startMinutes: number;
  private readonly endMinutes: number;

  constructor(
    readonly timeZone: string,
    readonly workingHours: Readonly<WorkingHours>,
    private readonly holidays: ReadonlyMap<string, string>,
  ) {
    this.workingDays = new Set(workingHours.days);
    this.startMinutes = parseClock(workingHours.start);
    this.endMinutes = parseClock(workingHours.end);
  }

  isBusinessDay(date: string): boolean {
    const parsed = parsePlainDate(date);
    return parsed !== null && this.workingDays.has(parsed.weekday) && !this.holidays.has(date);
  }

  holidayName(date: string): string | null {
    return this.holidays.get(date) ?? null;
  }

  workingWindow(date: string): { start: string; end: string } | null {
    const window = this.windowOf(date);
    return window ? { start: toIso(window.start), end: toIso(window.end) } : null;
  }

  businessDaysLaterAtStartOfDay(instant: string, n: number): string {
    assertCount(n);
    let date = toPlainDate(toZoned(instant, this.timeZone));
    if (n === 0) date = this.nextBusinessDateFrom(date);
    for (let counted = 0; counted < n; counted += 1) date = this.nextBusinessDateFrom(addDays(date, 1));
    return toIso(atWallClock(date, this.startMinutes, this.timeZone));
  }

  nextBusinessDates(instant: string, n: number): string[] {
    assertCount(n);
    const local = toZoned(instant, this.timeZone);
    const today = toPlainDate(local);
    const todayWindow = this.windowOf(today);
    let date = todayWindow && local < todayWindow.end ? today : addDays(today, 1);
    const dates: string[] = [];
    while (dates.length < n) {
      date = this.nextBusinessDateFrom(date);
      dates.push(date);
      date = addDays(date, 1);
    }
    return dates;
  }

  private windowOf(date: string): { start: DateTime; end: DateTime } | null {
    if (!this.isBusinessDay(date)) return null;
    return {
      start: atWallClock(date, this.startMinutes, this.timeZone),
      end: atWallClock(date, this.endMinutes, this.timeZone),
    };
  }

  private nextBusinessDateFrom(date: string): string {
    let current = date;
    for (let i = 0; i < MAX_SCAN_DAYS; i += 1) {
      if (this.isBusinessDay(current)) return current;
      current = addDays(current, 1);
    }
    throw new RangeError(`no business day within ${MAX_SCAN_DAYS} days of ${date}`);
  }
}

function buildHolidayMap(settings: HolidaySettings): Map<string, string> {
  const holidays = new Map<string, string>();
  if (settings.useUsFederal) for (const h of US_FEDERAL_HOLIDAYS) holidays.set(h.date, h.name);
  for (const date of settings.extra) if (!holidays.has(date)) holidays.set(date, COMPANY_HOLIDAY_NAME);
  // `remove` wins over both lists: a date the seller says they work is a working date.
  for (const date of settings.remove) holidays.delete(date);
  return holidays;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`expected a whole number of days >= 0, got ${n}`);
}
