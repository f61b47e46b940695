// The seller's business calendar: working days, working hours and holidays in one IANA zone.
// It knows nothing about meetings or free/busy; plan-slots builds on it.
import type { HolidaySettings, WorkingHours } from '../settings.js';
import { addDays, getIsoWeekday, parseClock } from './plain-date.js';
import { isValidTimeZone } from './zone-offset.js';
import { millisToIso, parseInstantMillis, toWallClock, wallClockToMillis } from './zoned-time.js';
import { US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';

export interface BusinessCalendar {
  readonly timeZone: string;
  /** The working hours the calendar was built with (HH:MM local, ISO weekdays). */
  readonly workingHours: Readonly<WorkingHours>;
  isBusinessDay(date: string /* YYYY-MM-DD in the calendar's zone */): boolean;
  holidayName(date: string): string | null;
  /** The working-hours window of that date as ISO instants, or null when not a business day. */
  workingWindow(date: string): { start: string; end: string } | null;
  /** The same window as epoch milliseconds. */
  workingWindowMillis(date: string): { start: number; end: number } | null;
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
  if (!isValidTimeZone(input.timeZone)) throw new RangeError(`not an IANA time zone: ${input.timeZone}`);
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
    const weekday = getIsoWeekday(date);
    return weekday !== null && this.workingDays.has(weekday) && !this.holidays.has(date);
  }

  holidayName(date: string): string | null {
    return this.holidays.get(date) ?? null;
  }

  workingWindow(date: string): { start: string; end: string } | null {
    const window = this.workingWindowMillis(date);
    if (!window) return null;
    return { start: millisToIso(window.start, this.timeZone), end: millisToIso(window.end, this.timeZone) };
  }

  workingWindowMillis(date: string): { start: number; end: number } | null {
    if (!this.isBusinessDay(date)) return null;
    return {
      start: wallClockToMillis(date, this.startMinutes, this.timeZone),
      end: wallClockToMillis(date, this.endMinutes, this.timeZone),
    };
  }

  businessDaysLaterAtStartOfDay(instant: string, n: number): string {
    assertCount(n);
    let date = toWallClock(parseInstantMillis(instant, this.timeZone), this.timeZone).date;
    if (n === 0) date = this.nextBusinessDateFrom(date);
    for (let counted = 0; counted < n; counted += 1) date = this.nextBusinessDateFrom(addDays(date, 1));
    return millisToIso(wallClockToMillis(date, this.startMinutes, this.timeZone), this.timeZone);
  }

  nextBusinessDates(instant: string, n: number): string[] {
    assertCount(n);
    const local = parseInstantMillis(instant, this.timeZone);
    const today = toWallClock(local, this.timeZone).date;
    const todayWindow = this.workingWindowMillis(today);
    let date = todayWindow && local < todayWindow.end ? today : addDays(today, 1);
    const dates: string[] = [];
    while (dates.length < n) {
      date = this.nextBusinessDateFrom(date);
      dates.push(date);
      date = addDays(date, 1);
    }
    return dates;
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
