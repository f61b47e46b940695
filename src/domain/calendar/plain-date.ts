// Calendar-date helpers (YYYY-MM-DD with no zone) and wall-clock parsing for the business calendar.
// Date arithmetic runs in UTC on purpose: adding a day to a date must never meet a DST change.
// The millisecond and string helpers give luxon's answers without building a DateTime; years past
// 9999, which luxon writes its own way, are left to it.
import { DateTime } from 'luxon';

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The date as a UTC midnight, or null when it is not a real YYYY-MM-DD date. */
export function parsePlainDate(date: string): DateTime | null {
  if (!PLAIN_DATE.test(date)) return null;
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

/**
 * The date's UTC midnight in epoch milliseconds, or null when it is not a real YYYY-MM-DD date (the
 * same dates parsePlainDate refuses).
 */
export function toPlainDateMillis(date: string): number | null {
  if (!PLAIN_DATE.test(date)) return null;
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // Date.UTC reads years 0-99 as 1900-1999.
  if (year < 100) return new Date(0).setUTCFullYear(year, month - 1, day);
  return Date.UTC(year, month - 1, day);
}

/** ISO weekday (Monday 1 ... Sunday 7) of a plain date, or null when it is not a real date. */
export function getIsoWeekday(date: string): number | null {
  const millis = toPlainDateMillis(date);
  return millis === null ? null : isoWeekdayOfDay(Math.floor(millis / DAY));
}

function isoWeekdayOfDay(epochDay: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function daysInMonth(year: number, month: number): number {
  const isLeap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && isLeap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

export function addDays(date: string, days: number): string {
  const millis = toPlainDateMillis(date);
  if (millis === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const shifted = new Date(millis + days * DAY);
  const year = shifted.getUTCFullYear();
  // luxon writes years outside 0-9999 its own way, and fractional days are its business too.
  if (!Number.isInteger(days) || year < 0 || year > 9999) {
    return addDaysWithLuxon(date, days);
  }
  return formatPlainDate(year, shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export function formatPlainDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDaysWithLuxon(date: string, days: number): string {
  const parsed = parsePlainDate(date);
  if (!parsed) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return toPlainDate(parsed.plus({ days }));
}

export function toPlainDate(value: DateTime): string {
  const date = value.toISODate();
  if (date === null) throw new RangeError(`invalid date time: ${value.invalidExplanation ?? 'unknown'}`);
  return date;
}

/** "09:30" -> minutes since midnight (570). */
export function parseClock(hhmm: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError(`expected HH:MM, got ${hhmm}`);
  return hours * 60 + minutes;
}

/** An ISO instant (any offset) seen in a zone; throws on text that is not an instant. */
export function toZoned(instant: string, timeZone: string): DateTime {
  const parsed = DateTime.fromISO(instant, { zone: timeZone });
  if (!parsed.isValid) throw new RangeError(`not an ISO instant: ${instant}`);
  return parsed;
}

/** The wall-clock time on a date in a zone. A time skipped by a DST jump moves forward, as luxon does. */
export function atWallClock(date: string, minutesOfDay: number, timeZone: string): DateTime {
  const parsed = parsePlainDate(date);
  if (!parsed) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return DateTime.fromObject(
    {
      year: parsed.year,
      month: parsed.month,
      day: parsed.day,
      hour: Math.floor(minutesOfDay / 60),
      minute: minutesOfDay % 60,
    },
    { zone: timeZone },
  );
}

export function toIso(value: DateTime): string {
  const iso = value.toISO();
  if (iso === null) throw new RangeError(`invalid date time: ${value.invalidExplanation ?? 'unknown'}`);
  return iso;
}
