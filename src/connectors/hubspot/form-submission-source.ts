// The FormSubmissionSource port over HubSpot: the Forms submissions API for the poller, and a
// contact's latest submission (legacy profile + Forms API values) for a Webhooks API event.
import type { FormSubmissionRecord, FormSubmissionSource } from '../../domain/ports/form-submissions.js';
import type { ContactForEvent, HubspotForms } from './forms.js';
import type { FormSubmissionRecord as HubspotSubmission } from './mapping.js';

export function createHubspotFormSubmissionSource(
  crm: { forms: HubspotForms; getContactForEvent(objectId: string): Promise<ContactForEvent | null> },
  portalId: string | null,
): FormSubmissionSource {
  const toRecord = (s: HubspotSubmission): FormSubmissionRecord => ({
    formId: s.formId,
    submissionId: s.submissionId,
    submittedAt: s.submittedAt,
    values: s.values,
    pageUrl: s.pageUrl,
    portalId,
  });
  return {
    async listSubmissions(formId, page) {
      const result = await crm.forms.listFormSubmissions(formId, { limit: page.limit, ...(page.after === null ? {} : { after: page.after }) });
      return { submissions: result.submissions.map(toRecord), nextAfter: result.nextAfter };
    },
    async findLatestSubmissionForContact(contactId) {
      const found = await crm.getContactForEvent(contactId);
      return found?.latestSubmissionValues ? toRecord(found.latestSubmissionValues) : null;
    },
  };
}
