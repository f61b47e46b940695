// Property tests for planSlots: random now (2026-2028, weighted to DST-change weeks), random busy
// time in any offset, random settings. The checks use an independent oracle built on plain
// wall-clock arithmetic and Date.parse, not on the planner's own helpers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { BusyInterval } from '../ports/calendar.js';
import type { HolidaySettings, SlotSettings, WorkingHours } from '../settings.js';
import { createBusinessCalendar } from './business-calendar.js';
import { planSlots } from './plan-slots.js';
import { US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';

const ZONES = [
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
] as const;
const RUNS = 200;

// US, EU and AU clock changes 2026-2028: a third of the `now` values land within a week of one.
const DST_CHANGES = [
  '2026-03-08',
  '2026-11-01',
  '2027-03-14',
  '2027-11-07',
  '2028-03-12',
  '2028-11-05',
  '2026-03-29',
  '2026-10-25',
  '2027-03-28',
  '2027-10-31',
  '2028-03-26',
  '2028-10-29',
  '2026-04-05',
  '2026-10-04',
  '2027-04-04',
  '2027-10-03',
  '2028-04-02',
  '2028-10-01',
].map((d) => Date.parse(`${d}T12:00:00Z`));
const WEEK = 7 * 24 * 3600_000;

const nowArb = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.integer({
      min: Date.parse('2026-01-01T00:00:00Z'),
      max: Date.parse('2028-12-15T00:00:00Z'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -WEEK, max: WEEK }))
      .map(([d, o]) => d + o),
  },
);

const settingsArb: fc.Arbitrary<SlotSettings> = fc.record({
  count: fc.integer({ min: 1, max: 5 }),
  minCount: fc.integer({ min: 1, max: 5 }),
  durationMinutes: fc.constantFrom(15, 20, 30, 45, 60, 90),
  minNoticeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  lookAheadBusinessDays: fc.integer({ min: 1, max: 8 }),
  bufferMinutes: fc.integer({ min: 0, max: 60 }),
  stepMinutes: fc.constantFrom(5, 10, 15, 20, 30, 60),
  prospectDay: fc.constant({ start: '08:00', end: '18:00' }),
});

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
const hoursArb: fc.Arbitrary<WorkingHours> = fc
  .record({
    startMinutes: fc.integer({ min: 6 * 4, max: 12 * 4 }).map((q) => q * 15),
    lengthMinutes: fc.integer({ min: 2, max: 40 }).map((q) => q * 15),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  })
  .map(({ startMinutes, lengthMinutes, days }) => ({
    start: clock(startMinutes),
    end: clock(Math.min(startMinutes + lengthMinutes, 23 * 60 + 45)),
    days,
  }));

const busyArb = (now: number): fc.Arbitrary<BusyInterval[]> =>
  fc.array(
    fc
      .record({
        offsetMinutes: fc.integer({ min: -24 * 60, max: 14 * 24 * 60 }),
        lengthMinutes: fc.integer({ min: 0, max: 8 * 60 }),
        zone: fc.constantFrom('utc', 'America/Los_Angeles', 'Asia/Tokyo', 'UTC+05:45'),
        reversed: fc.boolean(),
      })
      .map(({ offsetMinutes, lengthMinutes, zone, reversed }) => {
        const start = DateTime.fromMillis(now + offsetMinutes * 60_000, { zone });
        const a = start.toISO() ?? '';
        const b = start.plus({ minutes: lengthMinutes }).toISO() ?? '';
        return reversed ? { start: b, end: a } : { start: a, end: b };
      }),
    { maxLength: 14 },
  );

const scenarioArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    now: nowArb,
    slots: settingsArb,
    hours: hoursArb,
    useUsFederal: fc.boolean(),
  })
  .chain((s) => busyArb(s.now).map((busy) => ({ ...s, busy })));

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function runPlan(s: Scenario) {
  const holidays: HolidaySettings = { useUsFederal: s.useUsFederal, extra: [], remove: [] };
  const calendar = createBusinessCalendar({ timeZone: s.zone, workingHours: s.hours, holidays });
  const nowIso = DateTime.fromMillis(s.now, { zone: s.zone }).toISO() ?? '';
  return planSlots({
    now: nowIso,
    busy: s.busy,
    calendar,
    settings: s.slots,
    prospectTimeZone: 'Europe/Berlin',
  });
}

/** The oracle's business dates: weekday in the set, not a listed holiday (when the list is on). */
function isBusinessDate(s: Scenario, date: DateTime): boolean {
  const iso = date.toISODate() ?? '';
  return (
    s.hours.days.includes(date.weekday) &&
    !(s.useUsFederal && US_FEDERAL_HOLIDAYS.some((h) => h.date === iso))
  );
}

/** The look-ahead dates, counted by walking wall-clock days from now's local date. */
function lookAheadDates(s: Scenario): string[] {
  const now = DateTime.fromMillis(s.now, { zone: s.zone });
  const endToday = now.set({
    hour: Number(s.hours.end.slice(0, 2)),
    minute: Number(s.hours.end.slice(3)),
    second: 0,
    millisecond: 0,
  });
  let day = DateTime.fromISO(now.toISODate() ?? '', { zone: 'utc' });
  if (!(isBusinessDate(s, day) && now < endToday)) day = day.plus({ days: 1 });
  const dates: string[] = [];
  for (; dates.length < s.slots.lookAheadBusinessDays; day = day.plus({ days: 1 })) {
    if (isBusinessDate(s, day)) dates.push(day.toISODate() ?? '');
  }
  return dates;
}

function assertSlotRules(s: Scenario, proposal: ReturnType<typeof runPlan>): void {
  const allowedDates = new Set(lookAheadDates(s));
  const earliest = s.now + s.slots.minNoticeMinutes * 60_000;
  const buffer = s.slots.bufferMinutes * 60_000;
  const busy = s.busy.map(
    (b) => [Date.parse(b.start), Date.parse(b.end)].sort((x, y) => x - y) as [number, number],
  );
  const [startMin, endMin] = [s.hours.start, s.hours.end].map(
    (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)),
  ) as [number, number];
  assert.ok(proposal.slots.length <= s.slots.count);
  for (const slot of proposal.slots) {
    const start = DateTime.fromISO(slot.start, { zone: s.zone });
    const end = DateTime.fromISO(slot.end, { zone: s.zone });
    const [startMs, endMs] = [Date.parse(slot.start), Date.parse(slot.end)];
    const day = DateTime.fromISO(start.toISODate() ?? '', { zone: 'utc' });
    assert.ok(isBusinessDate(s, day), `${slot.start} is not a business day`);
    assert.ok(allowedDates.has(start.toISODate() ?? ''), `${slot.start} is beyond the look-ahead`);
    assert.equal(endMs - startMs, s.slots.durationMinutes * 60_000);
    assert.ok(start.hour * 60 + start.minute >= startMin, `${slot.start} starts before working hours`);
    assert.ok(
      end.toISODate() === start.toISODate() && end.hour * 60 + end.minute <= endMin,
      `${slot.end} ends after working hours`,
    );
    assert.equal((start.hour * 60 + start.minute) % s.slots.stepMinutes, 0, `${slot.start} is off the grid`);
    assert.ok(startMs >= earliest, `${slot.start} is inside the minimum notice`);
    for (const [bs, be] of busy)
      assert.ok(!(startMs < be + buffer && endMs > bs - buffer), `${slot.start} meets busy time`);
  }
  for (let i = 1; i < proposal.slots.length; i += 1) {
    const prev = proposal.slots[i - 1]!;
    const next = proposal.slots[i]!;
    const sameDay = DateTime.fromISO(prev.start, { zone: s.zone }).hasSame(
      DateTime.fromISO(next.start, { zone: s.zone }),
      'day',
    );
    const gap = Date.parse(next.start) - Date.parse(prev.end);
    assert.ok(gap >= (sameDay ? 60 * 60_000 : 0), `${prev.start} and ${next.start} are too close`);
  }
}

void describe('planSlots properties', () => {
  for (const zone of ZONES) {
    void it(`every offered slot obeys the rules in ${zone}`, () => {
      fc.assert(
        fc.property(
          scenarioArb.map((s) => ({ ...s, zone })),
          (s) => {
            const proposal = runPlan(s);
            assertSlotRules(s, proposal);
            assert.equal(proposal.slots.length === 0, proposal.noSlotsReason !== null);
            if (proposal.slots.length > 0)
              assert.ok(proposal.slots.length >= Math.min(s.slots.minCount, s.slots.count));
          },
        ),
        { numRuns: RUNS },
      );
    });
  }

  void it('spreads over two days and offers enough whenever enough free days exist', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const proposal = runPlan(s);
        const freeDays = countFreeDays(s);
        const needed = Math.min(s.slots.minCount, s.slots.count);
        if (freeDays >= needed)
          assert.ok(
            proposal.slots.length >= needed,
            `${freeDays} free days but ${proposal.slots.length} slots`,
          );
        const days = new Set(
          proposal.slots.map((slot) => DateTime.fromISO(slot.start, { zone: s.zone }).toISODate()),
        );
        if (freeDays >= 2 && proposal.slots.length >= 2) assert.ok(days.size >= 2, 'all slots on one day');
        if (freeDays === 0) assert.deepEqual(proposal.slots, []);
      }),
      { numRuns: RUNS * 2 },
    );
  });

  void it('is deterministic', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        assert.deepEqual(runPlan(s), runPlan(s));
      }),
      { numRuns: RUNS },
    );
  });
});

/** How many look-ahead dates hold at least one free slot, by brute force over the wall-clock grid. */
function countFreeDays(s: Scenario): number {
  const earliest = s.now + s.slots.minNoticeMinutes * 60_000;
  const buffer = s.slots.bufferMinutes * 60_000;
  const duration = s.slots.durationMinutes * 60_000;
  const busy = s.busy.map(
    (b) => [Date.parse(b.start), Date.parse(b.end)].sort((x, y) => x - y) as [number, number],
  );
  const [startMin, endMin] = [s.hours.start, s.hours.end].map(
    (t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)),
  ) as [number, number];
  return lookAheadDates(s).filter((date) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number];
    for (let m = 0; m + s.slots.durationMinutes <= endMin; m += s.slots.stepMinutes) {
      if (m < startMin) continue;
      const start = DateTime.fromObject(
        { year, month, day, hour: Math.floor(m / 60), minute: m % 60 },
        { zone: s.zone },
      );
      if (start.hour * 60 + start.minute !== m) continue;
      const startMs = start.toMillis();
      if (startMs < earliest) continue;
      if (busy.every(([bs, be]) => !(startMs < be + buffer && startMs + duration > bs - buffer))) return true;
    }
    return false;
  }).length;
}
