// CRM search semantics of the fake (api-contracts §1.4): filters AND inside a group, groups OR,
// the documented operators, 5 groups / 10 filters per group / 25 filters in total, page size 200,
// 10,000 results at most, and `paging` only when more results exist.
import { z } from 'zod';
import { HubspotHttpError, hubspotErrorBodies } from './responses.js';
import type { StoredObject } from './state.js';

const Filter = z.object({
  propertyName: z.string(),
  operator: z.enum([
    'EQ',
    'NEQ',
    'LT',
    'LTE',
    'GT',
    'GTE',
    'BETWEEN',
    'IN',
    'NOT_IN',
    'HAS_PROPERTY',
    'NOT_HAS_PROPERTY',
    'CONTAINS_TOKEN',
    'NOT_CONTAINS_TOKEN',
  ]),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  highValue: z.union([z.string(), z.number()]).optional(),
  values: z.array(z.union([z.string(), z.number()])).optional(),
});
type Filter = z.infer<typeof Filter>;

const Sort = z.union([
  z.string(),
  z.object({ propertyName: z.string(), direction: z.enum(['ASCENDING', 'DESCENDING']).optional() }),
]);

export const SearchRequest = z.object({
  filterGroups: z.array(z.object({ filters: z.array(Filter) })).default([]),
  properties: z.array(z.string()).optional(),
  sorts: z.array(Sort).optional(),
  query: z.string().optional(),
  limit: z.number().int().optional(),
  after: z.union([z.string(), z.number()]).optional(),
});
export type SearchRequest = z.infer<typeof SearchRequest>;

const MAX_RESULTS = 10_000;

export function checkSearchLimits(request: SearchRequest): void {
  const groups = request.filterGroups;
  const total = groups.reduce((n, g) => n + g.filters.length, 0);
  if (groups.length > 5 || groups.some((g) => g.filters.length > 10) || total > 25) {
    throw new HubspotHttpError(
      400,
      hubspotErrorBodies.validation(
        'Too many filters: at most 5 groups, 10 filters per group and 25 filters in total',
      ),
    );
  }
  const limit = request.limit ?? 10;
  if (limit < 1 || limit > 200)
    throw new HubspotHttpError(
      400,
      hubspotErrorBodies.validation(`limit must be between 1 and 200, got ${limit}`),
    );
  if (Number(request.after ?? 0) + limit > MAX_RESULTS) {
    throw new HubspotHttpError(
      400,
      hubspotErrorBodies.validation('Search can page through at most 10,000 results'),
    );
  }
}

export function matches(object: StoredObject, request: SearchRequest): boolean {
  const groups = request.filterGroups;
  const byFilters =
    groups.length === 0 || groups.some((g) => g.filters.every((f) => matchesFilter(object, f)));
  const query = request.query?.trim().toLowerCase();
  const byQuery =
    !query || Object.values(object.properties).some((v) => (v ?? '').toLowerCase().includes(query));
  return byFilters && byQuery;
}

function matchesFilter(object: StoredObject, filter: Filter): boolean {
  const actual = object.properties[filter.propertyName] ?? null;
  const has = actual !== null && actual !== '';
  const value = filter.value === undefined ? '' : String(filter.value);
  switch (filter.operator) {
    case 'HAS_PROPERTY':
      return has;
    case 'NOT_HAS_PROPERTY':
      return !has;
    case 'EQ':
      return has && same(actual, value);
    case 'NEQ':
      return !has || !same(actual, value);
    case 'IN':
      return has && (filter.values ?? []).some((v) => same(actual, String(v)));
    case 'NOT_IN':
      return !has || !(filter.values ?? []).some((v) => same(actual, String(v)));
    case 'CONTAINS_TOKEN':
      return has && tokens(actual).includes(value.toLowerCase());
    case 'NOT_CONTAINS_TOKEN':
      return !has || !tokens(actual).includes(value.toLowerCase());
    case 'BETWEEN':
      return has && compare(actual, value) >= 0 && compare(actual, String(filter.highValue ?? '')) <= 0;
    default:
      return has && compareOp(filter.operator, compare(actual, value));
  }
}

function compareOp(operator: 'LT' | 'LTE' | 'GT' | 'GTE', order: number): boolean {
  if (operator === 'LT') return order < 0;
  if (operator === 'LTE') return order <= 0;
  if (operator === 'GT') return order > 0;
  return order >= 0;
}

// String equality in HubSpot search ignores case (emails, domains).
function same(actual: string, wanted: string): boolean {
  return actual.toLowerCase() === wanted.toLowerCase();
}

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9@._-]+/)
    .filter(Boolean);
}

/** Numbers and dates compare as numbers (dates as epoch ms), everything else as text. */
function compare(a: string, b: string): number {
  const [x, y] = [asNumber(a), asNumber(b)];
  if (x !== null && y !== null) return x - y;
  return a.localeCompare(b);
}

function asNumber(text: string): number | null {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const date = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? null : date;
}

export function sortResults(objects: StoredObject[], request: SearchRequest): StoredObject[] {
  const sorts = (request.sorts ?? []).map((s) =>
    typeof s === 'string'
      ? { name: s.replace(/^-/, ''), sign: s.startsWith('-') ? -1 : 1 }
      : { name: s.propertyName, sign: s.direction === 'DESCENDING' ? -1 : 1 },
  );
  return [...objects].sort((a, b) => {
    for (const { name, sign } of sorts) {
      const order = compare(a.properties[name] ?? '', b.properties[name] ?? '');
      if (order !== 0) return sign * order;
    }
    return Number(a.id) - Number(b.id);
  });
}
