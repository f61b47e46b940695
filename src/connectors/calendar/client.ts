// One method per Calendar endpoint we call, through the call runner and parsed with zod. gaxios'
// own retries are off; see the Gmail client for why.
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import type { GoogleClientOptions } from '../google-auth/index.js';
import { toGoogleApiOptions } from '../google-auth/index.js';
import { FreeBusyResponse, Setting } from './schemas.js';

export type CalendarClientOptions = GoogleClientOptions;

export type CalendarClient = ReturnType<typeof createCalendarClient>;

export function createCalendarClient(options: CalendarClientOptions) {
  const api: calendar_v3.Calendar = calendar({
    version: 'v3',
    ...toGoogleApiOptions(options),
  });
  return {
    queryFreeBusy: (calendarId: string, timeMin: string, timeMax: string) =>
      options.runner.run('freebusy.query', calendarId, async () =>
        FreeBusyResponse.parse((await api.freebusy.query({ requestBody: { timeMin, timeMax, timeZone: 'UTC', items: [{ id: calendarId }] } })).data),
      ),
    getSetting: (setting: string) =>
      options.runner.run('settings.get', setting, async () => Setting.parse((await api.settings.get({ setting })).data)),
  };
}
