// The business calendar and slot planner, as the rest of the app imports them.
export type { BusinessCalendar } from './business-calendar.js';
export { COMPANY_HOLIDAY_NAME, createBusinessCalendar } from './business-calendar.js';
export { getSlotSearchWindow, planSlots } from './plan-slots.js';
export { formatSlotLabel } from './format-slot-label.js';
export { MIN_SAME_DAY_GAP_MINUTES } from './choose-slots.js';
export type { NamedHoliday } from './us-federal-holidays.js';
export { US_FEDERAL_HOLIDAYS } from './us-federal-holidays.js';
