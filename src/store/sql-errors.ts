// What a failed statement tells about retrying its items: the SQLSTATE the server answered, if any.
// Knows nothing of the statements.

/**
 * SQLSTATE classes after which the statement rolled back because of what some item holds (22 data,
 * 23 integrity, 40 deadlock or serialization, 54 too large), not because the database is unusable: the
 * items can be tried again in smaller groups. Any other failure (connection, shutdown, permissions) may
 * have an unknown outcome or fail again whatever the grouping, and fails the whole call.
 */
const ITEM_FAILURE_CLASSES = new Set(['22', '23', '40', '54']);

/** The SQLSTATE of a server error, looking through wrappers (drizzle's query error keeps pg's as cause). */
export function sqlState(error: unknown): string | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** True when the server rolled the statement back because of its data: smaller groups may succeed. */
export function isItemFailure(error: unknown): boolean {
  const state = sqlState(error);
  return state !== null && ITEM_FAILURE_CLASSES.has(state.slice(0, 2));
}
