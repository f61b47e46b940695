// Applies the tenant's field mapping: each raw name, matched case-insensitively and trimmed, becomes
// a Lead field or a custom field. It does not validate values; normalize-lead-fields.ts does.
import type { FieldProblem } from '../errors.js';
import type { FieldMapping } from '../settings.js';
import { describeKind, quote } from './json-value.js';
import { LEAD_FIELD_KEYS, type LeadFieldKey, type RawField } from './extract-raw-lead.js';

export interface MappedFields {
  /** Untrimmed text per Lead field; null when no field supplied a non-blank value. */
  values: Record<LeadFieldKey, string | null>;
  custom: Record<string, string>;
  problems: FieldProblem[];
}

// Multi-select values are `;`-joined, as HubSpot itself stores checkbox properties.
const MULTI_VALUE_SEPARATOR = ';';

type Text = { ok: true; text: string | null } | { ok: false };

function toText(value: unknown): Text {
  if (value === undefined || value === null) return { ok: true, text: null };
  if (typeof value === 'string') return { ok: true, text: value };
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return { ok: true, text: String(value) };
  }
  if (Array.isArray(value)) {
    const parts = value.map(toText);
    if (!parts.every((part) => part.ok)) return { ok: false };
    const texts = parts
      .map((part) => (part.ok ? part.text : null))
      .filter((t): t is string => t !== null && t.trim() !== '');
    return { ok: true, text: texts.join(MULTI_VALUE_SEPARATOR) };
  }
  return { ok: false };
}

/** Custom fields keep nested data as JSON rather than dropping it. */
function toCustomText(value: unknown): string {
  const text = toText(value);
  if (text.ok) return text.text ?? '';
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

type AliasIndex = Map<string, { key: LeadFieldKey; rank: number }>;

/**
 * Per mapping object: a tenant's settings are cached, so every lead of a tenant shares one index. Settings
 * are replaced, never edited in place, so a mapping object never changes under its index.
 */
const aliasIndexes = new WeakMap<FieldMapping, AliasIndex>();

function aliasIndexOf(mapping: FieldMapping): AliasIndex {
  let index = aliasIndexes.get(mapping);
  if (index === undefined) {
    index = buildAliasIndex(mapping);
    aliasIndexes.set(mapping, index);
  }
  return index;
}

function buildAliasIndex(mapping: FieldMapping): AliasIndex {
  const index = new Map<string, { key: LeadFieldKey; rank: number }>();
  for (const key of LEAD_FIELD_KEYS) {
    mapping[key].forEach((alias, rank) => {
      const normal = alias.trim().toLowerCase();
      // An alias listed under two fields belongs to the first in Lead order: deterministic, not last-wins.
      if (normal !== '' && !index.has(normal)) index.set(normal, { key, rank });
    });
  }
  return index;
}

interface Candidate {
  name: string;
  text: string;
  rank: number;
}

function appendTo(map: Map<string, string>, name: string, text: string): void {
  const existing = map.get(name);
  map.set(name, existing === undefined ? text : `${existing}${MULTI_VALUE_SEPARATOR}${text}`);
}

interface Collected {
  candidates: Map<LeadFieldKey, Map<string, Candidate>>;
  custom: Map<string, string>;
  problems: FieldProblem[];
}

function collectField(
  field: RawField,
  target: { key: LeadFieldKey; rank: number } | undefined,
  into: Collected,
): void {
  if (target === undefined) {
    const text = toCustomText(field.value);
    if (text.trim() !== '') appendTo(into.custom, field.name, text);
    return;
  }
  const text = toText(field.value);
  if (!text.ok) {
    into.problems.push({
      field: target.key,
      reason: `expected text in ${quote(field.name)}, got ${describeKind(field.value)}`,
    });
    return;
  }
  if (text.text === null || text.text.trim() === '') return;
  const byName = into.candidates.get(target.key) ?? new Map<string, Candidate>();
  const same = byName.get(field.name);
  const joined = same === undefined ? text.text : `${same.text}${MULTI_VALUE_SEPARATOR}${text.text}`;
  byName.set(field.name, { name: field.name, text: joined, rank: target.rank });
  into.candidates.set(target.key, byName);
}

/**
 * When several names feed one Lead field, the best-ranked non-blank one wins (a key our own JSON
 * names outright, then the mapping's order); the others go to `custom` so nothing is lost.
 */
export function mapFields(fields: readonly RawField[], mapping: FieldMapping): MappedFields {
  const aliases = aliasIndexOf(mapping);
  const collected: Collected = { candidates: new Map(), custom: new Map(), problems: [] };
  for (const field of fields) {
    const target =
      field.route === 'custom'
        ? undefined
        : field.route !== undefined
          ? { key: field.route, rank: -1 }
          : aliases.get(field.name.toLowerCase());
    collectField(field, target, collected);
  }
  const values = Object.fromEntries(LEAD_FIELD_KEYS.map((key) => [key, null])) as Record<
    LeadFieldKey,
    string | null
  >;
  for (const [key, byName] of collected.candidates) {
    // Array.prototype.sort is stable, so equal ranks keep payload order.
    const [winner, ...others] = [...byName.values()].sort((a, b) => a.rank - b.rank);
    values[key] = winner?.text ?? null;
    for (const other of others) appendTo(collected.custom, other.name, other.text);
  }
  return { values, custom: Object.fromEntries(collected.custom), problems: collected.problems };
}
