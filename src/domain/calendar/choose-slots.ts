// Picks the few slots to offer from the free candidates: earliest first, spread over at least two
// days, a morning and an afternoon when possible, never back to back on one day. Pure and
// deterministic: the same candidates always give the same choice.
import type { CandidateSlot } from './find-free-slots.js';

/** Two slots on the same day keep at least this much free time between them. */
export const MIN_SAME_DAY_GAP_MINUTES = 60;

/**
 * Greedy choice, one slot at a time, by this preference: (1) a day that holds fewer than half the
 * slots (so the offer spans two days or more when the calendar allows); (2) the half of the day
 * (morning/afternoon) chosen less so far; (3) the earliest start. Returned in start order.
 */
export function chooseSlots(candidates: readonly CandidateSlot[], count: number): CandidateSlot[] {
  const perDayCap = Math.ceil(count / 2);
  const chosen: CandidateSlot[] = [];
  while (chosen.length < count) {
    let best: { slot: CandidateSlot; key: number[] } | null = null;
    for (const slot of candidates) {
      if (!isCompatible(slot, chosen)) continue;
      const key = preferenceKey(slot, chosen, perDayCap);
      if (best === null || isLess(key, best.key)) best = { slot, key };
    }
    if (best === null) break;
    chosen.push(best.slot);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

function isCompatible(slot: CandidateSlot, chosen: readonly CandidateSlot[]): boolean {
  const gap = MIN_SAME_DAY_GAP_MINUTES * 60_000;
  return chosen.every((other) => {
    const required = other.date === slot.date ? gap : 0;
    return slot.start >= other.end + required || other.start >= slot.end + required;
  });
}

function preferenceKey(slot: CandidateSlot, chosen: readonly CandidateSlot[], perDayCap: number): number[] {
  const sameDay = chosen.filter((other) => other.date === slot.date).length;
  const sameHalf = chosen.filter((other) => other.isMorning === slot.isMorning).length;
  const otherHalf = chosen.length - sameHalf;
  return [sameDay >= perDayCap ? 1 : 0, sameHalf > otherHalf ? 1 : 0, slot.start];
}

function isLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
