// The demo's Forms submissions API: the workspace contacts' recent submissions, with their contact
// fields as the submitted values, newest first and paged like HubSpot's. Tests add more with add().
import type { FormSubmissionRecord, FormSubmissionSource } from '../../domain/ports/form-submissions.js';
import type { Workspace } from './workspace-schema.js';
import { cloneRecord } from './clone-record.js';

export class FakeFormSubmissions implements FormSubmissionSource {
  readonly #records: (FormSubmissionRecord & { contactId: string | null })[] = [];

  constructor(crm: Workspace['crm'], portalId: string | null) {
    for (const contact of crm.contacts) {
      const values: Record<string, string> = { email: contact.email };
      if (contact.firstName) values.firstname = contact.firstName;
      if (contact.lastName) values.lastname = contact.lastName;
      if (contact.company) values.company = contact.company;
      if (contact.jobTitle) values.jobtitle = contact.jobTitle;
      for (const s of contact.recentSubmissions) {
        this.#records.push(Object.assign({}, s, { values, pageUrl: null, portalId, contactId: contact.id }));
      }
    }
  }

  /** Adds a submission, as a visitor filling in the form would. */
  add(record: FormSubmissionRecord, contactId: string | null = null): void {
    this.#records.push(Object.assign({}, record, { contactId }));
  }

  listSubmissions(formId: string, page: { after: string | null; limit: number }) {
    const all = this.#records
      .filter((r) => r.formId === formId)
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
    const start = page.after === null ? 0 : Number(page.after);
    const slice = all.slice(start, start + page.limit).map(strip);
    const next = start + page.limit < all.length ? String(start + page.limit) : null;
    return Promise.resolve({ submissions: slice, nextAfter: next });
  }

  findLatestSubmissionForContact(contactId: string) {
    const latest = this.#records
      .filter((r) => r.contactId === contactId)
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))[0];
    return Promise.resolve(latest ? strip(latest) : null);
  }
}

function strip(record: FormSubmissionRecord & { contactId: string | null }): FormSubmissionRecord {
  const { contactId: _contactId, ...rest } = record;
  return cloneRecord(rest);
}
