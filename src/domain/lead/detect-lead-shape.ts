// Decides which of the five inbound shapes a payload is, and refuses what is not a lead at all.
// Detection rule, first match wins, on exact (case-sensitive) top-level keys:
//   1. `fieldValues` present                                   -> hubspot-form (form submission webhook)
//   2. `values` is an array                                    -> hubspot-poll (Forms API submission row)
//   3. `properties` is an object, or `canonical-vid` /
//      `form-submissions` present                              -> hubspot-workflow (contact profile, legacy or v3)
//   4. `custom` or `source` is an object, or a camelCase Lead
//      key is present (firstName, lastName, jobTitle, timeZone) -> json (our own Lead shape)
//   5. anything else                                           -> hubspot-flat (custom workflow body)
// HubSpot property names are lower-case, so a camelCase Lead key only comes from our own JSON.
// It does not read field values; extraction and mapping do that.
import type { LeadSourceKind } from '../lead.js';
import type { FieldProblem } from '../errors.js';
import { describeKind, getOwn, isPlainObject, type JsonObject } from './json-value.js';

const JSON_LEAD_KEYS = ['firstName', 'lastName', 'jobTitle', 'timeZone'] as const;

export function detectLeadShape(payload: JsonObject): LeadSourceKind {
  if (Object.hasOwn(payload, 'fieldValues')) return 'hubspot-form';
  if (Array.isArray(getOwn(payload, 'values'))) return 'hubspot-poll';
  if (isPlainObject(getOwn(payload, 'properties'))) return 'hubspot-workflow';
  if (Object.hasOwn(payload, 'canonical-vid') || Object.hasOwn(payload, 'form-submissions'))
    return 'hubspot-workflow';
  if (isPlainObject(getOwn(payload, 'custom')) || isPlainObject(getOwn(payload, 'source'))) return 'json';
  if (JSON_LEAD_KEYS.some((key) => Object.hasOwn(payload, key))) return 'json';
  return 'hubspot-flat';
}

/** A Webhooks API event (api-contracts.md 1.1.2): thin, with no form data. */
function isWebhookEvent(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  const hasType = Object.hasOwn(value, 'subscriptionType') || Object.hasOwn(value, 'eventType');
  return hasType && Object.hasOwn(value, 'eventId');
}

const EVENTS_REASON =
  'this is a HubSpot Webhooks API event batch, not a form submission: events carry no form fields and are handled by the events route';

/** The one problem for a payload that cannot be a lead at all; null when it may be one. */
export function findRootProblem(payload: unknown): FieldProblem | null {
  if (Array.isArray(payload) && payload.some(isWebhookEvent))
    return { field: '(root)', reason: EVENTS_REASON };
  if (isWebhookEvent(payload))
    return { field: '(root)', reason: EVENTS_REASON.replace('event batch', 'event') };
  if (isPlainObject(payload)) return null;
  return {
    field: '(root)',
    reason: `expected a JSON object with the lead's fields, got ${describeKind(payload)}`,
  };
}
