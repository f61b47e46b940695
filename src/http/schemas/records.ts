// Response schemas for the domain records the services return (ports/*.ts). Each is checked against
// its TypeScript type with Covers, so the API cannot drift from the records silently.
import { z } from 'zod';
import type { AuditEvent } from '../../domain/ports/audit.js';
import { DRAFT_STATES, type DraftRecord } from '../../domain/ports/draft-store.js';
import type { SubmissionRecord } from '../../domain/ports/intake-store.js';
import type { FailureGroup, RunListItem } from '../../domain/ports/run-queries.js';
import {
  RUN_STATUSES,
  STEP_STATUSES,
  type RunRecord,
  type StepRecord,
} from '../../domain/ports/run-store.js';
import { LINT_RULES, type LintProblem } from '../../domain/results.js';
import type { Covers } from './common.js';

export const RunStatusSchema = z.enum(RUN_STATUSES);
export const DraftStateSchema = z.enum(DRAFT_STATES);

export const RunErrorSchema = z.object({ code: z.string(), message: z.string() });

export const RunRecordSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  workflow: z.string(),
  idempotencyKey: z.string(),
  status: RunStatusSchema,
  currentStep: z.string().nullable(),
  attempt: z.number().int(),
  input: z.unknown(),
  error: RunErrorSchema.nullable(),
  reason: z.string().nullable(),
  traceId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const StepRecordSchema = z.object({
  runId: z.string(),
  stepId: z.string(),
  attempt: z.number().int(),
  status: z.enum(STEP_STATUSES),
  output: z.unknown(),
  error: RunErrorSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
});

export const AuditEventSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  actor: z.string(),
  action: z.string().meta({ description: '`area.verb`, e.g. run.started, draft.approved' }),
  runId: z.string().nullable(),
  stepId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const SubmissionRecordSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  idempotencyKey: z.string(),
  sourceKind: z.enum(['hubspot-form', 'hubspot-workflow', 'hubspot-flat', 'hubspot-poll', 'hubspot-event', 'json']),
  portalId: z.string().nullable(),
  formId: z.string().nullable(),
  submissionId: z.string().nullable(),
  rawPayload: z.string(),
  payload: z.unknown(),
  receivedAt: z.string(),
  runId: z.string().nullable(),
});

export const LintProblemSchema = z.object({
  rule: z.enum(LINT_RULES),
  message: z.string(),
  excerpt: z.string().nullable(),
});

export const DraftRecordSchema = z.object({
  id: z.string(),
  tenantId: z.string(),
  runId: z.string(),
  to: z.string(),
  subject: z.string(),
  body: z.string(),
  threadId: z.string().nullable(),
  inReplyTo: z.string().nullable(),
  references: z.array(z.string()),
  gmailDraftId: z.string().nullable(),
  gmailMessageId: z.string().nullable(),
  state: DraftStateSchema,
  lint: z.array(LintProblemSchema).meta({ description: 'Linter problems; an edit re-runs the linter' }),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const RunListItemSchema = z.object({
  id: z.string(),
  status: RunStatusSchema,
  email: z.string().nullable(),
  company: z.string().nullable(),
  formId: z.string().nullable(),
  currentStep: z.string().nullable(),
  attempt: z.number().int(),
  error: RunErrorSchema.nullable(),
  reason: z.string().nullable(),
  deadLettered: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

export const FailureGroupSchema = z.object({
  errorCode: z.string(),
  stepId: z.string().nullable(),
  message: z.string(),
  count: z.number().int(),
  runIds: z.array(z.string()),
});

type Out<S extends z.ZodType> = z.output<S>;
const _run: Covers<Out<typeof RunRecordSchema>, RunRecord> = true;
const _step: Covers<Out<typeof StepRecordSchema>, StepRecord> = true;
const _audit: Covers<Out<typeof AuditEventSchema>, AuditEvent> = true;
const _submission: Covers<Out<typeof SubmissionRecordSchema>, SubmissionRecord> = true;
const _lint: Covers<Out<typeof LintProblemSchema>, LintProblem> = true;
const _draft: Covers<Out<typeof DraftRecordSchema>, DraftRecord> = true;
const _item: Covers<Out<typeof RunListItemSchema>, RunListItem> = true;
const _failure: Covers<Out<typeof FailureGroupSchema>, FailureGroup> = true;
