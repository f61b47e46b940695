import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { AppError } from '../../domain/errors.js';
import { expandWeeklyBusy } from './fake-calendar.js';
import { createDemoConnectors } from './index.js';
import { buildWorkspace, loadExampleWorkspace } from './test-workspace.js';

const clock = (): string => '2026-11-24T15:15:00.000Z';

describe('FakeCalendar.getBusy', () => {
  it('expands a weekly block at the same wall-clock time across the end of daylight saving time', async () => {
    // US DST ends on Sunday 2026-11-01: Monday 09:00 New York is 13:00Z before and 14:00Z after.
    const workspace = buildWorkspace((input) => {
      input.calendar = {
        timeZone: 'America/New_York',
        weeklyBusy: [{ weekday: 1, start: '09:00', end: '10:00', summary: 'Pipeline review' }],
      };
    });
    const { calendar } = createDemoConnectors(workspace, { clock });
    const busy = await calendar.getBusy('primary', {
      start: '2026-10-25T00:00:00Z',
      end: '2026-11-04T00:00:00Z',
    });
    assert.deepEqual(busy, [
      { start: '2026-10-26T13:00:00.000Z', end: '2026-10-26T14:00:00.000Z' },
      { start: '2026-11-02T14:00:00.000Z', end: '2026-11-02T15:00:00.000Z' },
    ]);
  });

  it('uses the calendar zone, not UTC, to decide the weekday', async () => {
    // Sunday 22:00 in Los Angeles is already Monday in UTC.
    const workspace = buildWorkspace((input) => {
      input.calendar = {
        timeZone: 'America/Los_Angeles',
        weeklyBusy: [{ weekday: 7, start: '22:00', end: '23:00' }],
      };
    });
    const { calendar } = createDemoConnectors(workspace, { clock });
    const busy = await calendar.getBusy('primary', {
      start: '2026-11-23T00:00:00Z',
      end: '2026-11-24T00:00:00Z',
    });
    assert.deepEqual(busy, [{ start: '2026-11-23T06:00:00.000Z', end: '2026-11-23T07:00:00.000Z' }]);
  });

  it('returns one-off blocks that overlap the range, clipped to it, merged and sorted', async () => {
    const workspace = buildWorkspace((input) => {
      input.calendar = {
        timeZone: 'America/New_York',
        busy: [
          { start: '2026-11-24T16:00:00Z', end: '2026-11-24T17:00:00Z' },
          { start: '2026-11-24T13:00:00Z', end: '2026-11-24T14:30:00Z' },
          { start: '2026-11-24T14:00:00Z', end: '2026-11-24T15:00:00Z' },
          { start: '2026-11-25T13:00:00Z', end: '2026-11-25T14:00:00Z' },
        ],
      };
    });
    const { calendar } = createDemoConnectors(workspace, { clock });
    const busy = await calendar.getBusy('primary', {
      start: '2026-11-24T14:00:00Z',
      end: '2026-11-24T16:30:00Z',
    });
    assert.deepEqual(busy, [
      { start: '2026-11-24T14:00:00.000Z', end: '2026-11-24T15:00:00.000Z' },
      { start: '2026-11-24T16:00:00.000Z', end: '2026-11-24T16:30:00.000Z' },
    ]);
  });

  it('combines weekly and one-off blocks of the example week', async () => {
    const { calendar } = createDemoConnectors(await loadExampleWorkspace(), { clock });
    // Wednesday 2026-11-25: QBR 10:00-12:00, team sync 13:00-14:00 (weekly), 1:1 14:30-15:30.
    const busy = await calendar.getBusy('alex@northwind.example', {
      start: '2026-11-25T05:00:00Z',
      end: '2026-11-26T05:00:00Z',
    });
    assert.deepEqual(busy, [
      { start: '2026-11-25T15:00:00.000Z', end: '2026-11-25T17:00:00.000Z' },
      { start: '2026-11-25T18:00:00.000Z', end: '2026-11-25T19:00:00.000Z' },
      { start: '2026-11-25T19:30:00.000Z', end: '2026-11-25T20:30:00.000Z' },
    ]);
    assert.equal(await calendar.getTimeZone(), 'America/New_York');
  });

  it('refuses an unknown calendar and an empty range', async () => {
    const { calendar } = createDemoConnectors(await loadExampleWorkspace(), { clock });
    await assert.rejects(
      calendar.getBusy('someone@else.example', {
        start: '2026-11-24T00:00:00Z',
        end: '2026-11-25T00:00:00Z',
      }),
      (e: unknown) =>
        e instanceof AppError && e.code === 'not-found' && e.message.includes('someone@else.example'),
    );
    await assert.rejects(
      calendar.getBusy('primary', { start: '2026-11-25T00:00:00Z', end: '2026-11-24T00:00:00Z' }),
      { code: 'permanent' },
    );
  });
});

describe('expandWeeklyBusy', () => {
  /** Each block on every local date from the day before the range to its last day, set by luxon. */
  function expandByLuxon(
    zone: string,
    blocks: { weekday: number; start: string; end: string }[],
    from: number,
    to: number,
  ) {
    const out: [number, number][] = [];
    const last = DateTime.fromMillis(to, { zone }).startOf('day');
    for (
      let day = DateTime.fromMillis(from, { zone }).startOf('day').minus({ days: 1 });
      day <= last;
      day = day.plus({ days: 1 })
    ) {
      for (const b of blocks.filter((x) => x.weekday === day.weekday)) {
        const at = (hhmm: string) => {
          const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
          return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
        };
        out.push([at(b.start), at(b.end)]);
      }
    }
    return out;
  }

  it('places weekly blocks as luxon does, across clock changes too', () => {
    const clock = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    const blocks = fc.array(
      fc.record({ weekday: fc.integer({ min: 1, max: 7 }), start: clock, end: clock }),
      { maxLength: 4 },
    );
    const from = fc.oneof(
      fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }),
      fc
        .tuple(
          fc
            .constantFrom('2026-03-08', '2026-11-01', '2026-03-29', '2026-10-04')
            .map((d) => Date.parse(`${d}T00:00:00Z`)),
          fc.integer({ min: -3 * 86_400_000, max: 86_400_000 }),
        )
        .map(([d, ms]) => d + ms),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(
          'America/New_York',
          'Europe/London',
          'Australia/Lord_Howe',
          'Asia/Kolkata',
          'America/Santiago',
        ),
        blocks,
        from,
        fc.integer({ min: 1, max: 10 * 86_400_000 }),
        (zone, weekly, start, length) => {
          const calendar = {
            timeZone: zone,
            busy: [],
            weeklyBusy: weekly.map((b) => ({ ...b, summary: 'x' })),
          };
          const range = [
            DateTime.fromMillis(start, { zone: 'utc' }),
            DateTime.fromMillis(start + length, { zone: 'utc' }),
          ] as const;
          assert.deepEqual(
            expandWeeklyBusy(calendar, ...range),
            expandByLuxon(zone, weekly, start, start + length),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
