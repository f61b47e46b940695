import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import { US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';

// An independent rule-based generator (5 U.S.C. 6103 plus OPM's weekend rule) to check the fixed list.
function day(year: number, month: number, dayOfMonth: number): DateTime {
  return DateTime.utc(year, month, dayOfMonth);
}

function nthWeekday(year: number, month: number, isoWeekday: number, n: number): DateTime {
  const first = day(year, month, 1);
  const offset = (isoWeekday - first.weekday + 7) % 7;
  return first.plus({ days: offset + 7 * (n - 1) });
}

function lastWeekday(year: number, month: number, isoWeekday: number): DateTime {
  const last = day(year, month, 1).endOf('month').startOf('day');
  return last.minus({ days: (last.weekday - isoWeekday + 7) % 7 });
}

function observed(date: DateTime): DateTime {
  if (date.weekday === 6) return date.minus({ days: 1 });
  if (date.weekday === 7) return date.plus({ days: 1 });
  return date;
}

function generateObservedDates(holidayYear: number): string[] {
  const y = holidayYear;
  const dates = [
    observed(day(y, 1, 1)),
    nthWeekday(y, 1, 1, 3),
    nthWeekday(y, 2, 1, 3),
    lastWeekday(y, 5, 1),
    observed(day(y, 6, 19)),
    observed(day(y, 7, 4)),
    nthWeekday(y, 9, 1, 1),
    nthWeekday(y, 10, 1, 2),
    observed(day(y, 11, 11)),
    nthWeekday(y, 11, 4, 4),
    observed(day(y, 12, 25)),
  ];
  return dates.map((d) => d.toISODate() ?? '');
}

/** Every observed date falling in a calendar year, whichever year's holiday it observes. */
function expectedDatesIn(year: number): string[] {
  return [year - 1, year, year + 1]
    .flatMap(generateObservedDates)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();
}

function listedDatesIn(year: number): string[] {
  return US_FEDERAL_HOLIDAYS.map((h) => h.date)
    .filter((d) => d.startsWith(`${year}-`))
    .sort();
}

void describe('US federal holidays', () => {
  for (const year of [2026, 2027, 2028]) {
    void it(`matches the rule-based observed dates for ${year}`, () => {
      assert.deepEqual(listedDatesIn(year), expectedDatesIn(year));
    });
  }

  void it('lists each date once and only weekdays', () => {
    const dates = US_FEDERAL_HOLIDAYS.map((h) => h.date);
    assert.equal(new Set(dates).size, dates.length);
    for (const date of dates) {
      const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday;
      assert.ok(weekday <= 5, `${date} is a weekend day`);
    }
  });

  void it('agrees with hand-checked dates', () => {
    const byDate = new Map(US_FEDERAL_HOLIDAYS.map((h) => [h.date, h.name]));
    assert.match(byDate.get('2026-11-26') ?? '', /Thanksgiving/);
    assert.match(byDate.get('2026-07-03') ?? '', /Independence Day \(observed\)/);
    assert.match(byDate.get('2027-01-18') ?? '', /Martin Luther King/);
    assert.match(byDate.get('2027-12-24') ?? '', /Christmas Day \(observed\)/);
    assert.match(byDate.get('2027-12-31') ?? '', /New Year's Day \(observed\)/);
    assert.equal(byDate.has('2028-01-01'), false, 'a Saturday holiday is not listed on the Saturday');
    assert.equal(byDate.has('2026-11-27'), false, 'the day after Thanksgiving is not a federal holiday');
  });
});
