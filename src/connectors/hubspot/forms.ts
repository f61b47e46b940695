// Reading form submissions: the Forms submissions API for the poller (newest first, paged), and for
// a Webhooks-API event the contact with its latest submission and that submission's field values.
import type { CrmContact, CrmFormSubmission } from '../../domain/ports/crm.js';
import type { HubspotClient } from './client.js';
import type { HubspotCrmAdapter } from './crm-adapter.js';
import type { FormSubmissionRecord } from './mapping.js';
import { toFormSubmissionRecord } from './mapping.js';

/** The Forms API serves at most 50 per page (default 20). */
export const MAX_FORM_PAGE_SIZE = 50;

export interface FormSubmissionsPage {
  /** Newest first, as HubSpot returns them. */
  submissions: FormSubmissionRecord[];
  /** Pass back as `after` for the next (older) page; null on the last page. */
  nextAfter: string | null;
}

export interface HubspotForms {
  listFormSubmissions(
    formGuid: string,
    page?: { after?: string; limit?: number },
  ): Promise<FormSubmissionsPage>;
  /** Pages back through a form's submissions until it finds `submissionId`; null after `maxPages`. */
  findFormSubmission(
    formGuid: string,
    submissionId: string,
    options?: { maxPages?: number },
  ): Promise<FormSubmissionRecord | null>;
}

export interface ContactForEvent {
  contact: CrmContact;
  /** The newest submission HubSpot lists for the contact (legacy profile), or null if none. */
  latestSubmission: CrmFormSubmission | null;
  /** That submission with its field values, when the Forms API had it within `maxPages` pages. */
  latestSubmissionValues: FormSubmissionRecord | null;
}

export function createHubspotForms(client: HubspotClient): HubspotForms {
  const listFormSubmissions: HubspotForms['listFormSubmissions'] = async (formGuid, page = {}) => {
    const limit = Math.min(Math.max(page.limit ?? MAX_FORM_PAGE_SIZE, 1), MAX_FORM_PAGE_SIZE);
    const result = await client.listFormSubmissions(formGuid, {
      limit,
      ...(page.after ? { after: page.after } : {}),
    });
    return {
      submissions: result.results.map((s) => toFormSubmissionRecord(formGuid, s)),
      nextAfter: result.paging?.next?.after ?? null,
    };
  };

  return {
    listFormSubmissions,
    async findFormSubmission(formGuid, submissionId, options = {}) {
      let after: string | undefined;
      for (let page = 0; page < (options.maxPages ?? 3); page += 1) {
        const result = await listFormSubmissions(formGuid, after === undefined ? {} : { after });
        const found = result.submissions.find((s) => s.submissionId === submissionId);
        if (found) return found;
        if (result.nextAfter === null) return null;
        after = result.nextAfter;
      }
      return null;
    },
  };
}

/**
 * A Webhooks-API event names only the contact (objectId). The contact comes from v3; its
 * submissions from the legacy profile (the only read with form id + conversion id); the field
 * values from the Forms API. Null when the contact no longer exists (merged or deleted).
 */
export async function getContactForEvent(
  deps: { client: HubspotClient; adapter: HubspotCrmAdapter; forms: HubspotForms },
  objectId: string,
  options: { maxPages?: number } = {},
): Promise<ContactForEvent | null> {
  const object = await deps.client.getContact(objectId, 'id');
  if (object === null) return null;
  const contact = await deps.adapter.toContact(object);
  const latest = contact.recentSubmissions[0] ?? null;
  const values =
    latest === null ? null : await deps.forms.findFormSubmission(latest.formId, latest.submissionId, options);
  return { contact, latestSubmission: latest, latestSubmissionValues: values };
}
