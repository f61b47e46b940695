// A zone's UTC offset at an instant, as luxon computes it, without asking Intl each time: luxon's
// IANAZone.offset formats the instant with Intl (microseconds a call), and the slot planner asks for
// hundreds of instants per plan. Offsets are remembered per zone and UTC hour.
//
// The one assumption: a zone's offset changes at most once within any UTC hour (tzdb changes are
// months apart, and no two come within an hour of each other). An hour whose two ends agree then has
// that offset throughout; an hour whose ends differ holds a change and is always asked of luxon.
import { Info, IANAZone } from 'luxon';
import type { Zone } from 'luxon';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** No tzdb offset reaches 16 hours (the extremes are local mean times near ±15:56); 18 leaves room. */
const OFFSET_REACH = 18 * HOUR;
// Bounds on what is remembered: a year of hours per zone is 8,760 entries.
const MAX_HOURS_PER_ZONE = 50_000;
const MAX_ZONES = 1_000;

interface ZoneCache {
  zone: Zone;
  /** UTC hour index -> the offset through that whole hour, or NaN when the offset changes in it. */
  hours: Map<number, number>;
  /** UTC day index -> the offset through the day and OFFSET_REACH either side, or NaN. */
  days: Map<number, number>;
}

const caches = new Map<string, ZoneCache>();
const validZones = new Map<string, boolean>();

/** IANAZone.isValidZone, remembered: luxon builds an Intl formatter on every call. */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = validZones.get(timeZone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(timeZone);
    if (validZones.size >= MAX_ZONES) validZones.clear();
    validZones.set(timeZone, valid);
  }
  return valid;
}

/** Whether luxon reads the name as a valid IANA zone ("UTC" and "UTC+3" it reads as fixed offsets). */
export function isIanaZone(timeZone: string): boolean {
  const { zone } = getCache(timeZone);
  return zone.type === 'iana' && zone.isValid;
}

/** The offset in minutes, equal to luxon's `DateTime.fromMillis(epochMs, { zone }).offset`. */
export function getZoneOffset(timeZone: string, epochMs: number): number {
  const cache = getCache(timeZone);
  const steady = getHourOffset(cache, Math.floor(epochMs / HOUR));
  return Number.isNaN(steady) ? cache.zone.offset(epochMs) : steady;
}

/**
 * The zone's offset (whole minutes) when it holds without change from OFFSET_REACH before the UTC
 * midnight `dayMs` to OFFSET_REACH after the day's end, else null. Every wall-clock time on that date
 * then has exactly one instant, local time minus this offset, whatever offset a search starts from.
 */
export function findSteadyDayOffset(timeZone: string, dayMs: number): number | null {
  const cache = getCache(timeZone);
  const day = Math.floor(dayMs / DAY);
  let offset = cache.days.get(day);
  if (offset === undefined) {
    offset = measureSteadyOffset(cache, day * DAY - OFFSET_REACH, (day + 1) * DAY + OFFSET_REACH);
    if (cache.days.size >= MAX_HOURS_PER_ZONE) cache.days.clear();
    cache.days.set(day, offset);
  }
  return Number.isNaN(offset) ? null : offset;
}

function measureSteadyOffset(cache: ZoneCache, fromMs: number, toMs: number): number {
  const first = getHourOffset(cache, Math.floor(fromMs / HOUR));
  if (!Number.isInteger(first)) return NaN;
  for (let hour = Math.floor(fromMs / HOUR) + 1; hour * HOUR < toMs; hour += 1) {
    if (getHourOffset(cache, hour) !== first) return NaN;
  }
  return first;
}

function getHourOffset(cache: ZoneCache, hour: number): number {
  let offset = cache.hours.get(hour);
  if (offset === undefined) {
    // luxon reads offsets at whole seconds, so the hour's last reading is one second before its end.
    const start = cache.zone.offset(hour * HOUR);
    offset = start === cache.zone.offset(hour * HOUR + HOUR - 1000) ? start : NaN;
    if (cache.hours.size >= MAX_HOURS_PER_ZONE) cache.hours.clear();
    cache.hours.set(hour, offset);
  }
  return offset;
}

function getCache(timeZone: string): ZoneCache {
  let cache = caches.get(timeZone);
  if (cache === undefined) {
    // The zone object luxon itself uses for this name ("UTC" is a fixed zone there, not IANA).
    cache = { zone: Info.normalizeZone(timeZone), hours: new Map(), days: new Map() };
    if (caches.size >= MAX_ZONES) caches.clear();
    caches.set(timeZone, cache);
  }
  return cache;
}
