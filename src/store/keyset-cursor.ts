// Opaque keyset cursors for "newest first" lists (runs, drafts): the last item's (created_at, id),
// base64url-encoded JSON. The memory and SQL stores share it, so a cursor means the same on both.
import { AppError } from '../domain/errors.js';

export interface KeysetPosition {
  /** ISO-8601 instant in UTC. */
  createdAt: string;
  id: string;
}

export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** Null for no cursor; a cursor this module did not make is a validation error, never a silent first page. */
export function decodeCursor(cursor: string | null | undefined): KeysetPosition | null {
  if (cursor === null || cursor === undefined || cursor === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || typeof id !== 'string') throw invalidCursor();
  const time = new Date(createdAt);
  if (Number.isNaN(time.getTime())) throw invalidCursor();
  return { createdAt: time.toISOString(), id };
}

/** Newest first, ties by id descending (byte order, as SQL's `COLLATE "C"`). */
export function compareNewestFirst(a: KeysetPosition, b: KeysetPosition): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  if (a.id === b.id) return 0;
  return a.id < b.id ? 1 : -1;
}

/** Is the item after the cursor position in newest-first order? */
export function isAfterCursor(item: KeysetPosition, cursor: KeysetPosition | null): boolean {
  return cursor === null || compareNewestFirst(item, cursor) > 0;
}

/** Takes one page from items already in order and past the cursor; `fetched` may hold one extra. */
export function pageOf<T>(
  fetched: T[],
  limit: number,
  positionOf: (item: T) => KeysetPosition,
): {
  items: T[];
  nextCursor: string | null;
} {
  const items = fetched.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = fetched.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null;
  return { items, nextCursor };
}

/** A whole, non-negative page size (the SQL LIMIT), capped so one request cannot read a whole table. */
export function pageLimit(limit: number, max = 500): number {
  return Number.isFinite(limit) ? Math.min(max, Math.max(0, Math.floor(limit))) : 0;
}

function invalidCursor(): AppError {
  return new AppError('validation', 'invalid cursor: pass the nextCursor of the previous page unchanged');
}
