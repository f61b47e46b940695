// The calendar port on Google Calendar: busy intervals from freebusy.query and the seller's zone
// from the time-zone setting. It does not plan slots; the domain does.
import { PermanentError } from '../../domain/errors.js';
import type { BusyInterval, CalendarPort } from '../../domain/ports/calendar.js';
import { createGoogleCallRunner, type GoogleAuthClient, type RateLimiter } from '../google-auth/index.js';
import { createCalendarClient } from './client.js';
import { calendarErrorOf, mapBusy, pickCalendar, toInstant } from './mapping.js';

export interface GoogleCalendarOptions {
  auth: GoogleAuthClient;
  rootUrl?: string;
  limiter: RateLimiter;
  tenantId: string;
  timeoutMs?: number;
}

export function createGoogleCalendar(options: GoogleCalendarOptions): CalendarPort {
  const runner = createGoogleCallRunner({ system: 'Calendar', limiter: options.limiter, limiterKey: `calendar:${options.tenantId}`, tenantId: options.tenantId });
  const client = createCalendarClient({ ...options, runner, timeoutMs: options.timeoutMs ?? 30_000 });
  return {
    async getBusy(calendarId, range): Promise<BusyInterval[]> {
      const [timeMin, timeMax] = [toInstant(range.start), toInstant(range.end)];
      // Google answers an empty or reversed range with 400 timeRangeEmpty; nothing can be busy in it.
      if (timeMin >= timeMax) return [];
      const response = await client.queryFreeBusy(calendarId, timeMin, timeMax);
      const entry = pickCalendar(response, calendarId);
      const error = calendarErrorOf(entry, calendarId, options.tenantId);
      if (error !== null || entry === undefined) throw error ?? new PermanentError(`Calendar freebusy.query for ${calendarId}: no entry`);
      return mapBusy(entry);
    },
    async getTimeZone(): Promise<string> {
      return (await client.getSetting('timezone')).value;
    },
  };
}
