// Named prepared statements for the PostgreSQL engine: a node-postgres Client that gives every
// statement with parameters a name derived from its text, so each pooled connection parses a statement
// once and PostgreSQL's plan cache can reuse its plan instead of planning every execution (the
// checkpoint batches cost more to plan than to run; docs/decisions/0006-store-throughput.md). Every SQL
// text in this codebase is a template, so the set of names is small; a connection still prepares at
// most MAX_PREPARED_PER_CONNECTION of them and sends the rest unnamed, as before. It knows nothing of
// the statements themselves.
import { createHash } from 'node:crypto';
import pg from 'pg';

export const MAX_PREPARED_PER_CONNECTION = 256;

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  submit?: unknown;
}

/** The statement name for a SQL text: stable across processes, so logs and pg_prepared_statements agree. */
export function preparedStatementName(text: string): string {
  return `sa_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

export class PreparingClient extends pg.Client {
  readonly #names = new Map<string, string>();

  override query(...args: unknown[]): never {
    const [config, values] = args;
    // Only statements with parameters: the others (migrations, scripts) may hold several commands,
    // which PostgreSQL runs only as a simple query, never as a prepared statement.
    if (isNameable(config) && hasParameters(config, values)) {
      const name = this.#nameFor(config.text);
      if (name !== null) args[0] = { ...config, name };
    }
    // pg's overloads cannot be forwarded one by one: the arguments go through as given.
    return (super.query as (...a: unknown[]) => never)(...args);
  }

  #nameFor(text: string): string | null {
    const known = this.#names.get(text);
    if (known !== undefined) return known;
    if (this.#names.size >= MAX_PREPARED_PER_CONNECTION) return null;
    const name = preparedStatementName(text);
    this.#names.set(text, name);
    return name;
  }
}

function hasParameters(config: QueryConfigLike, values: unknown): boolean {
  const given = Array.isArray(values) ? values : (config as { values?: unknown }).values;
  return Array.isArray(given) && given.length > 0;
}

/** A config object with SQL text and no name of its own (not a string, not a Query or cursor object). */
function isNameable(config: unknown): config is QueryConfigLike & { text: string } {
  if (typeof config !== 'object' || config === null) return false;
  const c = config as QueryConfigLike;
  return typeof c.text === 'string' && c.name === undefined && typeof c.submit !== 'function';
}
