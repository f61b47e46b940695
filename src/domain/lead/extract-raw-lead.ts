// Pulls the named fields and the envelope out of each inbound shape, unmapped and unvalidated.
// It knows where each shape keeps its fields; which Lead field a name means is map-fields.ts's job.
import type { FieldProblem } from '../errors.js';
import type { LeadSourceKind } from '../lead.js';
import type { FieldMapping } from '../settings.js';
import { describeKind, getOwn, isPlainObject, type JsonObject } from './json-value.js';
import { isEnvelopeKey, readEnvelope, type Envelope, type EnvelopeSource } from './read-envelope.js';

export type LeadFieldKey = keyof FieldMapping;

export const LEAD_FIELD_KEYS: readonly LeadFieldKey[] = [
  'email',
  'firstName',
  'lastName',
  'company',
  'jobTitle',
  'phone',
  'message',
  'timeZone',
];

export interface RawField {
  /** The name as the payload spelled it, trimmed. */
  name: string;
  value: unknown;
  /** Set when the shape itself says where the value goes (our own JSON); otherwise the mapping decides. */
  route?: LeadFieldKey | 'custom';
}

export interface RawLead {
  fields: RawField[];
  envelope: Envelope;
  problems: FieldProblem[];
}

// HubSpot may prefix a field with its object type (`0-1/email` for a contact property).
const OBJECT_TYPE_PREFIX = /^\d+-\d+\//;

/** `[{ name, value }]` as in `fieldValues` (form webhook) and `values` (Forms API). */
function readNameValueList(list: unknown, key: string, problems: FieldProblem[]): RawField[] {
  if (!Array.isArray(list)) {
    problems.push({ field: key, reason: `expected an array of { name, value }, got ${describeKind(list)}` });
    return [];
  }
  const fields: RawField[] = [];
  list.forEach((item: unknown, index) => {
    const name = isPlainObject(item) ? getOwn(item, 'name') : undefined;
    if (!isPlainObject(item) || typeof name !== 'string' || name.trim() === '') {
      problems.push({ field: `${key}[${index}]`, reason: 'expected { name, value } with a non-empty name' });
      return;
    }
    fields.push({ name: name.trim().replace(OBJECT_TYPE_PREFIX, ''), value: getOwn(item, 'value') });
  });
  return fields;
}

/** Top-level keys as fields, leaving out the envelope (and any keys the caller handles itself). */
function readTopLevelFields(payload: JsonObject, skip: ReadonlySet<string> = new Set()): RawField[] {
  return Object.entries(payload)
    .filter(([key]) => key.trim() !== '' && !isEnvelopeKey(key) && !skip.has(key))
    .map(([key, value]) => ({ name: key.trim(), value }));
}

function withEnvelope(fields: RawField[], problems: FieldProblem[], sources: EnvelopeSource[]): RawLead {
  const read = readEnvelope(sources);
  return { fields, envelope: read.envelope, problems: [...problems, ...read.problems] };
}

function extractListShape(payload: JsonObject, key: 'fieldValues' | 'values'): RawLead {
  const problems: FieldProblem[] = [];
  const fields = readNameValueList(getOwn(payload, key), key, problems);
  return withEnvelope(fields, problems, [{ object: payload, path: '' }]);
}

/** The submission with the highest timestamp; the first one when none has a usable timestamp. */
function findNewestSubmission(list: unknown, problems: FieldProblem[]): EnvelopeSource | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) {
    problems.push({ field: 'form-submissions', reason: `expected an array, got ${describeKind(list)}` });
    return null;
  }
  let newest: EnvelopeSource | null = null;
  let newestTime = -Infinity;
  list.forEach((item: unknown, index) => {
    if (!isPlainObject(item)) return;
    const time = Number(getOwn(item, 'timestamp'));
    const sortable = Number.isFinite(time) ? time : -Infinity;
    if (newest === null || sortable > newestTime) {
      newest = { object: item, path: `form-submissions[${index}].` };
      newestTime = sortable;
    }
  });
  return newest;
}

function extractWorkflow(payload: JsonObject): RawLead {
  const problems: FieldProblem[] = [];
  const properties = getOwn(payload, 'properties');
  const fields: RawField[] = [];
  if (isPlainObject(properties)) {
    for (const [key, raw] of Object.entries(properties)) {
      // Legacy profiles wrap each value as { value, versions }; v3 bodies give the string itself.
      const value = isPlainObject(raw) && Object.hasOwn(raw, 'value') ? getOwn(raw, 'value') : raw;
      if (key.trim() !== '') fields.push({ name: key.trim(), value });
    }
  } else if (properties !== undefined && properties !== null) {
    problems.push({ field: 'properties', reason: `expected an object, got ${describeKind(properties)}` });
  }
  const newest = findNewestSubmission(getOwn(payload, 'form-submissions'), problems);
  const sources = newest === null ? [] : [newest];
  return withEnvelope(fields, problems, [...sources, { object: payload, path: '' }]);
}

function extractJson(payload: JsonObject): RawLead {
  const problems: FieldProblem[] = [];
  const byLowerKey = new Map(LEAD_FIELD_KEYS.map((key) => [key.toLowerCase(), key]));
  const fields = readTopLevelFields(payload, new Set(['custom', 'source'])).map((field) => {
    const route = byLowerKey.get(field.name.toLowerCase());
    return route === undefined ? field : Object.assign({}, field, { route });
  });
  const custom = getOwn(payload, 'custom');
  if (isPlainObject(custom)) {
    for (const [key, value] of Object.entries(custom)) {
      if (key.trim() !== '') fields.push({ name: key.trim(), value, route: 'custom' });
    }
  } else if (custom !== undefined && custom !== null) {
    problems.push({
      field: 'custom',
      reason: `expected an object of extra fields, got ${describeKind(custom)}`,
    });
  }
  const source = getOwn(payload, 'source');
  const sources: EnvelopeSource[] = [{ object: payload, path: '' }];
  if (isPlainObject(source)) sources.unshift({ object: source, path: 'source.' });
  else if (source !== undefined && source !== null) {
    problems.push({ field: 'source', reason: `expected an object, got ${describeKind(source)}` });
  }
  return withEnvelope(fields, problems, sources);
}

export function extractRawLead(payload: JsonObject, shape: LeadSourceKind): RawLead {
  switch (shape) {
    case 'hubspot-form':
      return extractListShape(payload, 'fieldValues');
    case 'hubspot-poll':
      return extractListShape(payload, 'values');
    case 'hubspot-workflow':
      return extractWorkflow(payload);
    case 'json':
      return extractJson(payload);
    case 'hubspot-flat':
      return withEnvelope(readTopLevelFields(payload), [], [{ object: payload, path: '' }]);
  }
}
