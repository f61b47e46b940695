// The application services the HTTP layer, the CLI and the workers call. http/ depends on these
// interfaces only; the implementations sit beside this file and receive ports.
import type { FieldProblem } from '../domain/errors.js';
import type { AuditEvent } from '../domain/ports/audit.js';
import type { DraftRecord, DraftState } from '../domain/ports/draft-store.js';
import type { SubmissionRecord } from '../domain/ports/intake-store.js';
import type { FailureGroup, RunListFilter, RunListItem } from '../domain/ports/run-queries.js';
import type { RunRecord, RunStatus, StepRecord } from '../domain/ports/run-store.js';
import type { SendCheck } from '../domain/sending/check-send.js';
import type { TenantSettings } from '../domain/settings.js';

/** Who is acting: `system`, `user:<id>`, `api-key:<id>`. Every state change is audited with it. */
export type Actor = string;

export type IntakeRoute = 'hubspot-forms' | 'hubspot-workflow' | 'hubspot-events' | 'hubspot-poll' | 'api';

export type IntakeOutcome =
  | { kind: 'accepted'; runId: string }
  | { kind: 'duplicate'; runId: string }
  /** Deliberately not processed (e.g. a form not on the allowlist): answered 200 so HubSpot does not retry. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'saturated'; retryAfterMs: number };

export interface IntakeService {
  /** Stores the raw payload, its submission and run in one transaction and enqueues the run. No workflow work. */
  submit(input: { tenantId: string; route: IntakeRoute; rawBody: string; payload: unknown }): Promise<IntakeOutcome>;
  /** A Webhooks API batch: each relevant event becomes (at most) one run; duplicates are dropped. */
  submitEvents(input: { tenantId: string; rawBody: string; events: unknown[] }): Promise<{ accepted: string[]; duplicates: string[]; ignored: number }>;
}

export interface RunDetail {
  run: RunRecord & { deadLettered: boolean };
  steps: StepRecord[];
  audit: AuditEvent[];
  submission: SubmissionRecord | null;
  draft: DraftRecord | null;
}

export interface RunsService {
  list(tenantId: string, filter: RunListFilter): Promise<{ items: RunListItem[]; nextCursor: string | null; counts: Record<RunStatus, number> }>;
  get(tenantId: string, runId: string): Promise<RunDetail | null>;
  /** Puts a failed (or dead-lettered, or paused) run back on the queue; it resumes at its failed step. */
  retry(tenantId: string, runId: string, actor: Actor): Promise<RetryOutcome>;
  failures(tenantId: string): Promise<FailureGroup[]>;
}

export type RetryOutcome = { ok: true; run: RunRecord } | { ok: false; code: 'not-found' | 'conflict'; message: string };

/** Which send check refused: the domain's list, so a new check cannot be missed here. */
export type SendRefusal = SendCheck;

export type DraftActionOutcome =
  | { ok: true; draft: DraftRecord }
  | { ok: false; code: 'not-found' | 'conflict' | 'validation'; message: string }
  | { ok: false; code: 'send-refused'; check: SendRefusal; message: string };

export interface DraftsService {
  list(tenantId: string, filter: { state?: DraftState; limit: number; cursor?: string | null }): Promise<{
    items: DraftRecord[];
    nextCursor: string | null;
    counts: Record<DraftState, number>;
  }>;
  get(tenantId: string, draftId: string): Promise<DraftRecord | null>;
  /** Saves the edit and re-runs the linter; problems come back on the draft's `lint`. */
  edit(tenantId: string, draftId: string, change: { subject?: string; body?: string }, actor: Actor): Promise<DraftActionOutcome>;
  approve(tenantId: string, draftId: string, actor: Actor): Promise<DraftActionOutcome>;
  reject(tenantId: string, draftId: string, reason: string, actor: Actor): Promise<DraftActionOutcome>;
  /** Sends an approved draft in SEND mode after re-checking everything; in DRAFT_ONLY it refuses and sends nothing. */
  send(tenantId: string, draftId: string, actor: Actor): Promise<DraftActionOutcome>;
}

export type SettingsOutcome =
  | { ok: true; settings: TenantSettings; version: number; globalKillSwitch: boolean }
  | { ok: false; code: 'validation'; problems: FieldProblem[] }
  | { ok: false; code: 'conflict' | 'not-found'; message: string };

export interface SettingsService {
  get(tenantId: string): Promise<SettingsOutcome>;
  /** Validates the whole document; `mode` cannot change here (use setMode). */
  update(tenantId: string, settings: unknown, expectedVersion: number, actor: Actor): Promise<SettingsOutcome>;
  /** SEND needs the confirmation phrase and is refused while a kill switch is on. */
  setMode(tenantId: string, change: { mode: 'DRAFT_ONLY' | 'SEND'; confirmation?: string; reason?: string }, actor: Actor): Promise<SettingsOutcome>;
}

export interface HealthService {
  live(): { ok: true };
  ready(): Promise<{ ok: boolean; checks: Record<string, { ok: boolean; detail: string }> }>;
}

export interface Services {
  intake: IntakeService;
  runs: RunsService;
  drafts: DraftsService;
  settings: SettingsService;
  health: HealthService;
}
