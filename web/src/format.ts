// Display helpers: instants in the viewer's zone, durations, and short ids.

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function formatInstant(iso: string | null): string {
  if (iso === null) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatTime(iso: string | null): string {
  return iso === null ? '—' : timeOnly.format(new Date(iso));
}

export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** From creation to finish, or to now while the run is still going. */
export function runDuration(createdAt: string, finishedAt: string | null, nowMs: number): number {
  return (finishedAt === null ? nowMs : Date.parse(finishedAt)) - Date.parse(createdAt);
}

export function shortId(id: string): string {
  return id.length > 10 ? id.slice(0, 8) : id;
}

export function humanize(kebab: string): string {
  const text = kebab.replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
