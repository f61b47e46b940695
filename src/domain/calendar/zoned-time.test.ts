import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { atWallClock, toIso, toZoned } from './plain-date.js';
import {
  addMinutes,
  millisToIso,
  parseInstantMillis,
  parseOffsetInstant,
  toWallClock,
  wallClockToMillis,
} from './zoned-time.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'America/Santiago',
  'Pacific/Apia',
  'Asia/Manila',
  'UTC',
  'Etc/UTC',
] as const;

// Dates of 2011-2028, a third of them within two days of a US, EU or AU clock change (or Apia's jump).
const CHANGES = [
  '2026-03-08',
  '2026-11-01',
  '2026-03-29',
  '2026-10-25',
  '2026-04-05',
  '2026-10-04',
  '2011-12-30',
];
const dateArb = fc
  .oneof(
    { weight: 2, arbitrary: fc.integer({ min: Date.parse('2011-01-01'), max: Date.parse('2028-12-31') }) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...CHANGES.map((d) => Date.parse(d))), fc.integer({ min: -2, max: 2 }))
        .map(([d, days]) => d + days * 86_400_000),
    },
  )
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const instantArb = fc.oneof(
  fc.integer({ min: Date.parse('1850-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }),
  dateArb.chain((date) =>
    fc.integer({ min: -86_400_000, max: 2 * 86_400_000 }).map((ms) => Date.parse(`${date}T00:00:00Z`) + ms),
  ),
);

/** The same call's result or error message, so "both throw alike" compares equal. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

describe('wallClockToMillis', () => {
  it('equals atWallClock(...).toMillis(), skipped and repeated wall times included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        dateArb,
        fc.oneof(fc.integer({ min: 0, max: 24 * 60 - 1 }), fc.constantFrom(24 * 60, -1, 90.5)),
        (zone, date, minute) =>
          Object.is(wallClockToMillis(date, minute, zone), atWallClock(date, minute, zone).toMillis()),
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a skipped wall time as luxon does: moved forward', () => {
    // 02:30 does not exist in New York on 2026-03-08.
    assert.equal(
      new Date(wallClockToMillis('2026-03-08', 150, 'America/New_York')).toISOString(),
      '2026-03-08T07:30:00.000Z',
    );
    assert.throws(() => wallClockToMillis('2026-02-30', 600, 'America/New_York'), RangeError);
  });
});

describe('toWallClock', () => {
  it('reads an instant as a luxon DateTime in the zone does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), instantArb, (zone, ms) => {
        const expected = DateTime.fromMillis(ms, { zone });
        const wall = toWallClock(ms, zone);
        return (
          wall.date === expected.toISODate() &&
          wall.year === expected.year &&
          wall.month === expected.month &&
          wall.day === expected.day &&
          wall.hour === expected.hour &&
          wall.minute === expected.minute &&
          wall.minutesOfDay === expected.hour * 60 + expected.minute &&
          wall.weekday === expected.weekday &&
          wall.offset === expected.offset
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('millisToIso and addMinutes', () => {
  it('write and add as luxon does, odd instants included', () => {
    const oddArb = fc.oneof(
      instantArb,
      fc.double({ min: -1e13, max: 3e14, noNaN: true }),
      fc.constant(253402300799999),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES, 'UTC+3'),
        oddArb,
        fc.integer({ min: -10_000, max: 10_000 }),
        (zone, ms, minutes) =>
          millisToIso(ms, zone) === toIso(DateTime.fromMillis(ms, { zone })) &&
          Object.is(
            addMinutes(ms, minutes, zone),
            DateTime.fromMillis(ms, { zone }).plus({ minutes }).toMillis(),
          ),
      ),
      { numRuns: 3000 },
    );
  });
});

describe('parseInstantMillis', () => {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  // Mostly well-formed text with an offset, with every field sometimes out of range.
  const textArb = fc
    .record({
      year: fc.oneof(fc.integer({ min: 1990, max: 2040 }), fc.constantFrom(0, 99, 100, 9999)),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
      hour: fc.integer({ min: 0, max: 24 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.option(fc.integer({ min: 0, max: 60 })),
      fraction: fc.option(fc.stringMatching(/^[0-9]{1,9}$/)),
      zone: fc.constantFrom('Z', 'z', '+00:00', '-05:00', '+05:45', '-00:30', '+14:00', '+2400', '', '+05'),
    })
    .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
      const seconds = second === null ? '' : `:${pad(second)}${fraction === null ? '' : `.${fraction}`}`;
      return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}${seconds}${zone}`;
    });

  it('reads text as toZoned(text, zone).toMillis() does, throwing as it throws', () => {
    fc.assert(
      fc.property(
        fc.oneof(textArb, fc.string({ maxLength: 30 })),
        fc.constantFrom('America/New_York', 'Asia/Kolkata', 'UTC', 'Not/AZone'),
        (text, zone) =>
          Object.is(
            outcome(() => parseInstantMillis(text, zone)),
            outcome(() => toZoned(text, zone).toMillis()),
          ),
      ),
      { numRuns: 5000 },
    );
  });

  it('reads only text with an explicit offset itself', () => {
    assert.equal(parseOffsetInstant('2026-11-24T15:14:37.000Z'), Date.parse('2026-11-24T15:14:37.000Z'));
    assert.equal(parseOffsetInstant('2026-11-24T10:14:37-05:00'), Date.parse('2026-11-24T15:14:37.000Z'));
    assert.equal(parseOffsetInstant('2026-11-24T10:14:37'), null);
    assert.equal(parseOffsetInstant('2026-02-29T10:14:37Z'), null);
  });
});
