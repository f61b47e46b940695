// The calendar port (Google Calendar in production): free/busy and the seller's zone.

export interface BusyInterval {
  /** ISO instants; start inclusive, end exclusive. */
  start: string;
  end: string;
}

export interface CalendarPort {
  getBusy(calendarId: string, range: { start: string; end: string }): Promise<BusyInterval[]>;
  getTimeZone(): Promise<string>;
}
