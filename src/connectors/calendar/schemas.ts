// Zod shapes for the Calendar responses we read: freebusy.query (per-calendar errors inside a
// 200, api-contracts.md 5.1) and the time-zone setting (5.3).
import { z } from 'zod';

export const FreeBusyCalendar = z.object({
  busy: z.array(z.object({ start: z.string(), end: z.string() })).default([]),
  errors: z.array(z.object({ domain: z.string().optional(), reason: z.string() })).optional(),
});
export type FreeBusyCalendar = z.infer<typeof FreeBusyCalendar>;

export const FreeBusyResponse = z.object({ calendars: z.record(z.string(), FreeBusyCalendar).default({}) });
export type FreeBusyResponse = z.infer<typeof FreeBusyResponse>;

export const Setting = z.object({ id: z.string(), value: z.string() });
