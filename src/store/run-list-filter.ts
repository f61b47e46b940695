// The run list's filter semantics in one place: the SQL store turns them into WHERE clauses, the memory
// store into a predicate, and both must agree on what a search or a time window matches.
import type { RunListFilter } from '../domain/ports/run-queries.js';
import type { MemoryRun } from './memory-database.js';

/** A failure group lists at most this many run ids (its newest); `count` still counts them all. */
export const MAX_FAILURE_RUN_IDS = 100;

/** The search as a LIKE pattern (`%term%`, lower case, with % _ \ escaped); null when there is none. */
export function likePattern(search: string | undefined): string | null {
  const term = search?.trim() ?? '';
  if (term === '') return null;
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when the filter keeps every run of the tenant: no time window and no search term. */
export function selectsWholeTenant(filter: Pick<RunListFilter, 'from' | 'to' | 'search'>): boolean {
  return filter.from === undefined && filter.to === undefined && likePattern(filter.search) === null;
}

/** The memory store's version of the shared filters: created_at window and search. */
export function matchesCommonFilters(
  run: MemoryRun,
  filter: Pick<RunListFilter, 'from' | 'to' | 'search'>,
): boolean {
  const created = Date.parse(run.createdAt);
  if (filter.from !== undefined && created < Date.parse(filter.from)) return false;
  if (filter.to !== undefined && created >= Date.parse(filter.to)) return false;
  const term = filter.search?.trim().toLowerCase() ?? '';
  if (term === '') return true;
  return [run.email, run.company].some((field) => field !== null && field.toLowerCase().includes(term));
}
