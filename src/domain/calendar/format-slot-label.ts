// Human labels for a slot time in a given zone, e.g. "Wed, Nov 25, 10:00 AM EST". Always shows the
// zone, and the date as it is in that zone. It does not know which zone is the prospect's.
import type { DateTime } from 'luxon';

// en-US names American zones only ("GMT+1" for Berlin); these English locales name others
// (en-GB: CET, BST; en-AU: AEDT; en-IN: IST; en-ZA: SAST). The first real name wins.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-SG', 'en-ZA'] as const;
const BARE_OFFSET = /^(GMT|UTC)[+\-\u2212]\d/;

export function formatSlotLabel(instant: DateTime, timeZone: string): string {
  const local = instant.setZone(timeZone).setLocale('en-US');
  const text = local.toFormat('ccc, LLL d, h:mm a');
  const name = findZoneAbbreviation(local);
  // No readable abbreviation (Tokyo, Dublin in summer): keep the offset and name the zone.
  return name === null ? `${text} ${local.toFormat('ZZZZ')} (${timeZone})` : `${text} ${name}`;
}

function findZoneAbbreviation(local: DateTime): string | null {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = local.setLocale(locale).toFormat('ZZZZ');
    if (name.length > 0 && !BARE_OFFSET.test(name)) return name;
  }
  return null;
}
