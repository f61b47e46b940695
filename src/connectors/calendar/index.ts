// The Google Calendar connector: the calendar port on the Calendar API. The factory is the only export.
export { createGoogleCalendar } from './create-google-calendar.js';
export type { GoogleCalendarOptions } from './create-google-calendar.js';
