// The normalised inbound lead every intake route converges on. Parsing lives in lead/parse-lead.ts;
// this file only states the shape, so every layer can name it.

export type LeadSourceKind = 'hubspot-form' | 'hubspot-workflow' | 'hubspot-flat' | 'hubspot-poll' | 'json';

export interface LeadSource {
  kind: LeadSourceKind;
  portalId: string | null;
  formId: string | null;
  /** HubSpot's submission / conversion id; the basis of the idempotency key. */
  submissionId: string | null;
  /** HubSpot contact id (vid / objectId) when the payload carried one. */
  contactId: string | null;
  pageUrl: string | null;
  pageTitle: string | null;
}

export interface Lead {
  /** Lower-cased, trimmed, syntax-checked. */
  email: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  jobTitle: string | null;
  phone: string | null;
  /** What the prospect wrote in the form, trimmed; null when empty. */
  message: string | null;
  /** IANA zone when the form or CRM told us (e.g. `Europe/Berlin`); null when unknown. */
  timeZone: string | null;
  /** Fields the mapping did not name, by their original (trimmed) name. */
  custom: Record<string, string>;
  /** ISO-8601 instant of the submission, when known. */
  submittedAt: string | null;
  source: LeadSource;
}

/** The personal-mail domains that say nothing about the prospect's company. */
export const PERSONAL_EMAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'hotmail.com', 'hotmail.co.uk', 'outlook.com',
  'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com',
  'gmx.com', 'gmx.de', 'web.de', 'mail.com', 'yandex.com', 'zoho.com', 'fastmail.com', 'hey.com',
]);

export function getEmailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at === -1 ? '' : email.slice(at + 1).toLowerCase();
}

export function isPersonalEmail(email: string): boolean {
  return PERSONAL_EMAIL_DOMAINS.has(getEmailDomain(email));
}
