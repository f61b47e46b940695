import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { findSteadyDayOffset, getZoneOffset, isIanaZone, isValidTimeZone } from './zone-offset.js';

// Zones with the awkward cases: US/EU/AU daylight time, half-hour (Lord Howe) and 45-minute (Chatham,
// Kathmandu) offsets, no daylight time (Kolkata), changes at midnight (Santiago, Havana), Ramadan
// suspensions (Casablanca), the 2011 date-line jump (Apia), and a fixed zone luxon does not read as IANA.
const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'America/Santiago',
  'America/Havana',
  'Africa/Casablanca',
  'Pacific/Apia',
  'America/St_Johns',
  'UTC',
] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const luxonOffset = (zone: string, ms: number): number => DateTime.fromMillis(ms, { zone }).offset;

/** Six-hour spans holding a change of the zone's offset in 2020-2028 (and Apia's 2011 jump), by luxon. */
function findChangeSpans(zone: string): number[] {
  const spans: number[] = [];
  const ranges = [
    ['2020-01-01', '2028-12-31'],
    ['2011-12-28', '2012-01-02'],
  ].map(([from = '', to = '']) => [Date.parse(`${from}T00:00:00Z`), Date.parse(`${to}T00:00:00Z`)] as const);
  for (const [from, to] of ranges) {
    for (let t = from; t < to; t += 6 * HOUR) {
      if (luxonOffset(zone, t) !== luxonOffset(zone, t + 6 * HOUR)) spans.push(t);
    }
  }
  return spans;
}

describe('getZoneOffset', () => {
  it('agrees with luxon minute by minute around every clock change of 2020-2028', () => {
    for (const zone of ZONES) {
      for (const span of findChangeSpans(zone)) {
        for (let t = span - HOUR; t <= span + 7 * HOUR; t += MINUTE) {
          assert.equal(
            getZoneOffset(zone, t),
            luxonOffset(zone, t),
            `${zone} at ${new Date(t).toISOString()}`,
          );
        }
      }
    }
  });

  it('is tested on the clock changes it should be', () => {
    assert.equal(findChangeSpans('America/New_York').length, 18);
    assert.equal(findChangeSpans('Asia/Kolkata').length, 0);
    assert.ok(
      findChangeSpans('Pacific/Apia').some((t) => new Date(t).toISOString().startsWith('2011-12-30')),
    );
  });

  it('agrees with luxon at any instant from 1850 to 2100, local mean times included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES, 'Asia/Manila', 'America/Sitka', 'Europe/Amsterdam'),
        fc.integer({ min: Date.parse('1850-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
        (zone, ms) => getZoneOffset(zone, ms) === luxonOffset(zone, ms),
      ),
      { numRuns: 1000 },
    );
  });

  it('gives NaN for a zone that is not one', () => {
    assert.ok(Number.isNaN(getZoneOffset('Not/AZone', Date.parse('2026-11-24T15:00:00Z'))));
  });
});

describe('findSteadyDayOffset', () => {
  const dayOf = (date: string): number => Date.parse(`${date}T00:00:00Z`);

  it('refuses a date when a clock change falls within 18 hours of it (UTC)', () => {
    // New York changes at 07:00Z on 2026-03-08 and at 06:00Z on 2026-11-01: a date D is refused when
    // the change lies between D - 18 h and D + 42 h.
    for (const date of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01']) {
      assert.equal(findSteadyDayOffset('America/New_York', dayOf(date)), null, date);
    }
    assert.equal(findSteadyDayOffset('America/New_York', dayOf('2026-03-06')), -300);
    assert.equal(findSteadyDayOffset('America/New_York', dayOf('2026-11-02')), -300);
    assert.equal(findSteadyDayOffset('America/New_York', dayOf('2026-11-24')), -300);
    assert.equal(findSteadyDayOffset('Asia/Kolkata', dayOf('2026-03-08')), 330);
    assert.equal(findSteadyDayOffset('Australia/Lord_Howe', dayOf('2026-01-15')), 660);
  });

  it('when it gives an offset, every wall time of the date is local time minus it, as luxon reads it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({
          min: Date.parse('1990-01-01T00:00:00Z') / DAY,
          max: Date.parse('2040-01-01T00:00:00Z') / DAY,
        }),
        (zone, epochDay) => {
          const offset = findSteadyDayOffset(zone, epochDay * DAY);
          if (offset === null) return true;
          const date = DateTime.fromMillis(epochDay * DAY, { zone: 'utc' });
          for (let minute = 0; minute < 24 * 60; minute += 15) {
            const wall = DateTime.fromObject(
              {
                year: date.year,
                month: date.month,
                day: date.day,
                hour: Math.floor(minute / 60),
                minute: minute % 60,
              },
              { zone },
            );
            if (wall.toMillis() !== epochDay * DAY + (minute - offset) * MINUTE) return false;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives an offset on most dates and none for a zone that is not one', () => {
    const steady = Array.from({ length: 365 }, (_, i) => dayOf('2026-01-01') + i * DAY).filter(
      (day) => findSteadyDayOffset('Europe/London', day) !== null,
    );
    // Two changes at 01:00Z (2026-03-29, 2026-10-25), each refusing that date and the one before.
    assert.equal(steady.length, 365 - 4);
    assert.equal(findSteadyDayOffset('Not/AZone', dayOf('2026-11-24')), null);
  });
});

describe('isValidTimeZone and isIanaZone', () => {
  it('answers as luxon does', () => {
    for (const zone of [
      'America/New_York',
      'america/new_york',
      'UTC',
      'Etc/UTC',
      'UTC+3',
      'Not/AZone',
      '',
      'local',
    ]) {
      assert.equal(isValidTimeZone(zone), IANAZone.isValidZone(zone), zone);
      assert.equal(isValidTimeZone(zone), IANAZone.isValidZone(zone), `${zone}, remembered`);
    }
    assert.equal(isIanaZone('America/New_York'), true);
    assert.equal(isIanaZone('UTC'), false, 'luxon reads "UTC" as a fixed offset');
    assert.equal(isIanaZone('Not/AZone'), false);
  });
});
