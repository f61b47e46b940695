// Every free candidate slot on the given business dates: aligned to the step grid in the seller's
// zone, inside working hours, after the minimum notice, clear of busy time plus buffer.
// It does not choose among them; choose-slots does.
import type { BusyInterval } from '../ports/calendar.js';
import type { SlotSettings } from '../settings.js';
import type { BusinessCalendar } from './business-calendar.js';
import { atWallClock, toPlainDate, toPlainDateMillis, toZoned } from './plain-date.js';
import { parseInstantMillis } from './zoned-time.js';
import { findSteadyDayOffset } from './zone-offset.js';

/** A free slot as epoch milliseconds: the planner compares hundreds of these, and labels only a few. */
export interface CandidateSlot {
  start: number;
  end: number;
  /** The seller-zone date (YYYY-MM-DD) whose grid the slot is on. */
  date: string;
  /** The seller-zone date the start falls on; differs from `date` only if a clock change moved it a day. */
  startDate: string;
  /** Before 12:00 seller time. */
  isMorning: boolean;
}

interface MillisRange {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;

export function findFreeSlots(input: {
  dates: readonly string[];
  /** Epoch milliseconds. */
  earliestStart: number;
  busy: readonly BusyInterval[];
  calendar: BusinessCalendar;
  settings: SlotSettings;
}): CandidateSlot[] {
  const blocked = toBlockedRanges(input.busy, input.settings.bufferMinutes, input.calendar.timeZone);
  const earliest = input.earliestStart;
  return input.dates
    .flatMap((date) => listAlignedSlots(date, input.calendar, input.settings))
    .filter((slot) => slot.start >= earliest)
    .filter((slot) => !blocked.some((range) => overlaps(slot, range)));
}

/** Aligned slots inside one date's working window, in order. */
function listAlignedSlots(date: string, calendar: BusinessCalendar, settings: SlotSettings): CandidateSlot[] {
  const dayMillis = toPlainDateMillis(date);
  const offset = dayMillis === null ? null : findSteadyDayOffset(calendar.timeZone, dayMillis);
  if (dayMillis === null || offset === null) return listAlignedSlotsNearClockChange(date, calendar, settings);
  const window = calendar.workingWindowMillis(date);
  if (!window) return [];
  // No clock change near this date: wall minute m is the instant dayMillis + (m - offset) minutes.
  const { stepMinutes, durationMinutes } = settings;
  const windowStartMinute = (window.start - dayMillis) / MINUTE + offset;
  const firstMinute = Math.ceil(windowStartMinute / stepMinutes) * stepMinutes;
  const slots: CandidateSlot[] = [];
  for (let minute = firstMinute; minute < MINUTES_PER_DAY; minute += stepMinutes) {
    const start = dayMillis + (minute - offset) * MINUTE;
    if (start >= window.end) break;
    const end = start + durationMinutes * MINUTE;
    if (start < window.start || end > window.end) continue;
    slots.push({ start, end, date, startDate: date, isMorning: minute < 12 * 60 });
  }
  return slots;
}

/** The same grid walked with luxon, which resolves wall times a clock change skips or repeats. */
function listAlignedSlotsNearClockChange(
  date: string,
  calendar: BusinessCalendar,
  settings: SlotSettings,
): CandidateSlot[] {
  const window = calendar.workingWindow(date);
  if (!window) return [];
  const zone = calendar.timeZone;
  const windowStart = toZoned(window.start, zone);
  const windowEnd = toZoned(window.end, zone);
  const { stepMinutes, durationMinutes } = settings;
  const firstMinute = Math.ceil((windowStart.hour * 60 + windowStart.minute) / stepMinutes) * stepMinutes;
  const slots: CandidateSlot[] = [];
  for (let minute = firstMinute; minute < MINUTES_PER_DAY; minute += stepMinutes) {
    const start = atWallClock(date, minute, zone);
    // A wall time skipped by a DST jump comes back moved; it is not on the grid, so it is no slot.
    if (start.hour * 60 + start.minute !== minute) continue;
    if (start >= windowEnd) break;
    const end = start.plus({ minutes: durationMinutes });
    if (start < windowStart || end > windowEnd) continue;
    slots.push({
      start: start.toMillis(),
      end: end.toMillis(),
      date,
      startDate: toPlainDate(start),
      isMorning: start.hour < 12,
    });
  }
  return slots;
}

/**
 * Busy intervals widened by the buffer, as millisecond ranges. Any offset is accepted; a reversed
 * interval is read the right way round, and text that is no instant is skipped (nothing to block).
 */
function toBlockedRanges(busy: readonly BusyInterval[], bufferMinutes: number, zone: string): MillisRange[] {
  const buffer = bufferMinutes * 60_000;
  const ranges: MillisRange[] = [];
  for (const interval of busy) {
    const start = tryMillis(interval.start, zone);
    const end = tryMillis(interval.end, zone);
    if (start === null || end === null) continue;
    ranges.push({ start: Math.min(start, end) - buffer, end: Math.max(start, end) + buffer });
  }
  return ranges;
}

function tryMillis(instant: string, zone: string): number | null {
  try {
    return parseInstantMillis(instant, zone);
  } catch {
    return null;
  }
}

function overlaps(slot: CandidateSlot, range: MillisRange): boolean {
  return slot.start < range.end && slot.end > range.start;
}
