import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatSlotLabel, formatSlotLabelAt } from './format-slot-label.js';

/** The label as luxon writes it (how the labels were made before the Intl formatters were kept). */
function labelByLuxon(epochMs: number, timeZone: string): string {
  const local = DateTime.fromMillis(epochMs).setZone(timeZone).setLocale('en-US');
  const text = local.toFormat('ccc, LLL d, h:mm a');
  for (const locale of ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-SG', 'en-ZA']) {
    const name = local.setLocale(locale).toFormat('ZZZZ');
    if (name.length > 0 && !/^(GMT|UTC)[+\-\u2212]\d/.test(name)) return `${text} ${name}`;
  }
  return `${text} ${local.toFormat('ZZZZ')} (${timeZone})`;
}

const ZONES = [
  'America/New_York',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Africa/Johannesburg',
  'UTC',
  'UTC+3',
] as const;

describe('formatSlotLabelAt', () => {
  it('writes the label luxon writes, around clock changes too', () => {
    const changeArb = fc
      .tuple(
        fc.constantFrom(
          '2026-03-08T07:00:00Z',
          '2026-03-29T01:00:00Z',
          '2026-10-04T16:00:00Z',
          '2026-11-01T06:00:00Z',
        ),
        fc.integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 }),
      )
      .map(([at, ms]) => Date.parse(at) + ms);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.oneof(
          fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }),
          changeArb,
        ),
        (zone, ms) => formatSlotLabelAt(ms, zone) === labelByLuxon(ms, zone),
      ),
      { numRuns: 1500 },
    );
  });

  it('names the zone, or shows the offset and the zone when it has no name', () => {
    const at = Date.parse('2026-11-25T15:00:00Z');
    assert.equal(formatSlotLabelAt(at, 'America/New_York'), 'Wed, Nov 25, 10:00 AM EST');
    assert.equal(formatSlotLabelAt(at, 'Asia/Tokyo'), 'Thu, Nov 26, 12:00 AM GMT+9 (Asia/Tokyo)');
    assert.equal(
      formatSlotLabel(DateTime.fromMillis(at, { zone: 'UTC' }), 'Europe/Berlin'),
      'Wed, Nov 25, 4:00 PM CET',
    );
  });
});
