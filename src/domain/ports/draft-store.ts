// Drafts the agent wrote, with their approval trail. State changes are compare-and-set, so two
// operators (or an operator and the sender) cannot both move one draft.
import type { LintProblem } from '../results.js';

export const DRAFT_STATES = ['pending', 'approved', 'rejected', 'sent'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];

export interface DraftRecord {
  id: string;
  tenantId: string;
  runId: string;
  to: string;
  subject: string;
  body: string;
  threadId: string | null;
  inReplyTo: string | null;
  references: string[];
  gmailDraftId: string | null;
  gmailMessageId: string | null;
  state: DraftState;
  lint: LintProblem[];
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewDraft = Omit<DraftRecord, 'decidedBy' | 'decidedAt' | 'decisionReason' | 'sentAt' | 'updatedAt' | 'state'>;

export interface DraftPatch {
  subject?: string;
  body?: string;
  lint?: LintProblem[];
  state?: DraftState;
  decidedBy?: string | null;
  decidedAt?: string | null;
  decisionReason?: string | null;
  sentAt?: string | null;
  gmailDraftId?: string | null;
  gmailMessageId?: string | null;
  updatedAt: string;
  /** Who made the change, for the audit event (defaults to decidedBy, then `system`). */
  actor?: string;
}

export interface DraftStore {
  /** One draft per run: saving again for the same run returns the existing draft. */
  saveDraft(draft: NewDraft): Promise<DraftRecord>;
  findDraft(tenantId: string, draftId: string): Promise<DraftRecord | null>;
  findDraftForRun(tenantId: string, runId: string): Promise<DraftRecord | null>;
  listDrafts(tenantId: string, filter: { state?: DraftState; limit: number; cursor?: string | null }): Promise<{ items: DraftRecord[]; nextCursor: string | null }>;
  countDraftsByState(tenantId: string): Promise<Record<DraftState, number>>;
  /** Applies the patch only while the draft is in one of `expected`; null when it was not. */
  updateDraft(tenantId: string, draftId: string, expected: DraftState[], patch: DraftPatch): Promise<DraftRecord | null>;
  /** Sends since the instant: all of the tenant's, or to one address. */
  countSent(tenantId: string, filter: { since: string; to?: string }): Promise<number>;
}
