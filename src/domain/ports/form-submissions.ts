// Where form submissions can be read back from HubSpot: the Forms submissions API for the poller
// (the source of truth and backfill), and a contact's latest submission for a Webhooks API event.

export interface FormSubmissionRecord {
  formId: string;
  submissionId: string;
  /** ISO instant. */
  submittedAt: string;
  /** Field name to value, as submitted. */
  values: Record<string, string>;
  pageUrl: string | null;
  portalId: string | null;
}

export interface FormSubmissionSource {
  /** Newest first; `nextAfter` continues to older submissions, null on the last page. */
  listSubmissions(formId: string, page: { after: string | null; limit: number }): Promise<{ submissions: FormSubmissionRecord[]; nextAfter: string | null }>;
  /** The contact's newest form submission with its values; null when it has none (or no longer exists). */
  findLatestSubmissionForContact(contactId: string): Promise<FormSubmissionRecord | null>;
}

/** A submission as the lead payload the parser reads (the Forms API row shape). */
export function toSubmissionPayload(record: FormSubmissionRecord): Record<string, unknown> {
  return {
    conversionId: record.submissionId,
    submittedAt: Date.parse(record.submittedAt),
    formId: record.formId,
    portalId: record.portalId,
    pageUrl: record.pageUrl,
    values: Object.entries(record.values).map(([name, value]) => ({ name, value })),
  };
}
