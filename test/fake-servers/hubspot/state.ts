// The fake HubSpot's data: CRM objects with string properties, associations with their type ids,
// owners and form submissions, plus the property definitions a portal has (writing an undefined
// property is a 400 there, so a missing setup step shows up in tests too).
import { HubspotHttpError, hubspotErrorBodies } from './responses.js';

export const OBJECT_TYPES = ['contacts', 'companies', 'tasks', 'notes'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export interface StoredObject {
  id: string;
  type: ObjectType;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  /** The search index lags writes; a record is searchable from this time (ms). */
  searchableAt: number;
}

export interface StoredAssociation {
  fromType: ObjectType;
  fromId: string;
  toType: ObjectType;
  toId: string;
  typeId: number;
}

export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  userId: number;
}

export interface FakeSubmission {
  formGuid: string;
  conversionId: string;
  submittedAt: number;
  values: { name: string; value: string }[];
  pageUrl: string;
}

/** The idempotency-key property this project asks portals to create on tasks and notes. */
export const IDEMPOTENCY_PROPERTY = 'sales_agent_idempotency_key';

const COMMON = ['hs_object_id', 'hs_createdate', 'hs_lastmodifieddate', 'hubspot_owner_id'];
const BUILT_IN: Record<ObjectType, string[]> = {
  contacts: [
    ...COMMON,
    ...['email', 'firstname', 'lastname', 'company', 'jobtitle', 'phone', 'lifecyclestage', 'hs_lead_status'],
    ...['hs_timezone', 'hs_email_optout', 'createdate', 'lastmodifieddate', 'associatedcompanyid', 'message'],
    ...['recent_conversion_date', 'recent_conversion_event_name', 'website', 'city', 'country'],
  ],
  companies: [...COMMON, 'name', 'domain', 'industry', 'numberofemployees', 'createdate', 'website', 'city'],
  tasks: [
    ...COMMON,
    ...[
      'hs_timestamp',
      'hs_task_subject',
      'hs_task_body',
      'hs_task_status',
      'hs_task_priority',
      'hs_task_type',
    ],
    'hs_task_reminders',
  ],
  notes: [...COMMON, 'hs_timestamp', 'hs_note_body', 'hs_attachment_ids'],
};

/** Returned when a read asks for no properties (api-contracts §1.4). */
export const DEFAULT_PROPERTIES: Record<ObjectType, string[]> = {
  contacts: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  tasks: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
};

export interface StateOptions {
  /** Custom properties the portal defines; defaults to the idempotency key on tasks and notes. */
  customProperties?: Partial<Record<ObjectType, string[]>>;
  searchIndexLagMs?: number;
  now: () => number;
}

export class FakeHubspotState {
  readonly objects: Record<ObjectType, Map<string, StoredObject>> = {
    contacts: new Map(),
    companies: new Map(),
    tasks: new Map(),
    notes: new Map(),
  };
  readonly associations: StoredAssociation[] = [];
  readonly owners = new Map<string, FakeOwner>();
  readonly submissions: FakeSubmission[] = [];
  /** Form guids the portal has, including forms nobody has submitted yet. */
  readonly forms = new Set<string>();
  readonly portalId = 62515;
  readonly definedProperties: Record<ObjectType, Set<string>>;
  #nextId = 1000;
  readonly #lagMs: number;
  readonly now: () => number;

  constructor(options: StateOptions) {
    const custom = options.customProperties ?? {
      tasks: [IDEMPOTENCY_PROPERTY],
      notes: [IDEMPOTENCY_PROPERTY],
    };
    this.definedProperties = {
      contacts: new Set([...BUILT_IN.contacts, ...(custom.contacts ?? [])]),
      companies: new Set([...BUILT_IN.companies, ...(custom.companies ?? [])]),
      tasks: new Set([...BUILT_IN.tasks, ...(custom.tasks ?? [])]),
      notes: new Set([...BUILT_IN.notes, ...(custom.notes ?? [])]),
    };
    this.#lagMs = options.searchIndexLagMs ?? 0;
    this.now = options.now;
  }

  newId(): string {
    this.#nextId += 1;
    return String(this.#nextId);
  }

  /** Stores a new object; properties must already be validated. */
  insert(type: ObjectType, properties: Record<string, string | null>, id = this.newId()): StoredObject {
    const at = new Date(this.now()).toISOString();
    const created: Record<string, string> =
      type === 'contacts' || type === 'companies' ? { createdate: at, lastmodifieddate: at } : {};
    const object: StoredObject = {
      id,
      type,
      properties: { ...created, hs_createdate: at, hs_lastmodifieddate: at, ...properties, hs_object_id: id },
      createdAt: at,
      updatedAt: at,
      searchableAt: this.now() + this.#lagMs,
    };
    this.objects[type].set(id, object);
    return object;
  }

  update(object: StoredObject, properties: Record<string, string | null>): StoredObject {
    const at = new Date(this.now()).toISOString();
    Object.assign(object.properties, properties, { hs_lastmodifieddate: at });
    if (object.type === 'contacts') object.properties['lastmodifieddate'] = at;
    object.updatedAt = at;
    object.searchableAt = this.now() + this.#lagMs;
    return object;
  }

  /** Every property must be defined in the portal: HubSpot answers 400 PROPERTY_DOESNT_EXIST otherwise. */
  assertDefined(type: ObjectType, properties: Record<string, unknown>): void {
    const unknown = Object.keys(properties).filter((name) => !this.definedProperties[type].has(name));
    if (unknown.length === 0) return;
    const errors = unknown.map((name) => ({
      message: `Property "${name}" does not exist`,
      code: 'PROPERTY_DOESNT_EXIST',
      context: { propertyName: [name] },
    }));
    throw new HubspotHttpError(
      400,
      hubspotErrorBodies.validation(
        `Property values were not valid: ${errors.map((e) => e.message).join('; ')}`,
        errors,
      ),
    );
  }

  findContactByEmail(email: string): StoredObject | undefined {
    const wanted = email.trim().toLowerCase();
    return [...this.objects.contacts.values()].find(
      (c) => (c.properties['email'] ?? '').toLowerCase() === wanted,
    );
  }

  associationsOf(type: ObjectType, id: string, toType: ObjectType): StoredAssociation[] {
    return this.associations.filter((a) => a.fromType === type && a.fromId === id && a.toType === toType);
  }

  /** HubSpot stores both directions; we record the pair so reads from either side see it. */
  associate(
    from: ObjectType,
    fromId: string,
    to: ObjectType,
    toId: string,
    typeId: number,
    inverseTypeId: number,
  ): void {
    const exists = this.associations.some(
      (a) =>
        a.fromType === from &&
        a.fromId === fromId &&
        a.toType === to &&
        a.toId === toId &&
        a.typeId === typeId,
    );
    if (exists) return;
    this.associations.push({ fromType: from, fromId, toType: to, toId, typeId });
    this.associations.push({ fromType: to, fromId: toId, toType: from, toId: fromId, typeId: inverseTypeId });
  }
}
