// Plans the meeting times a first reply offers: a few free slots inside the seller's business
// calendar, labelled for the seller and for the prospect. It never reads a clock or a calendar API:
// `now` and the busy intervals come in.
import type { BusyInterval } from '../ports/calendar.js';
import type { ProposedSlot, SlotProposal } from '../results.js';
import type { SlotSettings } from '../settings.js';
import type { BusinessCalendar } from './business-calendar.js';
import { chooseSlots } from './choose-slots.js';
import type { CandidateSlot } from './find-free-slots.js';
import { findFreeSlots } from './find-free-slots.js';
import { formatSlotLabelAt } from './format-slot-label.js';
import { addMinutes, millisToIso, parseInstantMillis, toWallClock } from './zoned-time.js';
import { isValidTimeZone } from './zone-offset.js';

/**
 * The free/busy range to ask the calendar for: from now (or earlier, when the buffer reaches back
 * past the minimum notice) to the end of the last look-ahead business day plus the buffer, so every
 * busy interval that can push a slot away is inside it.
 */
export function getSlotSearchWindow(input: {
  now: string;
  calendar: BusinessCalendar;
  settings: SlotSettings;
}): { start: string; end: string } {
  const { calendar, settings } = input;
  const zone = calendar.timeZone;
  const now = parseInstantMillis(input.now, zone);
  const dates = calendar.nextBusinessDates(input.now, settings.lookAheadBusinessDays);
  const lastDate = dates[dates.length - 1];
  const lastWindow = lastDate === undefined ? null : calendar.workingWindow(lastDate);
  if (!lastWindow) throw new RangeError('the look-ahead found no business day');
  const reachBack = Math.max(0, settings.bufferMinutes - settings.minNoticeMinutes);
  const lastEnd = parseInstantMillis(lastWindow.end, zone);
  return {
    start: millisToIso(addMinutes(now, -reachBack, zone), zone),
    end: millisToIso(addMinutes(lastEnd, settings.bufferMinutes, zone), zone),
  };
}

export function planSlots(input: {
  now: string;
  busy: BusyInterval[];
  calendar: BusinessCalendar;
  settings: SlotSettings;
  /** The display zone when known; an unknown or invalid zone falls back to the seller's. */
  prospectTimeZone: string | null;
}): SlotProposal {
  const { calendar, settings } = input;
  const sellerTimeZone = calendar.timeZone;
  const displayTimeZone =
    input.prospectTimeZone !== null && isValidTimeZone(input.prospectTimeZone)
      ? input.prospectTimeZone
      : sellerTimeZone;
  const now = parseInstantMillis(input.now, sellerTimeZone);
  const free = findFreeSlots({
    dates: calendar.nextBusinessDates(input.now, settings.lookAheadBusinessDays),
    earliestStart: addMinutes(now, settings.minNoticeMinutes, sellerTimeZone),
    busy: input.busy,
    calendar,
    settings,
  });
  // minCount above count could never be met; the count is then the minimum.
  const needed = Math.min(settings.minCount, settings.count);
  const chosen = chooseForProspect(free, settings, displayTimeZone, sellerTimeZone, needed);
  const fits = chosen.length >= needed;
  return {
    slots: fits ? chosen.map((slot) => toProposedSlot(slot, sellerTimeZone, displayTimeZone)) : [],
    sellerTimeZone,
    displayTimeZone,
    noSlotsReason: fits ? null : describeShortage(chosen.length, needed, calendar, settings),
    window: getSlotSearchWindow({ now: input.now, calendar, settings }),
  };
}

/** Slots inside the prospect's own working day when their zone differs, else every free slot. */
function chooseForProspect(
  free: CandidateSlot[],
  settings: SlotSettings,
  displayTimeZone: string,
  sellerTimeZone: string,
  needed: number,
): CandidateSlot[] {
  if (displayTimeZone === sellerTimeZone) return chooseSlots(free, settings.count);
  const any = chooseSlots(free, settings.count);
  const friendly = free.filter((slot) => isInsideLocalDay(slot, displayTimeZone, settings.prospectDay));
  const preferred = chooseSlots(friendly, settings.count);
  // Their hours win, but not at the cost of too few slots or of the spread over two days.
  const spreadKept = countDays(preferred) >= Math.min(2, countDays(any));
  return preferred.length >= needed && spreadKept ? preferred : any;
}

function countDays(slots: CandidateSlot[]): number {
  return new Set(slots.map((s) => s.startDate)).size;
}

function isInsideLocalDay(slot: CandidateSlot, zone: string, day: { start: string; end: string }): boolean {
  const start = toWallClock(slot.start, zone);
  const endMinute = start.minutesOfDay + (slot.end - slot.start) / 60_000;
  return start.weekday <= 5 && start.minutesOfDay >= toMinutes(day.start) && endMinute <= toMinutes(day.end);
}

function toMinutes(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function toProposedSlot(slot: CandidateSlot, sellerTimeZone: string, displayTimeZone: string): ProposedSlot {
  return {
    start: millisToIso(slot.start, sellerTimeZone),
    end: millisToIso(slot.end, sellerTimeZone),
    sellerLabel: formatSlotLabelAt(slot.start, sellerTimeZone),
    label: formatSlotLabelAt(slot.start, displayTimeZone),
  };
}

function describeShortage(
  found: number,
  needed: number,
  calendar: BusinessCalendar,
  settings: SlotSettings,
): string {
  const days = settings.lookAheadBusinessDays;
  const scope =
    `in the next ${days} business ${days === 1 ? 'day' : 'days'} between ` +
    `${calendar.workingHours.start} and ${calendar.workingHours.end} ${calendar.timeZone}`;
  const duration = `${settings.durationMinutes}-minute`;
  if (found === 0) return `No free ${duration} slot ${scope}`;
  return `Only ${found} free ${duration} ${found === 1 ? 'slot' : 'slots'} ${scope}; at least ${needed} are needed to offer times`;
}
