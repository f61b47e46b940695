// The small JSON values the form-lead steps produce. Each is stored as a step's checkpoint output,
// so they hold plain data only (ISO strings, no Date or SDK objects).
import type { Lead } from './lead.js';
import type { MailThreadRef } from './ports/mail.js';
import type { ApprovedAnswer } from './settings.js';

export type CompanySizeBand = 'small' | 'mid' | 'large';

export interface ProspectResearch {
  contactId: string;
  isNewContact: boolean;
  lifecycleStage: string | null;
  leadStatus: string | null;
  owner: { id: string; name: string; email: string } | null;
  company: {
    id: string | null;
    name: string | null;
    domain: string | null;
    industry: string | null;
    employees: number | null;
    sizeBand: CompanySizeBand | null;
  };
  emailDomain: string;
  isPersonalEmail: boolean;
  /** Short facts worth knowing, each traceable to the CRM or the lead. */
  talkingPoints: string[];
}

export interface ThreadSearch {
  threads: MailThreadRef[];
  query: { email: string; since: string };
}

export type Speaker = 'prospect' | 'us';

export interface ThreadInsight {
  threadId: string;
  subject: string;
  messageCount: number;
  lastSpeaker: Speaker;
  lastMessageAt: string;
  /** Message-ID header of the newest message, for In-Reply-To. */
  lastMessageIdHeader: string | null;
  /** Every Message-ID in the thread, oldest first, for References. */
  references: string[];
  /** The prospect's question, when their last message is unanswered and asks one. */
  unansweredQuestion: string | null;
  /** Two or three plain sentences about the latest messages. */
  summary: string;
  topics: string[];
  urgency: { level: 'low' | 'normal' | 'high'; signals: string[] };
}

export interface SimilarPattern {
  /** Abstract, client-free description of what worked. */
  angle: string;
  cta: 'book-meeting' | 'send-asset' | 'answer-question';
  outcome: 'replied' | 'meeting-booked';
  /** Which attributes matched: industry, size, topic:<t>. */
  matchedOn: string[];
}

export interface AssetChoice {
  fileId: string;
  name: string;
  mimeType: string;
  /** Exactly as Drive returned it. */
  url: string;
  folderPath: string[];
  score: number;
  /** Why this one: the words that matched, in plain language. */
  reason: string;
}

export interface AssetSearch {
  chosen: AssetChoice | null;
  /** How many files Drive returned, and how many the allowlist let through. */
  considered: number;
  eligible: number;
  /** Why nothing was chosen, when nothing was. */
  reason: string | null;
}

export interface ProposedSlot {
  /** ISO instants with the seller's offset, e.g. 2026-11-25T10:00:00.000-05:00. */
  start: string;
  end: string;
  /** e.g. "Wed, Nov 25, 10:00 AM EST". */
  sellerLabel: string;
  /** The same slot in the display zone (the prospect's when known), with the zone shown. */
  label: string;
}

export interface SlotProposal {
  slots: ProposedSlot[];
  sellerTimeZone: string;
  /** The zone the labels are written in: the prospect's when known, else the seller's. */
  displayTimeZone: string;
  /** Set when fewer than the minimum fit: the draft asks for their availability instead. */
  noSlotsReason: string | null;
  /** The free/busy window that was searched. */
  window: { start: string; end: string };
}

export type NextAction = 'book-meeting' | 'send-asset' | 'answer-question' | 'no-action';

export type NoActionCode = 'suppressed' | 'unsubscribed' | 'duplicate' | 'spam' | 'competitor' | 'active-conversation';

export interface NextStepPlan {
  action: NextAction;
  /** One sentence a person can read in the dashboard. */
  reason: string;
  noActionCode: NoActionCode | null;
  offerSlots: boolean;
  shareAsset: boolean;
  /** The approved answer to quote, for answer-question. */
  answer: ApprovedAnswer | null;
}

export interface DraftContent {
  to: string;
  subject: string;
  body: string;
  threadId: string | null;
  inReplyTo: string | null;
  references: string[];
}

export const LINT_RULES = [
  'dash',
  'banned-word',
  'banned-punctuation',
  'cta-count',
  'word-limit',
  'paragraph-limit',
  'unknown-time',
  'unknown-url',
  'name-spelling',
  'company-spelling',
  'placeholder',
  'greeting',
  'sign-off',
  'other-client',
  'empty',
] as const;
export type LintRule = (typeof LINT_RULES)[number];

export interface LintProblem {
  rule: LintRule;
  message: string;
  /** The offending text, when there is one. */
  excerpt: string | null;
}

/** What a draft may mention: everything else is a fact it invented. */
export interface DraftFacts {
  lead: Pick<Lead, 'email' | 'firstName' | 'lastName' | 'company'>;
  slots: ProposedSlot[];
  assetUrl: string | null;
  bookingLink: string | null;
  /** Names of other clients that must never appear in this draft. */
  otherCompanyNames: string[];
}
