// CrmPort on HubSpot: contacts upserted by email (never two for one email), companies by domain,
// tasks and notes with their contact association and our idempotency key stored in a custom
// property, so a run that lost a create's answer can find what it made.
import { PermanentError } from '../../domain/errors.js';
import type {
  CreateNoteInput,
  CreateTaskInput,
  CrmCompany,
  CrmContact,
  CrmOwner,
  CrmPort,
  CrmRecordRef,
  UpsertContactInput,
} from '../../domain/ports/crm.js';
import type { HubspotClient } from './client.js';
import {
  CONTACT_PROPERTIES,
  NOTE_TO_CONTACT,
  TASK_TO_CONTACT,
  normalizeDomain,
  toContactProperties,
  toCrmCompany,
  toCrmContact,
  toCrmOwner,
  toCrmSubmissions,
  toNoteProperties,
  toTaskProperties,
} from './mapping.js';
import type { HubspotObject } from './schemas.js';

export class HubspotCrmAdapter implements CrmPort {
  constructor(
    private readonly client: HubspotClient,
    /** The custom task/note property holding our idempotency key (must exist in the portal). */
    private readonly keyProperty: string,
  ) {}

  async findContactByEmail(email: string): Promise<CrmContact | null> {
    const object = await this.findContactObject(email);
    return object === null ? null : this.toContact(object);
  }

  async upsertContact(
    input: UpsertContactInput,
    _idempotencyKey: string,
  ): Promise<{ contact: CrmContact; created: boolean }> {
    // Upsert by email is idempotent by itself; the key is not needed to reconcile it.
    const properties = toContactProperties(input);
    const existing = await this.findContactObject(input.email);
    if (existing !== null) return { contact: await this.update(existing, properties), created: false };
    try {
      const created = await this.client.createContact(properties);
      return { contact: toCrmContact(created, []), created: true };
    } catch (error) {
      if (!(error instanceof PermanentError && error.details?.['status'] === 409)) throw error;
      // Created between our read and our write (HubSpot's own form handling, a parallel run): use it.
      const winner = await this.client.getContact(properties['email'] ?? input.email, 'email');
      if (winner === null) throw error;
      return { contact: await this.update(winner, properties), created: false };
    }
  }

  async getCompany(companyId: string): Promise<CrmCompany | null> {
    const object = await this.client.getCompany(companyId);
    return object === null ? null : toCrmCompany(object);
  }

  async findCompanyByDomain(domain: string): Promise<CrmCompany | null> {
    const page = await this.client.search('companies', {
      filters: [{ propertyName: 'domain', operator: 'EQ', value: normalizeDomain(domain) }],
      properties: ['name', 'domain', 'industry', 'numberofemployees'],
      // Oldest first: when duplicates exist, the original is the one people have been using.
      sorts: ['createdate'],
      limit: 1,
    });
    const hit = page.results[0];
    return hit === undefined ? null : toCrmCompany(hit);
  }

  async createCompany(
    input: { name: string | null; domain: string },
    _idempotencyKey: string,
  ): Promise<CrmCompany> {
    // Reconciled by domain (findCompanyByDomain), so the key is not stored on companies.
    const properties = { domain: normalizeDomain(input.domain), ...(input.name ? { name: input.name } : {}) };
    return toCrmCompany(await this.client.createCompany(properties));
  }

  associateContactWithCompany(contactId: string, companyId: string): Promise<void> {
    return this.client.associateContactWithCompany(contactId, companyId);
  }

  async findOwner(ownerId: string): Promise<CrmOwner | null> {
    const owner = await this.client.getOwner(ownerId);
    return owner === null ? null : toCrmOwner(owner);
  }

  async createTask(input: CreateTaskInput, idempotencyKey: string): Promise<CrmRecordRef> {
    const properties = toTaskProperties(input, this.keyProperty, idempotencyKey);
    const task = await this.client.createTask(properties, {
      contactId: input.contactId,
      typeId: TASK_TO_CONTACT,
    });
    return { id: task.id };
  }

  async createNote(input: CreateNoteInput, idempotencyKey: string): Promise<CrmRecordRef> {
    const properties = toNoteProperties(input, this.keyProperty, idempotencyKey);
    const note = await this.client.createNote(properties, {
      contactId: input.contactId,
      typeId: NOTE_TO_CONTACT,
    });
    return { id: note.id };
  }

  findTaskByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null> {
    return this.findByKey('tasks', idempotencyKey);
  }

  findNoteByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null> {
    return this.findByKey('notes', idempotencyKey);
  }

  /** The contact as HubSpot holds it, with its form submissions (from the legacy profile). */
  async toContact(object: HubspotObject): Promise<CrmContact> {
    const profile = await this.client.getContactProfile(object.id);
    return toCrmContact(object, profile === null ? [] : toCrmSubmissions(profile));
  }

  /**
   * GET by idProperty=email first: it sees a contact created a moment ago, which search (its index
   * lags by seconds) may not. Search is the fallback for the rare 404 of a contact search does know.
   */
  private async findContactObject(email: string): Promise<HubspotObject | null> {
    const wanted = email.trim().toLowerCase();
    const direct = await this.client.getContact(wanted, 'email');
    if (direct !== null) return direct;
    const page = await this.client.search('contacts', {
      filters: [{ propertyName: 'email', operator: 'EQ', value: wanted }],
      properties: CONTACT_PROPERTIES,
      sorts: ['createdate'],
      limit: 1,
    });
    const hit = page.results[0];
    if (hit === undefined) return null;
    // Search results carry no associations; read the contact by id to learn its company.
    return (await this.client.getContact(hit.id, 'id')) ?? hit;
  }

  private async update(existing: HubspotObject, properties: Record<string, string>): Promise<CrmContact> {
    const changes = Object.fromEntries(
      Object.entries(properties).filter(([name, value]) => existing.properties[name] !== value),
    );
    if (Object.keys(changes).length === 0) return this.toContact(existing);
    const updated = await this.client.updateContact(existing.id, changes);
    // A PATCH answers without associations and may omit properties we did not send.
    const merged = {
      ...updated,
      properties: { ...existing.properties, ...updated.properties },
      associations: existing.associations,
    };
    return this.toContact(merged);
  }

  private async findByKey(type: 'tasks' | 'notes', idempotencyKey: string): Promise<CrmRecordRef | null> {
    const page = await this.client.search(type, {
      filters: [{ propertyName: this.keyProperty, operator: 'EQ', value: idempotencyKey }],
      properties: [this.keyProperty],
      limit: 1,
    });
    const hit = page.results[0];
    return hit === undefined ? null : { id: hit.id };
  }
}
