import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addDays, getIsoWeekday, parsePlainDate, toPlainDate, toPlainDateMillis } from './plain-date.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
// Text shaped like a date, with every part sometimes out of range.
const dateTextArb = fc.oneof(
  fc
    .record({
      year: fc.oneof(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
      month: fc.integer({ min: 0, max: 13 }),
      day: fc.integer({ min: 0, max: 32 }),
    })
    .map(({ year, month, day }) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`),
  fc.constantFrom(
    '2024-02-29',
    '2100-02-29',
    '2000-02-29',
    '0000-01-01',
    '9999-12-31',
    '2026-1-5',
    ' 2026-01-05',
  ),
);

describe('plain dates without luxon', () => {
  it('accept the dates parsePlainDate accepts, at the same midnight and weekday', () => {
    fc.assert(
      fc.property(dateTextArb, (text) => {
        const parsed = parsePlainDate(text);
        return (
          toPlainDateMillis(text) === (parsed === null ? null : parsed.toMillis()) &&
          getIsoWeekday(text) === (parsed === null ? null : parsed.weekday)
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('add days as luxon does, across years and centuries', () => {
    fc.assert(
      fc.property(dateTextArb, fc.integer({ min: -800_000, max: 800_000 }), (text, days) => {
        const parsed = parsePlainDate(text);
        if (parsed === null) return assert.throws(() => addDays(text, days), RangeError) === undefined;
        return addDays(text, days) === toPlainDate(parsed.plus({ days }));
      }),
      { numRuns: 3000 },
    );
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2024-03-01', -1), '2024-02-29');
    assert.equal(
      addDays('9999-12-31', 1),
      toPlainDate(DateTime.fromISO('9999-12-31', { zone: 'utc' }).plus({ days: 1 })),
    );
  });
});
