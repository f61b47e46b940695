// Tables for what the service wrote outside itself: the side-effect ledger, the Gmail drafts with their
// approval trail, and the CRM tasks and notes. Rows are keyed so a retried step finds its earlier write.
import {
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  check,
  bigint,
  unique,
} from 'drizzle-orm/pg-core';
import { instant, oneOf } from './columns.js';
import { workflowRuns } from './runs.js';

export const SIDE_EFFECT_STATUSES = ['intent', 'done'] as const;
export const DRAFT_STATES = ['pending', 'approved', 'rejected', 'sent'] as const;
export type DraftState = (typeof DRAFT_STATES)[number];
export const CRM_ACTIVITY_KINDS = ['task', 'note'] as const;

export const sideEffects = pgTable(
  'side_effects',
  {
    tenantId: text('tenant_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    runId: text('run_id').notNull(),
    stepId: text('step_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').$type<(typeof SIDE_EFFECT_STATUSES)[number]>().notNull(),
    externalId: text('external_id'),
    result: jsonb('result'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'side_effects_pkey', columns: [t.tenantId, t.idempotencyKey] }),
    check('side_effects_status_check', oneOf(t.status, SIDE_EFFECT_STATUSES)),
    index('side_effects_tenant_run_idx').on(t.tenantId, t.runId),
  ],
);

export const drafts = pgTable(
  'drafts',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    runId: text('run_id').notNull(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    threadId: text('thread_id'),
    inReplyTo: text('in_reply_to'),
    references: jsonb('reference_ids').$type<string[]>().notNull().default([]),
    gmailDraftId: text('gmail_draft_id'),
    gmailMessageId: text('gmail_message_id'),
    state: text('state').$type<DraftState>().notNull(),
    lint: jsonb('lint').notNull().default([]),
    /** The approval trail: who decided, when, and why (a rejection's reason). */
    decidedBy: text('decided_by'),
    decidedAt: instant('decided_at'),
    decisionReason: text('decision_reason'),
    sentAt: instant('sent_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ name: 'drafts_pkey', columns: [t.tenantId, t.id] }),
    foreignKey({
      name: 'drafts_run_fk',
      columns: [t.tenantId, t.runId],
      foreignColumns: [workflowRuns.tenantId, workflowRuns.id],
    }),
    check('drafts_state_check', oneOf(t.state, DRAFT_STATES)),
    // One draft per run: a retried step that saves again finds the draft it saved before.
    unique('drafts_tenant_run_unique').on(t.tenantId, t.runId),
    index('drafts_tenant_state_created_idx').on(t.tenantId, t.state, t.createdAt),
    index('drafts_tenant_created_idx').on(t.tenantId, t.createdAt.desc()),
    // The sending caps count recent sends per tenant and per address.
    index('drafts_tenant_state_sent_idx').on(t.tenantId, t.state, t.sentAt),
  ],
);

export const crmActivity = pgTable(
  'crm_activity',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: text('tenant_id').notNull(),
    runId: text('run_id').notNull(),
    kind: text('kind').$type<(typeof CRM_ACTIVITY_KINDS)[number]>().notNull(),
    externalId: text('external_id').notNull(),
    dueAt: instant('due_at'),
    payload: jsonb('payload').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    foreignKey({
      name: 'crm_activity_run_fk',
      columns: [t.tenantId, t.runId],
      foreignColumns: [workflowRuns.tenantId, workflowRuns.id],
    }),
    check('crm_activity_kind_check', oneOf(t.kind, CRM_ACTIVITY_KINDS)),
    index('crm_activity_tenant_run_idx').on(t.tenantId, t.runId),
  ],
);
