// The API's shapes as the dashboard reads them (see /docs/json). Hand-written so the web build does
// not depend on server sources; only the fields the views use are listed.

export const RUN_STATUSES = ['pending', 'running', 'paused', 'waiting', 'succeeded', 'skipped', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const DRAFT_STATES = ['pending', 'approved', 'rejected', 'sent'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];
export type Role = 'admin' | 'operator' | 'viewer';

export interface RunError { code: string; message: string }

export interface RunListItem {
  id: string; status: RunStatus; email: string | null; company: string | null; formId: string | null;
  currentStep: string | null; attempt: number; error: RunError | null; reason: string | null;
  deadLettered: boolean; createdAt: string; updatedAt: string; finishedAt: string | null;
}

export interface RunList { items: RunListItem[]; nextCursor: string | null; counts: Record<RunStatus, number> }

export interface RunRecord {
  id: string; status: RunStatus; currentStep: string | null; attempt: number; input: unknown;
  error: RunError | null; reason: string | null; createdAt: string; updatedAt: string; finishedAt: string | null;
  deadLettered: boolean;
}

export interface StepRecord {
  runId: string; stepId: string; attempt: number; status: 'running' | 'succeeded' | 'failed' | 'skipped';
  output: unknown; error: RunError | null; startedAt: string; finishedAt: string | null; durationMs: number | null;
}

export interface AuditEvent {
  id: string; actor: string; action: string; runId: string | null; stepId: string | null;
  details: Record<string, unknown>; at: string;
}

export interface Submission {
  id: string; sourceKind: string; portalId: string | null; formId: string | null; submissionId: string | null;
  rawPayload: string; receivedAt: string;
}

export interface LintProblem { rule: string; message: string; excerpt: string | null }

export interface Draft {
  id: string; runId: string; to: string; subject: string; body: string; threadId: string | null;
  gmailDraftId: string | null; gmailMessageId: string | null; state: DraftState; lint: LintProblem[];
  decidedBy: string | null; decidedAt: string | null; decisionReason: string | null; sentAt: string | null;
  createdAt: string; updatedAt: string;
}

export interface DraftList { items: Draft[]; nextCursor: string | null; counts: Record<DraftState, number> }

export interface RunDetail {
  run: RunRecord; steps: StepRecord[]; audit: AuditEvent[]; submission: Submission | null; draft: Draft | null;
}

export interface FailureGroup { errorCode: string; stepId: string | null; message: string; count: number; runIds: string[] }

export interface Principal { kind: 'user' | 'api-key'; label: string; role: Role; actor: string }
export interface SessionState { principal: Principal | null; csrfToken: string | null; setupRequired: boolean }

export interface VoiceProfile {
  name: string; tone: 'professional' | 'friendly' | 'casual' | 'formal'; greeting: string; signOff: string;
  maxParagraphs: number; maxWords: number; bannedWords: string[]; bannedPunctuation: string[];
  ctaStyle: 'question' | 'soft-question'; allowPs: boolean; useContractions: boolean;
}

export interface DriveFolderRule { folderId: string; name: string; include: string[]; exclude: string[] }

/** The settings document; fields the views do not edit are kept and sent back untouched. */
export interface TenantSettings {
  seller: { name: string; timeZone: string; company: string; email: string; [k: string]: unknown };
  workingHours: { start: string; end: string; days: number[] };
  holidays: { useUsFederal: boolean; extra: string[]; remove: string[] };
  voice: VoiceProfile;
  drive: { folders: DriveFolderRule[] };
  forms: { allowlist: string[] };
  safety: { suppressed: string[]; [k: string]: unknown };
  sending: { mode: 'DRAFT_ONLY' | 'SEND'; killSwitch: boolean; dailyCapPerMailbox: number; perContactCap: number; perContactWindowDays: number };
  [k: string]: unknown;
}

export interface SettingsResult { settings: TenantSettings; version: number; globalKillSwitch: boolean }

export interface SampleDraft { subject: string; body: string; lint: LintProblem[]; lead: { name: string; company: string; message: string } }

export interface AuditPage { items: AuditEvent[]; nextCursor: string | null }

export interface LiveChange { kind: 'run' | 'draft' | 'settings'; runId: string | null; draftId: string | null; status: string | null }
