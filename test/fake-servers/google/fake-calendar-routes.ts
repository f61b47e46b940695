// Calendar v3 for the fake: freebusy.query (busy clipped to the range and written in the requested
// zone with its offset, per-calendar errors inside the 200) and the user's time-zone setting.
import { DateTime } from 'luxon';
import type { FakeGoogleState } from './fake-google-state.js';
import { googleError, ok } from './google-error.js';
import { bodyObject, type FakeRequest, type FakeResponse, type RouteTable } from './fake-request.js';

function formatIn(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

function calendarEntry(state: FakeGoogleState, id: string, min: number, max: number, zone: string): Record<string, unknown> {
  const error = state.calendarErrors.get(id);
  if (error !== undefined) return { errors: [{ domain: 'global', reason: error }], busy: [] };
  const key = id === 'primary' ? state.userEmail : id;
  const ranges = state.busy.get(key) ?? state.busy.get(id);
  if (ranges === undefined) return { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
  const busy = ranges
    .map((r) => ({ start: Math.max(Date.parse(r.start), min), end: Math.min(Date.parse(r.end), max) }))
    .filter((r) => r.start < r.end)
    .sort((a, b) => a.start - b.start)
    .map((r) => ({ start: formatIn(r.start, zone), end: formatIn(r.end, zone) }));
  return { busy };
}

function freeBusy(state: FakeGoogleState, request: FakeRequest): FakeResponse {
  const body = bodyObject(request.body);
  for (const name of ['timeMin', 'timeMax'] as const) {
    if (typeof body[name] !== 'string') return googleError(400, `Missing ${name} parameter.`, 'required', 'global', { location: name, locationType: 'parameter' });
  }
  const min = Date.parse(body.timeMin as string);
  const max = Date.parse(body.timeMax as string);
  if (Number.isNaN(min) || Number.isNaN(max)) return googleError(400, 'Bad Request', 'badRequest');
  if (max <= min) return googleError(400, 'The specified time range is empty.', 'timeRangeEmpty', 'calendar', { location: 'timeMax', locationType: 'parameter' });
  const zone = typeof body.timeZone === 'string' ? body.timeZone : 'UTC';
  if (!DateTime.local().setZone(zone).isValid) return googleError(400, 'Invalid time zone', 'invalid');
  const items = Array.isArray(body.items) ? body.items.map((i) => bodyObject(i).id).filter((id): id is string => typeof id === 'string') : [];
  if (items.length > 50) return googleError(400, 'Too many calendars requested', 'tooManyCalendarsRequested');
  const calendars: Record<string, unknown> = {};
  for (const id of items) calendars[id] = calendarEntry(state, id, min, max, zone);
  return ok({ kind: 'calendar#freeBusy', timeMin: new Date(min).toISOString(), timeMax: new Date(max).toISOString(), calendars });
}

export function calendarRoutes(state: FakeGoogleState): RouteTable[] {
  return [
    { method: 'POST', pattern: /^\/calendar\/v3\/freeBusy$/, handle: (request) => freeBusy(state, request) },
    {
      method: 'GET',
      pattern: /^\/calendar\/v3\/users\/me\/settings\/timezone$/,
      handle: () => ok({ kind: 'calendar#setting', etag: '"fake-etag"', id: 'timezone', value: state.timeZone }),
    },
  ];
}
