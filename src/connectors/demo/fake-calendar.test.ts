import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../domain/errors.js';
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
