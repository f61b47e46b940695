// HubSpot shapes to ours and back, pure. HubSpot properties are strings (or null) with their own
// names and encodings (hs_timezone `america_slash_new_york`, hs_email_optout "true"); the domain
// sees plain typed values. Nothing here does I/O or knows about the SDK.
import type {
  CreateNoteInput,
  CreateTaskInput,
  CrmCompany,
  CrmContact,
  CrmFormSubmission,
  CrmOwner,
  UpsertContactInput,
} from '../../domain/ports/crm.js';
import type { FormSubmission, HubspotObject, HubspotOwner, LegacyContactProfile } from './schemas.js';

/** The contact properties every read asks for. */
export const CONTACT_PROPERTIES = [
  'email',
  'firstname',
  'lastname',
  'company',
  'jobtitle',
  'phone',
  'lifecyclestage',
  'hs_lead_status',
  'hubspot_owner_id',
  'hs_timezone',
  'hs_email_optout',
  'associatedcompanyid',
  'createdate',
] as const;
export const COMPANY_PROPERTIES = ['name', 'domain', 'industry', 'numberofemployees'] as const;

/** Association type ids (HUBSPOT_DEFINED, api-contracts §1.4). 216 is task→deal, a common mistake. */
export const TASK_TO_CONTACT = 204;
export const NOTE_TO_CONTACT = 202;

export function toCrmContact(object: HubspotObject, submissions: CrmFormSubmission[]): CrmContact {
  const p = (name: string): string | null => blankToNull(object.properties[name]);
  return {
    id: object.id,
    email: p('email') ?? '',
    firstName: p('firstname'),
    lastName: p('lastname'),
    company: p('company'),
    jobTitle: p('jobtitle'),
    phone: p('phone'),
    lifecycleStage: p('lifecyclestage'),
    leadStatus: p('hs_lead_status'),
    ownerId: p('hubspot_owner_id'),
    timeZone: toIanaZone(p('hs_timezone')),
    emailOptOut: p('hs_email_optout')?.toLowerCase() === 'true',
    companyId: primaryCompanyId(object),
    recentSubmissions: [...submissions].sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt)),
    createdAt: p('createdate') ?? object.createdAt,
  };
}

/** The labelled (primary) company association first, else any, else the associatedcompanyid property. */
function primaryCompanyId(object: HubspotObject): string | null {
  const links = object.associations?.['companies']?.results ?? [];
  const primary = links.find((l) => l.type === 'contact_to_company') ?? links[0];
  return primary?.id ?? blankToNull(object.properties['associatedcompanyid']);
}

/**
 * hs_timezone holds an IANA zone with `/` written as `_slash_` in lower case
 * (`america_slash_new_york`). Intl resolves names case-insensitively and returns the canonical
 * spelling (for a link, ICU's name for the same zone), and rejects anything that is not a zone.
 */
export function toIanaZone(value: string | null): string | null {
  if (value === null) return null;
  const candidate = value.trim().replace(/_slash_/gi, '/');
  if (candidate === '') return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: candidate }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export function toCrmCompany(object: HubspotObject): CrmCompany {
  const employees = Number.parseInt(object.properties['numberofemployees'] ?? '', 10);
  return {
    id: object.id,
    name: blankToNull(object.properties['name']),
    domain: blankToNull(object.properties['domain']),
    industry: blankToNull(object.properties['industry']),
    employees: Number.isFinite(employees) ? employees : null,
  };
}

export function toCrmOwner(owner: HubspotOwner): CrmOwner {
  return {
    id: owner.id,
    email: owner.email ?? '',
    firstName: blankToNull(owner.firstName),
    lastName: blankToNull(owner.lastName),
  };
}

/** The legacy profile's `form-submissions`, newest first. */
export function toCrmSubmissions(profile: LegacyContactProfile): CrmFormSubmission[] {
  return profile['form-submissions']
    .map((s) => ({
      formId: s['form-id'],
      submissionId: s['conversion-id'],
      submittedAt: new Date(s.timestamp).toISOString(),
    }))
    .sort((a, b) => Date.parse(b.submittedAt) - Date.parse(a.submittedAt));
}

export interface FormSubmissionRecord extends CrmFormSubmission {
  /** Field name to submitted value; a repeated name (multi-checkbox) keeps its values joined by `;`. */
  values: Record<string, string>;
  pageUrl: string | null;
}

export function toFormSubmissionRecord(formId: string, submission: FormSubmission): FormSubmissionRecord {
  const values: Record<string, string> = {};
  for (const { name, value } of submission.values)
    values[name] = name in values ? `${values[name]};${value}` : value;
  return {
    formId,
    submissionId: submission.conversionId,
    submittedAt: new Date(submission.submittedAt).toISOString(),
    values,
    pageUrl: submission.pageUrl ?? null,
  };
}

/** Only fields we know are written: an unknown (null) input never blanks what HubSpot holds. */
export function toContactProperties(input: UpsertContactInput): Record<string, string> {
  const fields: [string, string | null][] = [
    ['email', input.email.trim().toLowerCase()],
    ['firstname', input.firstName],
    ['lastname', input.lastName],
    ['company', input.company],
    ['jobtitle', input.jobTitle],
    ['phone', input.phone],
  ];
  return Object.fromEntries(fields.filter((f): f is [string, string] => f[1] !== null && f[1].trim() !== ''));
}

export function toTaskProperties(
  input: CreateTaskInput,
  keyProperty: string,
  idempotencyKey: string,
): Record<string, string> {
  return {
    hs_timestamp: new Date(input.dueAt).toISOString(),
    hs_task_subject: input.subject,
    hs_task_body: input.body,
    hs_task_status: 'NOT_STARTED',
    hs_task_priority: input.priority,
    hs_task_type: input.type,
    ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    [keyProperty]: idempotencyKey,
  };
}

export function toNoteProperties(
  input: CreateNoteInput,
  keyProperty: string,
  idempotencyKey: string,
): Record<string, string> {
  return {
    hs_timestamp: new Date(input.timestamp).toISOString(),
    hs_note_body: input.body,
    ...(input.ownerId ? { hubspot_owner_id: input.ownerId } : {}),
    [keyProperty]: idempotencyKey,
  };
}

/** `WWW.Acme.com` and `@acme.com` both mean `acme.com`. */
export function normalizeDomain(domain: string): string {
  return domain
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/.*$/, '');
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
