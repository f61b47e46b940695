// Human labels for a slot time in a given zone, e.g. "Wed, Nov 25, 10:00 AM EST". Always shows the
// zone, and the date as it is in that zone. It does not know which zone is the prospect's.
import { DateTime } from 'luxon';
import { isIanaZone } from './zone-offset.js';
import { toWallClock } from './zoned-time.js';

// en-US names American zones only ("GMT+1" for Berlin); these English locales name others
// (en-GB: CET, BST; en-AU: AEDT; en-IN: IST; en-ZA: SAST). The first real name wins.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-SG', 'en-ZA'] as const;
const BARE_OFFSET = /^(GMT|UTC)[+\-\u2212]\d/;
// luxon's English tables, which it uses for en-US: toFormat('ccc, LLL d, h:mm a').
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MAX_FORMATTERS = 1_000;

export function formatSlotLabel(instant: DateTime, timeZone: string): string {
  return instant.isValid
    ? formatSlotLabelAt(instant.toMillis(), timeZone)
    : formatWithLuxon(instant, timeZone);
}

/** formatSlotLabel for an instant in epoch milliseconds, without building a DateTime in an IANA zone. */
export function formatSlotLabelAt(epochMs: number, timeZone: string): string {
  if (!isIanaZone(timeZone)) return formatWithLuxon(DateTime.fromMillis(epochMs), timeZone);
  const { weekday, month, day, hour, minute } = toWallClock(epochMs, timeZone);
  const clock = `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
  const text = `${WEEKDAYS[weekday - 1] ?? ''}, ${MONTHS[month - 1] ?? ''} ${day}, ${clock}`;
  const name = findAbbreviation((locale) => getShortZoneName(epochMs, locale, timeZone));
  // No readable abbreviation (Tokyo, Dublin in summer): keep the offset and name the zone.
  return name === null
    ? `${text} ${getShortZoneName(epochMs, 'en-US', timeZone)} (${timeZone})`
    : `${text} ${name}`;
}

function findAbbreviation(nameIn: (locale: string) => string): string | null {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = nameIn(locale);
    if (name.length > 0 && !BARE_OFFSET.test(name)) return name;
  }
  return null;
}

/** The same label through luxon, for zones luxon does not read as IANA ("UTC" is a fixed offset there). */
function formatWithLuxon(instant: DateTime, timeZone: string): string {
  const local = instant.setZone(timeZone).setLocale('en-US');
  const text = local.toFormat('ccc, LLL d, h:mm a');
  const name = findAbbreviation((locale) => local.setLocale(locale).toFormat('ZZZZ'));
  return name === null ? `${text} ${local.toFormat('ZZZZ')} (${timeZone})` : `${text} ${name}`;
}

interface ZoneNames {
  formatter: Intl.DateTimeFormat;
  /** UTC hour -> the name through that whole hour, or null when it changes within it. */
  hours: Map<number, string | null>;
}

const zoneNames = new Map<string, ZoneNames>();
const HOUR = 3_600_000;
const MAX_HOURS = 50_000;

/**
 * What `DateTime.fromMillis(epochMs, { zone: timeZone, locale }).toFormat('ZZZZ')` writes for an IANA
 * zone. luxon builds a new Intl.DateTimeFormat with these options on every call (about 0.1 ms); one per
 * locale and zone is kept here, and the name per UTC hour when both ends of the hour agree (names, like
 * offsets, change at most once in an hour).
 */
function getShortZoneName(epochMs: number, locale: string, timeZone: string): string {
  const names = getZoneNames(locale, timeZone);
  const hour = Math.floor(epochMs / HOUR);
  let name = names.hours.get(hour);
  if (name === undefined) {
    const first = readZoneName(names.formatter, hour * HOUR);
    name = first === readZoneName(names.formatter, hour * HOUR + HOUR - 1) ? first : null;
    if (names.hours.size >= MAX_HOURS) names.hours.clear();
    names.hours.set(hour, name);
  }
  return name ?? readZoneName(names.formatter, epochMs);
}

function getZoneNames(locale: string, timeZone: string): ZoneNames {
  const key = `${locale} ${timeZone}`;
  let names = zoneNames.get(key);
  if (names === undefined) {
    const formatter = new Intl.DateTimeFormat(locale, {
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    });
    names = { formatter, hours: new Map() };
    if (zoneNames.size >= MAX_FORMATTERS) zoneNames.clear();
    zoneNames.set(key, names);
  }
  return names;
}

function readZoneName(formatter: Intl.DateTimeFormat, epochMs: number): string {
  const part = formatter
    .formatToParts(new Date(epochMs))
    .find((p) => p.type.toLowerCase() === 'timezonename');
  // luxon writes a missing name as "null".
  return part === undefined ? 'null' : part.value;
}
