// Small helpers for raw SQL through drizzle: rows out of either driver's result, PostgreSQL's
// timestamp text to ISO-8601, and JSON values in as jsonb parameters.
import type { SQL } from 'drizzle-orm';
import type { Db } from './database-handle.js';

/** node-postgres and PGlite both answer with `{ rows }`; drizzle's abstract type cannot say so. */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: Row[] }).rows;
}

/**
 * drizzle hands timestamptz over as PostgreSQL's text (`2026-11-25 10:00:00.123+00`); the ports speak
 * ISO-8601 in UTC (`2026-11-25T10:00:00.123Z`), the same string the memory stores produce.
 */
export function toIso(value: string | Date): string {
  if (value instanceof Date) return value.toISOString();
  const isoLike = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const parsed = new Date(isoLike);
  if (Number.isNaN(parsed.getTime())) throw new Error(`unexpected timestamp from the database: ${value}`);
  return parsed.toISOString();
}

export function toIsoOrNull(value: string | Date | null): string | null {
  return value === null ? null : toIso(value);
}

/** A value as a jsonb parameter (cast with `::jsonb` in the SQL). `undefined` is stored as SQL NULL. */
export function jsonParam(value: unknown): string | null {
  const text = JSON.stringify(value);
  return text === undefined ? null : text;
}

/** What a value looks like after a jsonb round trip, for the memory stores to match the database. */
export function jsonClone<T>(value: T): T | null {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as T);
}

/** Runs `fn` and hands its result, or what it threw, over as a promise (for the synchronous memory stores). */
export function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
