// Calendar-date helpers (YYYY-MM-DD with no zone) and wall-clock parsing for the business calendar.
// Date arithmetic runs in UTC on purpose: adding a day to a date must never meet a DST change.
import { DateTime } from 'luxon';

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The date as a UTC midnight, or null when it is not a real YYYY-MM-DD date. */
export function parsePlainDate(date: string): DateTime | null {
  if (!PLAIN_DATE.test(date)) return null;
  const parsed = DateTime.fromISO(date, { zone: 'utc' });
  return parsed.isValid ? parsed : null;
}

export function addDays(date: string, days: number): string {
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
