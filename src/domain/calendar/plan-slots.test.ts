import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DateTime } from 'luxon';
import type { BusyInterval } from '../ports/calendar.js';
import type { SlotSettings, WorkingHours } from '../settings.js';
import { HolidaySettingsSchema, SlotSettingsSchema, WorkingHoursSchema } from '../settings.js';
import { createBusinessCalendar } from './business-calendar.js';
import { getSlotSearchWindow, planSlots } from './plan-slots.js';

function plan(input: {
  now: string;
  zone?: string;
  busy?: BusyInterval[];
  slots?: Partial<SlotSettings>;
  hours?: Partial<WorkingHours>;
  extraHolidays?: string[];
  prospectTimeZone?: string | null;
}) {
  const calendar = createBusinessCalendar({
    timeZone: input.zone ?? 'America/New_York',
    workingHours: WorkingHoursSchema.parse(input.hours ?? {}),
    holidays: HolidaySettingsSchema.parse({ extra: input.extraHolidays ?? [] }),
  });
  const settings = SlotSettingsSchema.parse(input.slots ?? {});
  return planSlots({
    now: input.now,
    busy: input.busy ?? [],
    calendar,
    settings,
    prospectTimeZone: input.prospectTimeZone ?? null,
  });
}

const local = (iso: string, zone = 'America/New_York') => DateTime.fromISO(iso, { zone });
const datesOf = (starts: string[], zone = 'America/New_York') =>
  starts.map((s) => local(s, zone).toISODate());
const startsOf = (proposal: ReturnType<typeof plan>) => proposal.slots.map((s) => s.start);

void describe('planSlots: business days and holidays', () => {
  void it('skips the weekend and MLK Day after a Friday evening', () => {
    const proposal = plan({ now: '2027-01-15T18:40:00-05:00' });
    assert.deepEqual(startsOf(proposal), [
      '2027-01-19T09:00:00.000-05:00',
      '2027-01-19T12:00:00.000-05:00',
      '2027-01-20T09:00:00.000-05:00',
    ]);
    assert.deepEqual(
      proposal.slots.map((s) => s.sellerLabel),
      ['Tue, Jan 19, 9:00 AM EST', 'Tue, Jan 19, 12:00 PM EST', 'Wed, Jan 20, 9:00 AM EST'],
    );
    assert.equal(proposal.noSlotsReason, null);
  });

  void it('skips Thanksgiving and offers the Friday after it as a normal day', () => {
    const proposal = plan({ now: '2026-11-25T19:00:00-05:00' });
    const dates = datesOf(startsOf(proposal));
    assert.equal(dates[0], '2026-11-27');
    assert.ok(!dates.includes('2026-11-26'));
  });

  void it('skips the Friday after Thanksgiving when the tenant adds it', () => {
    const proposal = plan({ now: '2026-11-25T19:00:00-05:00', extraHolidays: ['2026-11-27'] });
    assert.equal(datesOf(startsOf(proposal))[0], '2026-11-30');
  });
});

void describe('planSlots: time rules', () => {
  void it('keeps the minimum notice and aligns to the step grid', () => {
    const proposal = plan({ now: '2026-11-24T09:10:00-05:00', slots: { minNoticeMinutes: 120 } });
    assert.equal(proposal.slots[0]?.start, '2026-11-24T11:30:00.000-05:00');
    const quarter = plan({
      now: '2026-11-24T06:00:00-05:00',
      hours: { start: '09:10' },
      slots: { stepMinutes: 15 },
    });
    assert.equal(quarter.slots[0]?.start, '2026-11-24T09:15:00.000-05:00');
  });

  void it('ends every slot by the end of working hours', () => {
    const proposal = plan({
      now: '2026-11-24T06:00:00-05:00',
      hours: { start: '16:00', end: '17:00' },
      slots: { durationMinutes: 45, count: 2 },
    });
    for (const slot of proposal.slots) assert.equal(local(slot.start).toFormat('HH:mm'), '16:00');
  });

  void it('keeps the buffer around busy time, whatever offset the busy time uses', () => {
    const proposal = plan({
      now: '2026-11-24T06:00:00-05:00',
      hours: { start: '09:00', end: '12:00' },
      slots: { count: 5, minCount: 1, lookAheadBusinessDays: 1, bufferMinutes: 15 },
      busy: [{ start: '2026-11-24T15:00:00Z', end: '2026-11-24T16:00:00Z' }], // 10:00-11:00 New York
    });
    assert.deepEqual(startsOf(proposal), ['2026-11-24T09:00:00.000-05:00', '2026-11-24T11:30:00.000-05:00']);
  });

  void it('reads reversed busy intervals and skips text that is no instant', () => {
    const proposal = plan({
      now: '2026-11-24T06:00:00-05:00',
      hours: { start: '09:00', end: '11:00' },
      slots: { count: 5, minCount: 1, lookAheadBusinessDays: 1, bufferMinutes: 0 },
      busy: [
        { start: '2026-11-24T10:00:00-05:00', end: '2026-11-24T09:00:00-05:00' },
        { start: 'soon', end: 'later' },
      ],
    });
    assert.deepEqual(startsOf(proposal), ['2026-11-24T10:00:00.000-05:00']);
  });

  void it('keeps 09:00 local on the Monday after each US DST change', () => {
    const autumn = plan({ now: '2026-10-30T18:00:00-04:00' });
    assert.equal(autumn.slots[0]?.start, '2026-11-02T09:00:00.000-05:00');
    const spring = plan({ now: '2027-03-12T18:00:00-05:00' });
    assert.equal(spring.slots[0]?.start, '2027-03-15T09:00:00.000-04:00');
  });

  void it('stays inside the look-ahead business days', () => {
    const busyMonday = [{ start: '2026-11-23T00:00:00-05:00', end: '2026-11-24T00:00:00-05:00' }];
    const proposal = plan({
      now: '2026-11-23T06:00:00-05:00',
      busy: busyMonday,
      slots: { lookAheadBusinessDays: 2 },
    });
    assert.deepEqual([...new Set(datesOf(startsOf(proposal)))], ['2026-11-24']);
  });
});

void describe('planSlots: choosing', () => {
  void it('spreads the offer across two days and mixes morning and afternoon', () => {
    const proposal = plan({ now: '2026-11-23T06:00:00-05:00' });
    assert.equal(proposal.slots.length, 3);
    assert.ok(new Set(datesOf(startsOf(proposal))).size >= 2);
    const hours = startsOf(proposal).map((s) => local(s).hour);
    assert.ok(hours.some((h) => h < 12) && hours.some((h) => h >= 12));
  });

  void it('finds an afternoon on a later day when the first afternoon is busy', () => {
    const busy = [{ start: '2026-11-23T12:00:00-05:00', end: '2026-11-23T17:00:00-05:00' }];
    const proposal = plan({ now: '2026-11-23T06:00:00-05:00', busy });
    assert.deepEqual(startsOf(proposal), [
      '2026-11-23T09:00:00.000-05:00',
      '2026-11-23T10:30:00.000-05:00',
      '2026-11-24T12:00:00.000-05:00',
    ]);
  });

  void it('never offers two slots on one day less than an hour apart', () => {
    const proposal = plan({
      now: '2026-11-24T06:00:00-05:00',
      slots: { count: 3, lookAheadBusinessDays: 1 },
    });
    assert.equal(proposal.slots.length, 3);
    const spans = proposal.slots.map((s) => ({ start: local(s.start), end: local(s.end) }));
    for (let i = 1; i < spans.length; i += 1) {
      assert.ok(spans[i]!.start.diff(spans[i - 1]!.end, 'minutes').minutes >= 60);
    }
  });

  void it('gives the same answer for the same input', () => {
    const busy = [{ start: '2026-11-24T13:00:00-05:00', end: '2026-11-24T14:30:00-05:00' }];
    assert.deepEqual(
      plan({ now: '2026-11-24T08:00:00-05:00', busy }),
      plan({ now: '2026-11-24T08:00:00-05:00', busy }),
    );
  });
});

void describe('planSlots: too few slots', () => {
  void it('explains why when the calendar is fully busy', () => {
    const busy = [{ start: '2026-11-01T00:00:00Z', end: '2026-12-31T00:00:00Z' }];
    const proposal = plan({ now: '2026-11-24T08:00:00-05:00', busy });
    assert.deepEqual(proposal.slots, []);
    assert.equal(
      proposal.noSlotsReason,
      'No free 30-minute slot in the next 5 business days between 09:00 and 17:00 America/New_York',
    );
  });

  void it('offers nothing when fewer than the minimum fit, and the one slot when one is enough', () => {
    const busy = [{ start: '2026-11-24T09:30:00-05:00', end: '2026-11-24T17:00:00-05:00' }];
    const input = {
      now: '2026-11-24T06:00:00-05:00',
      busy,
      slots: { lookAheadBusinessDays: 1, bufferMinutes: 0 },
    };
    const strict = plan(input);
    assert.deepEqual(strict.slots, []);
    assert.match(
      strict.noSlotsReason ?? '',
      /^Only 1 free 30-minute slot in the next 1 business day .*at least 2/,
    );
    const lenient = plan({ ...input, slots: { ...input.slots, minCount: 1 } });
    assert.deepEqual(startsOf(lenient), ['2026-11-24T09:00:00.000-05:00']);
  });
});

void describe('planSlots: labels and window', () => {
  void it('labels for a Berlin prospect of a Los Angeles seller', () => {
    const proposal = plan({
      now: '2026-11-23T18:00:00-08:00',
      zone: 'America/Los_Angeles',
      prospectTimeZone: 'Europe/Berlin',
    });
    assert.equal(proposal.displayTimeZone, 'Europe/Berlin');
    assert.equal(proposal.slots[0]?.start, '2026-11-24T09:00:00.000-08:00');
    assert.equal(proposal.slots[0]?.sellerLabel, 'Tue, Nov 24, 9:00 AM PST');
    assert.equal(proposal.slots[0]?.label, 'Tue, Nov 24, 6:00 PM CET');
  });

  void it("shows the prospect's own date when it differs from the seller's", () => {
    const proposal = plan({
      now: '2026-11-23T18:00:00-08:00',
      zone: 'America/Los_Angeles',
      hours: { start: '15:00', end: '17:00' },
      slots: { count: 2, minCount: 1 },
      prospectTimeZone: 'Europe/Berlin',
    });
    assert.equal(proposal.slots[0]?.sellerLabel, 'Tue, Nov 24, 3:00 PM PST');
    assert.equal(proposal.slots[0]?.label, 'Wed, Nov 25, 12:00 AM CET');
  });

  void it('names summer zones and falls back to the IANA name when no abbreviation exists', () => {
    const summer = plan({ now: '2026-07-13T06:00:00-04:00', prospectTimeZone: 'Europe/London' });
    assert.equal(summer.slots[0]?.sellerLabel, 'Mon, Jul 13, 9:00 AM EDT');
    assert.equal(summer.slots[0]?.label, 'Mon, Jul 13, 2:00 PM BST');
    const tokyo = plan({ now: '2026-07-13T06:00:00-04:00', prospectTimeZone: 'Asia/Tokyo' });
    assert.equal(tokyo.slots[0]?.label, 'Mon, Jul 13, 10:00 PM GMT+9 (Asia/Tokyo)');
  });

  void it("uses the seller's zone when the prospect's is unknown or not a zone", () => {
    const proposal = plan({ now: '2026-11-23T06:00:00-05:00', prospectTimeZone: 'Eastern Time' });
    assert.equal(proposal.displayTimeZone, 'America/New_York');
    assert.equal(proposal.slots[0]?.label, proposal.slots[0]?.sellerLabel);
  });

  void it('reports the searched window: from now to the last look-ahead day plus the buffer', () => {
    const proposal = plan({ now: '2027-01-15T18:40:00-05:00' });
    assert.deepEqual(proposal.window, {
      start: '2027-01-15T18:40:00.000-05:00',
      end: '2027-01-25T17:15:00.000-05:00',
    });
  });

  void it('reaches back before now when the buffer is longer than the notice', () => {
    const calendar = createBusinessCalendar({
      timeZone: 'America/New_York',
      workingHours: WorkingHoursSchema.parse({}),
      holidays: HolidaySettingsSchema.parse({}),
    });
    const settings = SlotSettingsSchema.parse({ minNoticeMinutes: 0, bufferMinutes: 30 });
    const window = getSlotSearchWindow({ now: '2026-11-24T10:00:00-05:00', calendar, settings });
    assert.equal(window.start, '2026-11-24T09:30:00.000-05:00');
  });
});

void describe("planSlots: the prospect's own day", () => {
  const inBerlinDay = (iso: string) => {
    const t = DateTime.fromISO(iso).setZone('Europe/Berlin');
    return t.hour >= 8 && t.plus({ minutes: 30 }).hour * 60 + t.plus({ minutes: 30 }).minute <= 18 * 60;
  };

  void it('offers a Berlin prospect of a New York seller only times inside 08:00-18:00 Berlin', () => {
    const proposal = plan({ now: '2026-11-24T08:00:00-05:00', prospectTimeZone: 'Europe/Berlin' });
    assert.ok(proposal.slots.length >= 2);
    for (const slot of proposal.slots) assert.ok(inBerlinDay(slot.start), `${slot.label} is outside their day`);
    assert.ok(new Set(datesOf(startsOf(proposal))).size >= 2, 'still spread over two days');
  });

  void it('falls back to the seller hours when no time fits their day', () => {
    // A Los Angeles seller's 09:00-12:00 is 02:00-05:00 in Tokyo: nothing fits their day.
    const proposal = plan({ now: '2026-11-24T08:00:00-08:00', zone: 'America/Los_Angeles', prospectTimeZone: 'Asia/Tokyo', hours: { start: '09:00', end: '12:00' } });
    assert.ok(proposal.slots.length >= 2, 'offers times anyway rather than none');
    assert.ok(proposal.slots.every((s) => DateTime.fromISO(s.start).setZone('Asia/Tokyo').hour < 8));
    assert.equal(proposal.displayTimeZone, 'Asia/Tokyo');
  });
});
