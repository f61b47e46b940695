// An in-memory HubSpot behind the CRM port, seeded from the demo workspace. Like HubSpot it does
// not deduplicate tasks, notes or companies by itself: a second create makes a second record, so
// tests catch a workflow that retries without reconciling.
import { AppError, PermanentError } from '../../domain/errors.js';
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
import type { FakeContext } from './fake-context.js';
import type { Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

export interface StoredTask extends CreateTaskInput {
  id: string;
  idempotencyKey: string;
  status: 'NOT_STARTED' | 'COMPLETED';
  createdAt: string;
}

export interface StoredNote extends CreateNoteInput {
  id: string;
  idempotencyKey: string;
  createdAt: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UPDATABLE = ['firstName', 'lastName', 'company', 'jobTitle', 'phone'] as const;

export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^www\./, '');
}

export class FakeCrm implements CrmPort {
  readonly #contacts: CrmContact[];
  readonly #companies: CrmCompany[];
  readonly #owners: CrmOwner[];
  readonly #tasks: StoredTask[] = [];
  readonly #notes: StoredNote[] = [];

  constructor(
    crm: Workspace['crm'],
    private readonly ctx: FakeContext,
  ) {
    this.#contacts = crm.contacts.map((c) =>
      Object.assign(cloneRecord(c), {
        recentSubmissions: [...c.recentSubmissions].sort(
          (a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt),
        ),
      }),
    );
    this.#companies = cloneRecord(crm.companies);
    this.#owners = cloneRecord(crm.owners);
  }

  findContactByEmail(email: string): Promise<CrmContact | null> {
    return this.ctx.run('crm', 'findContactByEmail', () => cloneOrNull(this.#findContact(email)));
  }

  upsertContact(
    input: UpsertContactInput,
    idempotencyKey: string,
  ): Promise<{ contact: CrmContact; created: boolean }> {
    return this.ctx.run('crm', 'upsertContact', () => {
      const email = input.email.trim().toLowerCase();
      if (!EMAIL.test(email))
        throw new PermanentError(`HubSpot rejected contact: invalid email "${input.email}"`);
      const existing = this.#findContact(email);
      const contact = existing ?? this.#createContact(email);
      // Unknown (null) input fields never blank out what the CRM already knows.
      for (const field of UPDATABLE) contact[field] = input[field] ?? contact[field];
      const result = { contact: cloneRecord(contact), created: existing === null };
      this.ctx.recordWrite('crm', 'upsertContact', input, result, idempotencyKey);
      return result;
    });
  }

  getCompany(companyId: string): Promise<CrmCompany | null> {
    return this.ctx.run('crm', 'getCompany', () =>
      cloneOrNull(this.#companies.find((c) => c.id === companyId)),
    );
  }

  findCompanyByDomain(domain: string): Promise<CrmCompany | null> {
    const wanted = normalizeDomain(domain);
    return this.ctx.run('crm', 'findCompanyByDomain', () =>
      cloneOrNull(this.#companies.find((c) => c.domain !== null && normalizeDomain(c.domain) === wanted)),
    );
  }

  createCompany(input: { name: string | null; domain: string }, idempotencyKey: string): Promise<CrmCompany> {
    return this.ctx.run('crm', 'createCompany', () => {
      const company: CrmCompany = {
        id: this.ctx.newId('company'),
        name: input.name,
        domain: normalizeDomain(input.domain),
        industry: null,
        employees: null,
      };
      this.#companies.push(company);
      this.ctx.recordWrite('crm', 'createCompany', input, company, idempotencyKey);
      return cloneRecord(company);
    });
  }

  associateContactWithCompany(contactId: string, companyId: string): Promise<void> {
    return this.ctx.run('crm', 'associateContactWithCompany', () => {
      const contact = this.#getContact(contactId);
      if (!this.#companies.some((c) => c.id === companyId))
        throw new AppError('not-found', `HubSpot company ${companyId} not found`);
      contact.companyId = companyId;
      this.ctx.recordWrite('crm', 'associateContactWithCompany', { contactId, companyId }, null, null);
    });
  }

  findOwner(ownerId: string): Promise<CrmOwner | null> {
    return this.ctx.run('crm', 'findOwner', () => cloneOrNull(this.#owners.find((o) => o.id === ownerId)));
  }

  createTask(input: CreateTaskInput, idempotencyKey: string): Promise<CrmRecordRef> {
    return this.ctx.run('crm', 'createTask', () => {
      this.#checkActivity(input.contactId, input.ownerId, input.dueAt, 'task dueAt (hs_timestamp)');
      const task: StoredTask = Object.assign(cloneRecord(input), {
        id: this.ctx.newId('task'),
        idempotencyKey,
        status: 'NOT_STARTED' as const,
        createdAt: this.ctx.now(),
      });
      this.#tasks.push(task);
      this.ctx.recordWrite('crm', 'createTask', input, { id: task.id }, idempotencyKey);
      return { id: task.id };
    });
  }

  createNote(input: CreateNoteInput, idempotencyKey: string): Promise<CrmRecordRef> {
    return this.ctx.run('crm', 'createNote', () => {
      this.#checkActivity(input.contactId, input.ownerId, input.timestamp, 'note timestamp (hs_timestamp)');
      const note: StoredNote = Object.assign(cloneRecord(input), {
        id: this.ctx.newId('note'),
        idempotencyKey,
        createdAt: this.ctx.now(),
      });
      this.#notes.push(note);
      this.ctx.recordWrite('crm', 'createNote', input, { id: note.id }, idempotencyKey);
      return { id: note.id };
    });
  }

  findTaskByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null> {
    return this.ctx.run('crm', 'findTaskByIdempotencyKey', () =>
      toRef(this.#tasks.find((t) => t.idempotencyKey === idempotencyKey)),
    );
  }

  findNoteByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null> {
    return this.ctx.run('crm', 'findNoteByIdempotencyKey', () =>
      toRef(this.#notes.find((n) => n.idempotencyKey === idempotencyKey)),
    );
  }

  /** Test and demo inspection: the current records (copies). */
  listContacts(): CrmContact[] {
    return cloneRecord(this.#contacts);
  }

  listCompanies(): CrmCompany[] {
    return cloneRecord(this.#companies);
  }

  listTasks(): StoredTask[] {
    return cloneRecord(this.#tasks);
  }

  listNotes(): StoredNote[] {
    return cloneRecord(this.#notes);
  }

  #findContact(email: string): CrmContact | null {
    const wanted = email.trim().toLowerCase();
    return this.#contacts.find((c) => c.email.toLowerCase() === wanted) ?? null;
  }

  #getContact(contactId: string): CrmContact {
    const contact = this.#contacts.find((c) => c.id === contactId);
    if (contact === undefined) throw new AppError('not-found', `HubSpot contact ${contactId} not found`);
    return contact;
  }

  #createContact(email: string): CrmContact {
    const contact: CrmContact = {
      id: this.ctx.newId('contact'),
      email,
      firstName: null,
      lastName: null,
      company: null,
      jobTitle: null,
      phone: null,
      lifecycleStage: null,
      leadStatus: null,
      ownerId: null,
      timeZone: null,
      emailOptOut: false,
      companyId: null,
      recentSubmissions: [],
      createdAt: this.ctx.now(),
    };
    this.#contacts.push(contact);
    return contact;
  }

  /** What HubSpot refuses for a task or note: a missing contact or owner, or no valid hs_timestamp. */
  #checkActivity(contactId: string, ownerId: string | null, timestamp: string, what: string): void {
    this.#getContact(contactId);
    if (ownerId !== null && !this.#owners.some((o) => o.id === ownerId))
      throw new AppError('not-found', `HubSpot owner ${ownerId} not found`);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
      throw new PermanentError(`HubSpot rejected the ${what}: "${timestamp}" is not an ISO date-time`);
    }
  }
}

function cloneOrNull<T>(value: T | null | undefined): T | null {
  return value === undefined || value === null ? null : cloneRecord(value);
}

function toRef(record: { id: string } | undefined): CrmRecordRef | null {
  return record === undefined ? null : { id: record.id };
}
