// What the fake HubSpot checks on a write: property values, required task/note fields with their
// documented options, contact email rules, and association type ids per direction (§1.4 table).
import { HubspotHttpError, hubspotErrorBodies } from './responses.js';
import type { FakeHubspotState, ObjectType } from './state.js';

const OPTIONS: Record<string, readonly string[]> = {
  hs_task_status: ['NOT_STARTED', 'COMPLETED', 'IN_PROGRESS', 'WAITING', 'DEFERRED'],
  hs_task_priority: ['LOW', 'MEDIUM', 'HIGH', 'NONE'],
  hs_task_type: ['EMAIL', 'CALL', 'TODO'],
};

/** HUBSPOT_DEFINED association type ids and the object each one points at, by source type. */
export const ASSOCIATION_TARGETS: Partial<
  Record<ObjectType, Record<number, { to: ObjectType | 'deals'; inverse: number }>>
> = {
  tasks: {
    204: { to: 'contacts', inverse: 203 },
    192: { to: 'companies', inverse: 191 },
    216: { to: 'deals', inverse: 215 },
  },
  notes: {
    202: { to: 'contacts', inverse: 201 },
    190: { to: 'companies', inverse: 189 },
    214: { to: 'deals', inverse: 213 },
  },
  contacts: { 279: { to: 'companies', inverse: 280 }, 1: { to: 'companies', inverse: 2 } },
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NOTE_BODY_MAX = 65_536;

function invalid(message: string, code: string, property?: string): HubspotHttpError {
  const detail = {
    message,
    code,
    ...(property ? { in: property, context: { propertyName: [property] } } : {}),
  };
  return new HubspotHttpError(
    400,
    hubspotErrorBodies.validation(`Property values were not valid: ${message}`, [detail]),
  );
}

/** HubSpot takes epoch ms or an ISO string for datetime properties and stores the instant. */
function normalizeTimestamp(value: string, property: string): string {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (Number.isNaN(ms))
    throw invalid(`${value} is not a valid datetime for ${property}`, 'INVALID_DATETIME', property);
  return new Date(ms).toISOString();
}

export function toStringProperties(raw: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(raw)) {
    out[name] =
      value === null || value === undefined
        ? null
        : typeof value === 'string'
          ? value
          : JSON.stringify(value);
  }
  return out;
}

export function checkProperties(
  state: FakeHubspotState,
  type: ObjectType,
  properties: Record<string, string | null>,
  isCreate: boolean,
): Record<string, string | null> {
  state.assertDefined(type, properties);
  const out = { ...properties };
  if ((type === 'tasks' || type === 'notes') && isCreate && !out['hs_timestamp']) {
    throw invalid('hs_timestamp is required', 'REQUIRED_FIELD', 'hs_timestamp');
  }
  if (out['hs_timestamp']) out['hs_timestamp'] = normalizeTimestamp(out['hs_timestamp'], 'hs_timestamp');
  for (const [name, allowed] of Object.entries(OPTIONS)) {
    const value = out[name];
    if (type === 'tasks' && value && !allowed.includes(value)) {
      throw invalid(
        `${value} was not one of the allowed options: ${allowed.join(', ')}`,
        'INVALID_OPTION',
        name,
      );
    }
  }
  if (type === 'notes' && (out['hs_note_body']?.length ?? 0) > NOTE_BODY_MAX) {
    throw invalid(
      `hs_note_body is longer than ${NOTE_BODY_MAX} characters`,
      'INVALID_LENGTH',
      'hs_note_body',
    );
  }
  if (type === 'contacts' && out['email'] !== undefined && out['email'] !== null) {
    if (!EMAIL.test(out['email'].trim()))
      throw invalid(`Email address ${out['email']} is invalid`, 'INVALID_EMAIL', 'email');
    out['email'] = out['email'].trim().toLowerCase();
  }
  return out;
}

export interface AssociationInput {
  to: { id: string };
  types: { associationCategory: string; associationTypeId: number }[];
}

/** Resolves each association to its target, rejecting unknown type ids and missing targets with 400. */
export function checkAssociations(
  state: FakeHubspotState,
  fromType: ObjectType,
  associations: AssociationInput[],
): { toType: ObjectType; toId: string; typeId: number; inverse: number }[] {
  const table = ASSOCIATION_TARGETS[fromType] ?? {};
  return associations.flatMap((association) =>
    association.types.map((type) => {
      const target = table[type.associationTypeId];
      if (type.associationCategory !== 'HUBSPOT_DEFINED' || target === undefined) {
        throw new HubspotHttpError(
          400,
          hubspotErrorBodies.validation(
            `${type.associationCategory} association type ${type.associationTypeId} is not valid from ${fromType}`,
          ),
        );
      }
      if (target.to === 'deals' || !state.objects[target.to].has(association.to.id)) {
        throw new HubspotHttpError(
          400,
          hubspotErrorBodies.validation(
            `association type ${type.associationTypeId} points at ${target.to}, and no ${target.to} record ${association.to.id} exists`,
          ),
        );
      }
      return {
        toType: target.to,
        toId: association.to.id,
        typeId: type.associationTypeId,
        inverse: target.inverse,
      };
    }),
  );
}
