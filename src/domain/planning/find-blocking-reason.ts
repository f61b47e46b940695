// The reasons the agent must not write to a lead at all, checked in a fixed order: suppressed,
// unsubscribed, competitor, spam, duplicate, active conversation. The first that applies wins.
import type { Lead } from '../lead.js';
import { getEmailDomain } from '../lead.js';
import type { CrmContact } from '../ports/crm.js';
import type { NoActionCode, ProspectResearch, ThreadInsight } from '../results.js';
import type { SafetySettings } from '../settings.js';
import { detectSpam } from './detect-spam.js';

export interface BlockInput {
  lead: Lead;
  contact: CrmContact;
  research: ProspectResearch;
  insight: ThreadInsight | null;
  safety: SafetySettings;
  now: string;
}

export interface Block {
  code: NoActionCode;
  reason: string;
}

const HOUR_MS = 60 * 60 * 1000;

function cleanDomain(entry: string): string {
  return entry
    .trim()
    .toLowerCase()
    .replace(/^@/, '')
    .replace(/^www\./, '');
}

/** The domain itself or any subdomain of it. */
function isUnderDomain(domain: string, entry: string): boolean {
  const wanted = cleanDomain(entry);
  return wanted !== '' && (domain === wanted || domain.endsWith(`.${wanted}`));
}

/** `jane@acme.com` matches that address; `@acme.com` (or a bare `acme.com`) the whole domain. */
function findSuppression(emails: string[], suppressed: string[]): string | null {
  for (const entry of suppressed) {
    const e = entry.trim().toLowerCase();
    const isAddress = e.includes('@') && !e.startsWith('@');
    const hit = emails.some((email) => (isAddress ? email === e : isUnderDomain(getEmailDomain(email), e)));
    if (hit) return entry.trim();
  }
  return null;
}

function checkSuppressed({ lead, contact, safety }: BlockInput): Block | null {
  const emails = [...new Set([lead.email, contact.email].map((e) => e.trim().toLowerCase()))];
  const entry = findSuppression(emails, safety.suppressed);
  return entry === null
    ? null
    : { code: 'suppressed', reason: `${lead.email} is on the suppression list (${entry}).` };
}

function checkUnsubscribed({ lead, contact }: BlockInput): Block | null {
  return contact.emailOptOut
    ? { code: 'unsubscribed', reason: `${lead.email} has opted out of all email in the CRM.` }
    : null;
}

function checkCompetitor({ lead, research, safety }: BlockInput): Block | null {
  const domains = [getEmailDomain(lead.email), research.company.domain?.toLowerCase() ?? ''].filter(
    (d) => d !== '',
  );
  const entry = safety.competitorDomains.find((c) => domains.some((d) => isUnderDomain(d, c)));
  return entry === undefined
    ? null
    : { code: 'competitor', reason: `The lead is from a competitor domain (${cleanDomain(entry)}).` };
}

function checkSpam({ lead }: BlockInput): Block | null {
  const verdict = detectSpam(lead);
  return verdict.isSpam
    ? { code: 'spam', reason: `The submission looks like spam: ${verdict.signals.join('; ')}.` }
    : null;
}

/**
 * Only an EARLIER submission of the same form counts (equal times: the lower submission id is earlier),
 * so of two quick submissions the first is handled and the second is the duplicate, never both.
 */
function checkDuplicate({ lead, contact, safety, now }: BlockInput): Block | null {
  const { formId, submissionId } = lead.source;
  const at = Date.parse(lead.submittedAt ?? now);
  if (formId === null || Number.isNaN(at) || safety.duplicateWindowHours <= 0) return null;
  const windowMs = safety.duplicateWindowHours * HOUR_MS;
  const earlier = contact.recentSubmissions.find((s) => {
    if (s.formId !== formId || s.submissionId === submissionId) return false;
    const other = Date.parse(s.submittedAt);
    const isBefore = other < at || (other === at && submissionId !== null && s.submissionId < submissionId);
    return isBefore && at - other <= windowMs;
  });
  if (earlier === undefined) return null;
  const hours = Math.max(0, Math.round((at - Date.parse(earlier.submittedAt)) / HOUR_MS));
  return {
    code: 'duplicate',
    reason: `The same form was already submitted from this address ${hours} hour(s) earlier (submission ${earlier.submissionId}).`,
  };
}

function checkActiveConversation({ insight, safety, now }: BlockInput): Block | null {
  if (insight === null || insight.lastSpeaker !== 'us' || safety.activeConversationHours <= 0) return null;
  const ageMs = Date.parse(now) - Date.parse(insight.lastMessageAt);
  if (Number.isNaN(ageMs) || ageMs > safety.activeConversationHours * HOUR_MS) return null;
  const hours = Math.max(0, Math.round(ageMs / HOUR_MS));
  return {
    code: 'active-conversation',
    reason: `We wrote to them last, ${hours} hour(s) ago, so the conversation is active.`,
  };
}

const CHECKS = [
  checkSuppressed,
  checkUnsubscribed,
  checkCompetitor,
  checkSpam,
  checkDuplicate,
  checkActiveConversation,
];

export function findBlockingReason(input: BlockInput): Block | null {
  for (const check of CHECKS) {
    const block = check(input);
    if (block !== null) return block;
  }
  return null;
}
