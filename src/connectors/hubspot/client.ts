// One method per HubSpot endpoint we call, through @hubspot/api-client with its own retries off
// (numberOfApiCallRetries: 0; its 429 retry sleeps a fixed 10 s and ignores Retry-After). Every call
// goes through `call` (limiter, timeout, classification); answers are checked with zod here.
import { Client } from '@hubspot/api-client';
import type { FilterOperatorEnum as ContactOperator } from '@hubspot/api-client/lib/codegen/crm/contacts/models/Filter.js';
import type { AssociationSpecAssociationCategoryEnum as AssociationCategory } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/models/AssociationSpec.js';
import type { z } from 'zod';
import { PermanentError } from '../../domain/errors.js';
import type { CallHubspot } from './call-hubspot.js';
import { HubspotResponseError } from './hubspot-error.js';
import { COMPANY_PROPERTIES, CONTACT_PROPERTIES } from './mapping.js';
import {
  FormSubmissionPage,
  HubspotObject,
  HubspotOwner,
  LegacyContactProfile,
  SearchPage,
} from './schemas.js';

export type SearchableType = 'contacts' | 'companies' | 'tasks' | 'notes';

export interface SearchInput {
  filters: {
    propertyName: string;
    operator: 'EQ' | 'IN' | 'HAS_PROPERTY';
    value?: string;
    values?: string[];
  }[];
  properties: readonly string[];
  /** `-createdate` sorts newest first (the SDK types sorts as strings). */
  sorts?: string[];
  limit?: number;
  after?: string;
}

export interface HubspotClientOptions {
  accessToken: string;
  baseUrl: string;
  call: CallHubspot;
}

export class HubspotClient {
  readonly #sdk: Client;
  readonly #call: CallHubspot;

  constructor(options: HubspotClientOptions) {
    // A trailing slash would give `//crm/...` (api-contracts §1.6). No limiterOptions either: our
    // limiter is the only one. (SDK 13.5's generated APIs ignore config-level middleware,
    // defaultHeaders and httpAgent unless per-call options are given, so none are set here.)
    const basePath = options.baseUrl.replace(/\/+$/, '');
    this.#sdk = new Client({ accessToken: options.accessToken, basePath, numberOfApiCallRetries: 0 });
    this.#call = options.call;
  }

  /** GET /crm/v3/objects/contacts/{id}, or by email with idProperty=email; null on 404. */
  async getContact(idOrEmail: string, by: 'id' | 'email'): Promise<HubspotObject | null> {
    const idProperty = by === 'email' ? 'email' : undefined;
    const raw = await this.#call({ operation: 'getContact', id: idOrEmail }, () =>
      nullOn404(
        this.#sdk.crm.contacts.basicApi.getById(
          idOrEmail,
          [...CONTACT_PROPERTIES],
          undefined,
          ['companies'],
          false,
          idProperty,
        ),
      ),
    );
    return raw === null ? null : parse(HubspotObject, raw, 'getContact', idOrEmail);
  }

  /** POST /crm/v3/objects/{type}/search. */
  async search(type: SearchableType, input: SearchInput): Promise<SearchPage> {
    const request = toSdkSearch(input);
    const raw = await this.#call(
      { operation: `search ${type}`, id: describeFilters(input), isSearch: true },
      () => {
        // Each codegen module declares its own (structurally identical) request type.
        if (type === 'contacts') return this.#sdk.crm.contacts.searchApi.doSearch(request);
        if (type === 'companies') return this.#sdk.crm.companies.searchApi.doSearch(request);
        if (type === 'tasks') return this.#sdk.crm.objects.tasks.searchApi.doSearch(request);
        return this.#sdk.crm.objects.notes.searchApi.doSearch(request);
      },
    );
    return parse(SearchPage, raw, `search ${type}`, describeFilters(input));
  }

  /** POST /crm/v3/objects/contacts → 201; 409 when the email exists. */
  async createContact(properties: Record<string, string>): Promise<HubspotObject> {
    const raw = await this.#call({ operation: 'createContact', id: properties['email'] ?? null }, () =>
      this.#sdk.crm.contacts.basicApi.create({ properties, associations: [] }),
    );
    return parse(HubspotObject, raw, 'createContact', properties['email'] ?? null);
  }

  /** PATCH /crm/v3/objects/contacts/{id}. */
  async updateContact(contactId: string, properties: Record<string, string>): Promise<HubspotObject> {
    const raw = await this.#call({ operation: 'updateContact', id: contactId }, () =>
      this.#sdk.crm.contacts.basicApi.update(contactId, { properties }),
    );
    return parse(HubspotObject, raw, 'updateContact', contactId);
  }

  /** GET /crm/v3/objects/companies/{id}; null on 404. */
  async getCompany(companyId: string): Promise<HubspotObject | null> {
    const raw = await this.#call({ operation: 'getCompany', id: companyId }, () =>
      nullOn404(this.#sdk.crm.companies.basicApi.getById(companyId, [...COMPANY_PROPERTIES])),
    );
    return raw === null ? null : parse(HubspotObject, raw, 'getCompany', companyId);
  }

  /** POST /crm/v3/objects/companies → 201. */
  async createCompany(properties: Record<string, string>): Promise<HubspotObject> {
    const raw = await this.#call({ operation: 'createCompany', id: properties['domain'] ?? null }, () =>
      this.#sdk.crm.companies.basicApi.create({ properties, associations: [] }),
    );
    return parse(HubspotObject, raw, 'createCompany', properties['domain'] ?? null);
  }

  /** PUT /crm/v4/objects/contact/{id}/associations/default/company/{companyId}: the unlabeled (279) link. */
  async associateContactWithCompany(contactId: string, companyId: string): Promise<void> {
    await this.#call(
      { operation: 'associateContactWithCompany', id: `contact ${contactId}, company ${companyId}` },
      () => this.#sdk.crm.associations.v4.basicApi.createDefault('contact', contactId, 'company', companyId),
    );
  }

  /** GET /crm/v3/owners/{id}; null on 404 or an id that is not a number (the SDK types it as one). */
  async getOwner(ownerId: string): Promise<HubspotOwner | null> {
    if (!/^\d+$/.test(ownerId)) return null;
    const raw = await this.#call({ operation: 'getOwner', id: ownerId }, () =>
      nullOn404(this.#sdk.crm.owners.ownersApi.getById(Number(ownerId), 'id', false)),
    );
    return raw === null ? null : parse(HubspotOwner, raw, 'getOwner', ownerId);
  }

  /** POST /crm/v3/objects/tasks → 201, associated with the contact (type 204). */
  async createTask(
    properties: Record<string, string>,
    association: { contactId: string; typeId: number },
  ): Promise<HubspotObject> {
    const raw = await this.#call({ operation: 'createTask', id: `contact ${association.contactId}` }, () =>
      this.#sdk.crm.objects.tasks.basicApi.create({ properties, associations: [toAssociation(association)] }),
    );
    return parse(HubspotObject, raw, 'createTask', association.contactId);
  }

  /** POST /crm/v3/objects/notes → 201, associated with the contact (type 202). */
  async createNote(
    properties: Record<string, string>,
    association: { contactId: string; typeId: number },
  ): Promise<HubspotObject> {
    const raw = await this.#call({ operation: 'createNote', id: `contact ${association.contactId}` }, () =>
      this.#sdk.crm.objects.notes.basicApi.create({ properties, associations: [toAssociation(association)] }),
    );
    return parse(HubspotObject, raw, 'createNote', association.contactId);
  }

  /**
   * GET /form-integrations/v1/submissions/forms/{guid}. The SDK has no method for this legacy
   * endpoint, so it goes through the SDK's apiRequest (same base path and token, a raw
   * node-fetch response), classified like every other call.
   */
  async listFormSubmissions(
    formGuid: string,
    page: { after?: string; limit: number },
  ): Promise<FormSubmissionPage> {
    const qs = { limit: String(page.limit), ...(page.after ? { after: page.after } : {}) };
    const raw = await this.#call({ operation: 'listFormSubmissions', id: formGuid }, () =>
      this.#getJson(`/form-integrations/v1/submissions/forms/${encodeURIComponent(formGuid)}`, qs),
    );
    return parse(FormSubmissionPage, raw, 'listFormSubmissions', formGuid);
  }

  /**
   * GET /contacts/v1/contact/vid/{vid}/profile: the only read that lists a contact's form
   * submissions with form id, conversion id and time (v3 has only recent_conversion_* names and
   * dates). Legacy, so through apiRequest like the Forms API. Null on 404.
   */
  async getContactProfile(contactId: string): Promise<LegacyContactProfile | null> {
    const qs = { formSubmissionMode: 'all', propertyMode: 'value_only', showListMemberships: 'false' };
    const raw = await this.#call({ operation: 'getContactProfile', id: contactId }, () =>
      nullOn404(this.#getJson(`/contacts/v1/contact/vid/${encodeURIComponent(contactId)}/profile`, qs)),
    );
    return raw === null ? null : parse(LegacyContactProfile, raw, 'getContactProfile', contactId);
  }

  async #getJson(path: string, qs: Record<string, string>): Promise<unknown> {
    const response = await this.#sdk.apiRequest({ method: 'GET', path, qs });
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) {
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => (headers[name] = value));
      throw new HubspotResponseError(response.status, body, headers);
    }
    return body;
  }
}

function toSdkSearch(input: SearchInput): Parameters<Client['crm']['contacts']['searchApi']['doSearch']>[0] {
  return {
    filterGroups: [
      { filters: input.filters.map((f) => ({ ...f, operator: f.operator as ContactOperator })) },
    ],
    properties: [...input.properties],
    sorts: input.sorts ?? [],
    limit: input.limit ?? 10,
    after: input.after ?? '0',
  };
}

function toAssociation(association: { contactId: string; typeId: number }) {
  return {
    to: { id: association.contactId },
    types: [
      {
        associationCategory: 'HUBSPOT_DEFINED' as AssociationCategory,
        associationTypeId: association.typeId,
      },
    ],
  };
}

function describeFilters(input: SearchInput): string {
  return input.filters
    .map((f) => `${f.propertyName} ${f.operator}${f.value === undefined ? '' : ` ${f.value}`}`)
    .join(' AND ');
}

async function nullOn404<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 404)
      return null;
    throw error;
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A 2xx we cannot read will not read better on a retry: permanent, with the problems listed. */
function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  operation: string,
  id: string | null,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  throw new PermanentError(
    `HubSpot ${operation}${id ? ` (${id})` : ''} returned an unexpected response: ${problems}`,
    {
      cause: result.error,
    },
  );
}
