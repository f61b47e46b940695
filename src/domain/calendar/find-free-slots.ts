// Every free candidate slot on the given business dates: aligned to the step grid in the seller's
// zone, inside working hours, after the minimum notice, clear of busy time plus buffer.
// It does not choose among them; choose-slots does.
import type { DateTime } from 'luxon';
import type { BusyInterval } from '../ports/calendar.js';
import type { SlotSettings } from '../settings.js';
import type { BusinessCalendar } from './business-calendar.js';
import { atWallClock, toZoned } from './plain-date.js';

export interface CandidateSlot {
  start: DateTime;
  end: DateTime;
  /** The seller-zone date (YYYY-MM-DD). */
  date: string;
  /** Before 12:00 seller time. */
  isMorning: boolean;
}

interface MillisRange {
  start: number;
  end: number;
}

export function findFreeSlots(input: {
  dates: readonly string[];
  earliestStart: DateTime;
  busy: readonly BusyInterval[];
  calendar: BusinessCalendar;
  settings: SlotSettings;
}): CandidateSlot[] {
  const blocked = toBlockedRanges(input.busy, input.settings.bufferMinutes, input.calendar.timeZone);
  const earliest = input.earliestStart.toMillis();
  return input.dates
    .flatMap((date) => listAlignedSlots(date, input.calendar, input.settings))
    .filter((slot) => slot.start.toMillis() >= earliest)
    .filter((slot) => !blocked.some((range) => overlaps(slot, range)));
}

/** Aligned slots inside one date's working window, in order. */
function listAlignedSlots(date: string, calendar: BusinessCalendar, settings: SlotSettings): CandidateSlot[] {
  const window = calendar.workingWindow(date);
  if (!window) return [];
  const zone = calendar.timeZone;
  const windowStart = toZoned(window.start, zone);
  const windowEnd = toZoned(window.end, zone);
  const { stepMinutes, durationMinutes } = settings;
  const firstMinute = Math.ceil((windowStart.hour * 60 + windowStart.minute) / stepMinutes) * stepMinutes;
  const slots: CandidateSlot[] = [];
  for (let minute = firstMinute; minute < 24 * 60; minute += stepMinutes) {
    const start = atWallClock(date, minute, zone);
    // A wall time skipped by a DST jump comes back moved; it is not on the grid, so it is no slot.
    if (start.hour * 60 + start.minute !== minute) continue;
    if (start >= windowEnd) break;
    const end = start.plus({ minutes: durationMinutes });
    if (start < windowStart || end > windowEnd) continue;
    slots.push({ start, end, date, isMorning: start.hour < 12 });
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
    return toZoned(instant, zone).toMillis();
  } catch {
    return null;
  }
}

function overlaps(slot: CandidateSlot, range: MillisRange): boolean {
  return slot.start.toMillis() < range.end && slot.end.toMillis() > range.start;
}
