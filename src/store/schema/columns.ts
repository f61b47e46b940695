// Column helpers shared by every table group: timestamps as ISO-ish strings (the store converts them
// to ISO-8601 at the edge) and CHECK constraints built from the domain's status lists.
import { sql, type SQL } from 'drizzle-orm';
import { timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';

/** timestamptz read as PostgreSQL's text form; `toIso` in row-mapping.ts turns it into ISO-8601. */
export function instant(name: string) {
  return timestamp(name, { withTimezone: true, mode: 'string' });
}

/** `column IN ('a', 'b')` for a CHECK constraint. Values are our own constants, never user input. */
export function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}
