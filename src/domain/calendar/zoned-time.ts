// Instants as epoch milliseconds read in an IANA zone: the slot planner's hot path, which used to build
// a luxon DateTime (and ask Intl for the zone's offset) for every candidate slot. Each helper names the
// luxon expression it equals; where a shortcut is not provably equal (a clock change nearby, an offset
// that is no whole number of minutes, a year luxon writes its own way) it evaluates that expression.
import { DateTime } from 'luxon';
import {
  atWallClock,
  daysInMonth,
  formatPlainDate,
  toIso,
  toPlainDate,
  toPlainDateMillis,
  toZoned,
} from './plain-date.js';
import { findSteadyDayOffset, getZoneOffset, isIanaZone, isValidTimeZone } from './zone-offset.js';

const MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;

/**
 * `atWallClock(date, minutesOfDay, timeZone).toMillis()`. On a date whose offset holds all day (and
 * well beyond, see findSteadyDayOffset) the instant is plain arithmetic; near a clock change luxon
 * decides, so skipped and repeated wall times resolve exactly as atWallClock resolves them.
 */
export function wallClockToMillis(date: string, minutesOfDay: number, timeZone: string): number {
  const dayMillis = toPlainDateMillis(date);
  if (dayMillis === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const offset = findSteadyDayOffset(timeZone, dayMillis);
  const isOrdinaryTime =
    Number.isInteger(minutesOfDay) && minutesOfDay >= 0 && minutesOfDay < MINUTES_PER_DAY;
  if (offset === null || !isOrdinaryTime) return atWallClock(date, minutesOfDay, timeZone).toMillis();
  return dayMillis + (minutesOfDay - offset) * MINUTE;
}

/** The wall-clock reading of an instant in a zone, as `DateTime.fromMillis(ms, { zone })` reads it. */
export interface WallClock {
  /** YYYY-MM-DD */
  date: string;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes since local midnight. */
  minutesOfDay: number;
  /** ISO weekday, Monday 1 ... Sunday 7. */
  weekday: number;
  /** The zone's offset, minutes east of UTC. */
  offset: number;
}

export function toWallClock(epochMs: number, timeZone: string): WallClock {
  const offset = getZoneOffset(timeZone, epochMs);
  if (Number.isNaN(offset)) throw new RangeError(`no offset for ${timeZone} at ${epochMs}`);
  // The reading luxon makes (tsToObj): the instant moved by the offset, read in UTC.
  const local = new Date(epochMs + offset * 60 * 1000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  const hour = local.getUTCHours();
  const minute = local.getUTCMinutes();
  const weekday = local.getUTCDay();
  const date =
    year >= 0 && year <= 9999
      ? formatPlainDate(year, month, day)
      : toPlainDate(DateTime.fromMillis(epochMs, { zone: timeZone }));
  return {
    date,
    year,
    month,
    day,
    hour,
    minute,
    minutesOfDay: hour * 60 + minute,
    weekday: weekday === 0 ? 7 : weekday,
    offset,
  };
}

/**
 * `DateTime.fromMillis(epochMs, { zone }).plus({ minutes }).toMillis()`: plain addition of whole
 * minutes to a whole millisecond, unless the zone's offset then is no whole number of minutes (local
 * mean time); otherwise luxon, which rounds through its wall-clock reading.
 */
export function addMinutes(epochMs: number, minutes: number, timeZone: string): number {
  const isPlain = Number.isInteger(epochMs) && Number.isInteger(minutes);
  if (isPlain && Number.isInteger(getZoneOffset(timeZone, epochMs))) return epochMs + minutes * MINUTE;
  return DateTime.fromMillis(epochMs, { zone: timeZone }).plus({ minutes }).toMillis();
}

/** `toIso(DateTime.fromMillis(epochMs, { zone: timeZone }))`, e.g. "2026-11-25T10:00:00.000-05:00". */
export function millisToIso(epochMs: number, timeZone: string): string {
  const offset = getZoneOffset(timeZone, epochMs);
  if (!isIanaZone(timeZone) || !Number.isInteger(offset) || !Number.isInteger(epochMs)) {
    return toIso(DateTime.fromMillis(epochMs, { zone: timeZone }));
  }
  const local = new Date(epochMs + offset * 60 * 1000);
  const year = local.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return toIso(DateTime.fromMillis(epochMs, { zone: timeZone }));
  const time =
    `${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
    `.${pad(local.getUTCMilliseconds(), 3)}`;
  // An IANA zone always writes its offset as ±HH:MM, "+00:00" included (luxon writes "Z" only for UTC).
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.trunc(Math.abs(offset) / 60), 2)}:${pad(Math.abs(offset) % 60, 2)}`;
  return `${formatPlainDate(year, local.getUTCMonth() + 1, local.getUTCDate())}T${time}${zone}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

// Date and time with an explicit offset, the shape calendars and clocks send: a strict subset of the
// ISO 8601 text luxon reads.
const OFFSET_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-]\d{2}):(\d{2}))$/;

/**
 * `toZoned(instant, timeZone).toMillis()`, throwing as it throws. Text with an explicit offset is read
 * here with luxon's own arithmetic; anything else (no offset, odd years, 24:00, an unknown zone) goes
 * through luxon.
 */
export function parseInstantMillis(instant: string, timeZone: string): number {
  const millis = parseOffsetInstant(instant);
  return millis === null || !isValidTimeZone(timeZone) ? toZoned(instant, timeZone).toMillis() : millis;
}

/**
 * The instant of "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)" text with real fields, as luxon's fromISO reads
 * it (any zone option); null for any other text, which is then luxon's to read.
 */
export function parseOffsetInstant(instant: string): number | null {
  const match = OFFSET_INSTANT.exec(instant);
  const fields = match === null ? null : readInstantFields(match);
  if (fields === null) return null;
  const { year, month, day, hour, minute, second, millisecond, offset } = fields;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond) - offset * 60 * 1000;
}

interface InstantFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
}

function readInstantFields(match: RegExpExecArray): InstantFields | null {
  const [, y = '', mo = '', d = '', h = '', mi = '', s = '0', fraction, z, offHours = '', offMinutes = ''] =
    match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const offsetHour = Number(offHours);
  const offsetMinute = Number(offMinutes);
  const isValid =
    year >= 100 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    (z !== undefined || (Math.abs(offsetHour) <= 23 && offsetMinute <= 59));
  if (!isValid) return null;
  // As luxon: milliseconds are floor(0.fraction * 1000); "-00:30" is 30 minutes west.
  const millisecond = fraction === undefined ? 0 : Math.floor(parseFloat(`0.${fraction}`) * 1000);
  const isWest = offHours.startsWith('-');
  const offset = z !== undefined ? 0 : (isWest ? -1 : 1) * (Math.abs(offsetHour) * 60 + offsetMinute);
  return { year, month, day, hour, minute, second, millisecond, offset };
}
