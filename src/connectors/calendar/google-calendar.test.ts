// Contract tests of the Calendar adapter against the fake Calendar: busy times as instants,
// per-calendar errors inside a 200, the time-zone setting and error classification.
import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import type { CalendarPort } from '../../domain/ports/calendar.js';
import { createFakeGoogleAuth, createRecordingLimiter } from '../../../test/fake-servers/google/fake-google-auth.js';
import { startFakeGoogle, type FakeGoogle } from '../../../test/fake-servers/google/start-fake-google.js';
import { createGoogleCalendar } from './index.js';

const RANGE = { start: '2026-03-02T00:00:00Z', end: '2026-03-07T00:00:00Z' };

describe('Google Calendar adapter', () => {
  let fake: FakeGoogle;
  let calendar: CalendarPort;
  const fakes: FakeGoogle[] = [];

  beforeEach(async () => {
    fake = await startFakeGoogle({ userEmail: 'rep@ourco.example' });
    fakes.push(fake);
    calendar = createGoogleCalendar({ auth: createFakeGoogleAuth(fake), rootUrl: fake.url, limiter: createRecordingLimiter(), tenantId: 't1' });
  });
  after(async () => {
    for (const f of fakes) await f.close();
  });

  it('returns busy intervals inside the range as UTC instants, clipped and sorted', async () => {
    fake.seed.busy('rep@ourco.example', [
      { start: '2026-03-03T14:00:00Z', end: '2026-03-03T15:00:00Z' },
      { start: '2026-03-01T22:00:00Z', end: '2026-03-02T01:00:00Z' },
      { start: '2026-03-10T10:00:00Z', end: '2026-03-10T11:00:00Z' },
    ]);
    assert.deepEqual(await calendar.getBusy('primary', RANGE), [
      { start: '2026-03-02T00:00:00.000Z', end: '2026-03-02T01:00:00.000Z' },
      { start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T15:00:00.000Z' },
    ]);
    const body = fake.calls.find((c) => c.path === '/calendar/v3/freeBusy')!.body as Record<string, unknown>;
    assert.deepEqual(body.items, [{ id: 'primary' }]);
    assert.equal(body.timeMin, '2026-03-02T00:00:00.000Z');
  });

  it('reads times written with an offset as instants', async () => {
    fake.faults.failNext('/calendar/v3/freeBusy', {
      status: 200,
      body: { kind: 'calendar#freeBusy', calendars: { primary: { busy: [{ start: '2026-03-03T09:00:00-05:00', end: '2026-03-03T10:00:00-05:00' }] } } },
    });
    assert.deepEqual(await calendar.getBusy('primary', RANGE), [{ start: '2026-03-03T14:00:00.000Z', end: '2026-03-03T15:00:00.000Z' }]);
  });

  it('turns a per-calendar notFound into PermanentError naming the calendar, internalError into TransientError', async () => {
    await assert.rejects(calendar.getBusy('nobody@ourco.example', RANGE), (error: Error) => {
      assert.equal(error.name, 'PermanentError');
      assert.match(error.message, /nobody@ourco\.example/);
      return true;
    });
    fake.seed.calendarError('flaky@ourco.example', 'internalError');
    await assert.rejects(calendar.getBusy('flaky@ourco.example', RANGE), { name: 'TransientError' });
  });

  it('answers an empty range without asking Google', async () => {
    assert.deepEqual(await calendar.getBusy('primary', { start: RANGE.end, end: RANGE.start }), []);
    assert.equal(fake.calls.filter((c) => c.path === '/calendar/v3/freeBusy').length, 0);
  });

  it('reads the user time zone setting', async () => {
    fake.state.timeZone = 'Europe/Paris';
    assert.equal(await calendar.getTimeZone(), 'Europe/Paris');
  });

  it('classifies 429 with Retry-After and 503', async () => {
    fake.faults.failNext('/settings/timezone', { status: 429, headers: { 'retry-after': '12' }, body: { error: { code: 429, message: 'Rate Limit Exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    await assert.rejects(calendar.getTimeZone(), { name: 'RateLimitedError', retryAfterMs: 12_000 });
    fake.faults.failNext('/calendar/v3/freeBusy', { status: 503, body: { error: { code: 503, message: 'Backend Error', errors: [{ reason: 'backendError' }] } } });
    await assert.rejects(calendar.getBusy('primary', RANGE), { name: 'TransientError' });
  });
});
