// The CRM port (HubSpot in production). Values are small, plain domain shapes; adapters map
// HubSpot's string-typed properties into them. Every write takes the step's idempotency key.

export interface CrmContact {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  phone: string | null;
  lifecycleStage: string | null;
  leadStatus: string | null;
  ownerId: string | null;
  /** IANA zone from the CRM (HubSpot's hs_timezone, mapped), when set. */
  timeZone: string | null;
  /** `unsubscribed` when the contact opted out of all email (hs_email_optout). */
  emailOptOut: boolean;
  companyId: string | null;
  /** Recent form submissions HubSpot holds for the contact, newest first. */
  recentSubmissions: CrmFormSubmission[];
  createdAt: string;
}

export interface CrmFormSubmission {
  formId: string;
  submissionId: string;
  submittedAt: string;
}

export interface CrmCompany {
  id: string;
  name: string | null;
  domain: string | null;
  industry: string | null;
  /** Employee count, when the CRM knows it. */
  employees: number | null;
}

export interface CrmOwner {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
}

export interface UpsertContactInput {
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  phone: string | null;
}

export interface CreateTaskInput {
  contactId: string;
  subject: string;
  body: string;
  /** ISO instant; HubSpot's required hs_timestamp, the task's due time. */
  dueAt: string;
  priority: 'LOW' | 'MEDIUM' | 'HIGH';
  type: 'EMAIL' | 'CALL' | 'TODO';
  ownerId: string | null;
}

export interface CreateNoteInput {
  contactId: string;
  body: string;
  /** ISO instant shown on the contact's timeline. */
  timestamp: string;
  ownerId: string | null;
}

export interface CrmRecordRef {
  id: string;
}

export interface CrmPort {
  findContactByEmail(email: string): Promise<CrmContact | null>;
  /** Find by email and update, or create. Never two contacts for one email. */
  upsertContact(input: UpsertContactInput, idempotencyKey: string): Promise<{ contact: CrmContact; created: boolean }>;
  getCompany(companyId: string): Promise<CrmCompany | null>;
  findCompanyByDomain(domain: string): Promise<CrmCompany | null>;
  createCompany(input: { name: string | null; domain: string }, idempotencyKey: string): Promise<CrmCompany>;
  associateContactWithCompany(contactId: string, companyId: string): Promise<void>;
  findOwner(ownerId: string): Promise<CrmOwner | null>;
  createTask(input: CreateTaskInput, idempotencyKey: string): Promise<CrmRecordRef>;
  createNote(input: CreateNoteInput, idempotencyKey: string): Promise<CrmRecordRef>;
  /** Reconciliation after an unknown outcome: the task created with this key, if any. */
  findTaskByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null>;
  findNoteByIdempotencyKey(idempotencyKey: string): Promise<CrmRecordRef | null>;
}
