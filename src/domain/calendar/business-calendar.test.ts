import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HolidaySettings, WorkingHours } from '../settings.js';
import { COMPANY_HOLIDAY_NAME, createBusinessCalendar } from './business-calendar.js';

const weekdays: WorkingHours = { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] };
const usFederal: HolidaySettings = { useUsFederal: true, extra: [], remove: [] };

function calendarIn(timeZone: string, holidays: HolidaySettings = usFederal, workingHours = weekdays) {
  return createBusinessCalendar({ timeZone, workingHours, holidays });
}

void describe('business calendar: days', () => {
  const ny = calendarIn('America/New_York');

  void it('works weekdays and rests on weekends and federal holidays', () => {
    assert.equal(ny.isBusinessDay('2026-11-25'), true);
    assert.equal(
      ny.isBusinessDay('2026-11-27'),
      true,
      'the day after Thanksgiving is worked unless configured',
    );
    assert.equal(ny.isBusinessDay('2026-11-28'), false);
    assert.equal(ny.isBusinessDay('2026-11-29'), false);
    assert.equal(ny.isBusinessDay('2026-11-26'), false);
    assert.match(ny.holidayName('2026-11-26') ?? '', /Thanksgiving/);
    assert.equal(ny.holidayName('2026-11-25'), null);
  });

  void it('adds extra dates and works removed ones', () => {
    const custom = calendarIn('America/New_York', {
      useUsFederal: true,
      extra: ['2026-11-27'],
      remove: ['2026-11-11'],
    });
    assert.equal(custom.isBusinessDay('2026-11-27'), false);
    assert.equal(custom.holidayName('2026-11-27'), COMPANY_HOLIDAY_NAME);
    assert.equal(custom.isBusinessDay('2026-11-11'), true, 'Veterans Day removed from the list');
  });

  void it('ignores the federal list when it is switched off', () => {
    const noFederal = calendarIn('Europe/London', { useUsFederal: false, extra: [], remove: [] });
    assert.equal(noFederal.isBusinessDay('2026-11-26'), true);
    assert.equal(noFederal.holidayName('2026-11-26'), null);
  });

  void it('uses the configured working weekdays', () => {
    const monToThu = calendarIn('America/New_York', usFederal, { ...weekdays, days: [1, 2, 3, 4] });
    assert.equal(monToThu.isBusinessDay('2026-11-20'), false, 'a Friday');
    const sunToThu = calendarIn(
      'Asia/Kolkata',
      { useUsFederal: false, extra: [], remove: [] },
      { ...weekdays, days: [7, 1, 2, 3, 4] },
    );
    assert.equal(sunToThu.isBusinessDay('2026-11-22'), true, 'a Sunday');
  });

  void it('refuses text that is not a date or a zone', () => {
    assert.equal(ny.isBusinessDay('2026-02-30'), false);
    assert.equal(ny.workingWindow('next tuesday'), null);
    assert.throws(() => calendarIn('Mars/Olympus'), /IANA/);
  });
});

void describe('business calendar: working windows across DST', () => {
  void it('keeps 09:00-17:00 local on both sides of the November 2026 US change', () => {
    const ny = calendarIn('America/New_York');
    assert.deepEqual(ny.workingWindow('2026-10-30'), {
      start: '2026-10-30T09:00:00.000-04:00',
      end: '2026-10-30T17:00:00.000-04:00',
    });
    assert.deepEqual(ny.workingWindow('2026-11-02'), {
      start: '2026-11-02T09:00:00.000-05:00',
      end: '2026-11-02T17:00:00.000-05:00',
    });
    assert.equal(ny.workingWindow('2026-11-01'), null, 'a Sunday');
  });

  void it('keeps 09:00 local on both sides of the March 2027 US change', () => {
    const ny = calendarIn('America/New_York');
    assert.equal(ny.workingWindow('2027-03-12')?.start, '2027-03-12T09:00:00.000-05:00');
    assert.equal(ny.workingWindow('2027-03-15')?.start, '2027-03-15T09:00:00.000-04:00');
  });

  void it('keeps 09:00 local across the Sydney and Lord Howe October changes', () => {
    const sydney = calendarIn('Australia/Sydney', { useUsFederal: false, extra: [], remove: [] });
    assert.equal(sydney.workingWindow('2026-10-02')?.start, '2026-10-02T09:00:00.000+10:00');
    assert.equal(sydney.workingWindow('2026-10-05')?.start, '2026-10-05T09:00:00.000+11:00');
    const lordHowe = calendarIn('Australia/Lord_Howe', { useUsFederal: false, extra: [], remove: [] });
    assert.equal(lordHowe.workingWindow('2026-10-02')?.start, '2026-10-02T09:00:00.000+10:30');
    assert.equal(lordHowe.workingWindow('2026-10-05')?.start, '2026-10-05T09:00:00.000+11:00');
  });
});

void describe('business calendar: counting business days', () => {
  const ny = calendarIn('America/New_York');

  void it('puts Friday afternoon plus 2 business days on Tuesday 09:00', () => {
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-11-20T15:30:00-05:00', 2),
      '2026-11-24T09:00:00.000-05:00',
    );
  });

  void it('keeps 09:00 local when the count crosses a DST change', () => {
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-10-30T15:30:00-04:00', 2),
      '2026-11-03T09:00:00.000-05:00',
    );
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2027-03-12T16:00:00-05:00', 1),
      '2027-03-15T09:00:00.000-04:00',
    );
  });

  void it('skips holidays while counting', () => {
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2027-01-15T18:40:00-05:00', 1),
      '2027-01-19T09:00:00.000-05:00',
    );
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-11-25T20:00:00-05:00', 1),
      '2026-11-27T09:00:00.000-05:00',
    );
  });

  void it('with 0 gives the same business day or the next one', () => {
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-11-25T20:00:00-05:00', 0),
      '2026-11-25T09:00:00.000-05:00',
    );
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-11-28T10:00:00-05:00', 0),
      '2026-11-30T09:00:00.000-05:00',
    );
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2027-01-17T10:00:00-05:00', 0),
      '2027-01-19T09:00:00.000-05:00',
    );
  });

  void it('reads the date of the instant in the calendar zone, not in UTC', () => {
    // Saturday 03:00 UTC is still Friday evening in New York.
    assert.equal(
      ny.businessDaysLaterAtStartOfDay('2026-11-21T03:00:00Z', 1),
      '2026-11-23T09:00:00.000-05:00',
    );
  });

  void it('refuses a negative count', () => {
    assert.throws(() => ny.businessDaysLaterAtStartOfDay('2026-11-20T15:30:00-05:00', -1), RangeError);
  });
});

void describe('business calendar: next business dates', () => {
  const ny = calendarIn('America/New_York');

  void it('skips the weekend and MLK Day after a Friday evening', () => {
    assert.deepEqual(ny.nextBusinessDates('2027-01-15T18:40:00-05:00', 3), [
      '2027-01-19',
      '2027-01-20',
      '2027-01-21',
    ]);
  });

  void it("starts today while today's working window is open", () => {
    assert.deepEqual(ny.nextBusinessDates('2026-11-24T07:00:00-05:00', 2), ['2026-11-24', '2026-11-25']);
    assert.deepEqual(ny.nextBusinessDates('2026-11-24T16:59:00-05:00', 2), ['2026-11-24', '2026-11-25']);
    assert.deepEqual(ny.nextBusinessDates('2026-11-24T17:00:00-05:00', 2), ['2026-11-25', '2026-11-27']);
  });

  void it('uses the calendar zone for "today"', () => {
    // 01:00 UTC Tuesday is 20:00 Monday in New York: Monday's window has ended.
    assert.deepEqual(ny.nextBusinessDates('2026-11-24T01:00:00Z', 1), ['2026-11-24']);
    const sydney = calendarIn('Australia/Sydney', { useUsFederal: false, extra: [], remove: [] });
    // 23:00 UTC Sunday is 10:00 Monday in Sydney.
    assert.deepEqual(sydney.nextBusinessDates('2026-11-22T23:00:00Z', 1), ['2026-11-23']);
  });

  void it('crosses into the next year past the observed New Year holiday', () => {
    assert.deepEqual(ny.nextBusinessDates('2027-12-23T18:00:00-05:00', 3), [
      '2027-12-27',
      '2027-12-28',
      '2027-12-29',
    ]);
    assert.deepEqual(ny.nextBusinessDates('2027-12-30T18:00:00-05:00', 1), ['2028-01-03']);
  });
});
