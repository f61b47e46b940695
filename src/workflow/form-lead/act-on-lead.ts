// Steps 10-13: write the draft, save it in Gmail, log the HubSpot task and note, label the thread.
// Every external write goes through performOnce, so a retried or resumed step never repeats it.
import { createBusinessCalendar } from '../../domain/calendar/business-calendar.js';
import { collectDraftFacts } from '../../domain/draft/draft-facts.js';
import { lintDraft } from '../../domain/draft/lint-draft.js';
import { writeDraft } from '../../domain/draft/write-draft.js';
import { PermanentError } from '../../domain/errors.js';
import type { DraftContent } from '../../domain/results.js';
import type { StepApi, StepContext } from '../engine.js';
import { performOnce } from '../perform-once.js';
import type { FormLeadDeps } from './form-lead-deps.js';
import type { CrmActivity, GmailDraftRecord, LabelRecord, LlmDraftRecord, WrittenDraft } from './form-lead-steps.js';
import type { Understanding } from './understand-lead.js';
import { writeDraftWithLlm } from './write-draft-with-llm.js';

export interface Actions {
  written: WrittenDraft;
  gmail: GmailDraftRecord;
  crm: CrmActivity;
  label: LabelRecord;
}

export async function actOnLead(step: StepApi, deps: FormLeadDeps, u: Understanding): Promise<Actions> {
  const written = await step.run('write-draft', () => composeDraft(deps, u));
  const gmail = await step.run('create-gmail-draft', (ctx) => createGmailDraft(deps, written, ctx));
  const crm = await step.run('log-crm-activity', (ctx) => logCrmActivity(deps, u, gmail, ctx));
  const label = await step.run('label-thread', () => labelThread(deps, gmail.threadId));
  return { written, gmail, crm, label };
}

// With a model configured it writes first; the deterministic writer takes over when the model's
// draft still fails the linter after its repairs, or the model cannot be reached.
async function composeDraft(deps: FormLeadDeps, u: Understanding): Promise<WrittenDraft> {
  const { settings } = deps;
  const input = {
    lead: u.lead,
    seller: settings.seller,
    voice: settings.voice,
    plan: u.plan,
    slots: u.slots,
    asset: u.plan.shareAsset ? u.assets.chosen : null,
    insight: u.reading.insight,
    research: u.research,
    patterns: u.similar.patterns,
  };
  const facts = collectDraftFacts(input, u.similar.otherCompanyNames);
  let llm: LlmDraftRecord | null = null;
  if (deps.connectors.llm !== null) {
    const outcome = await writeDraftWithLlm(deps.connectors.llm, input, facts);
    if (outcome.draft !== null) return toWritten(u, outcome.draft, facts, 'llm', outcome.record);
    llm = outcome.record;
  }
  const { subject, body } = writeDraft(input);
  const lint = lintDraft({ subject, body }, settings.voice, facts);
  if (lint.length > 0) {
    // The deterministic writer must always pass its own linter; a failure here is a bug, not a draft.
    throw new PermanentError(`the draft failed its lint: ${lint.map((p) => `${p.rule}: ${p.message}`).join('; ')}`, {
      details: { lint },
    });
  }
  return toWritten(u, { subject, body }, facts, 'deterministic', llm);
}

function toWritten(
  u: Understanding,
  text: { subject: string; body: string },
  facts: WrittenDraft['facts'],
  writer: WrittenDraft['writer'],
  llm: LlmDraftRecord | null,
): WrittenDraft {
  const insight = u.reading.insight;
  const draft: DraftContent = {
    to: u.lead.email,
    subject: text.subject,
    body: text.body,
    threadId: insight?.threadId ?? null,
    inReplyTo: insight?.lastMessageIdHeader ?? null,
    references: insight?.references ?? [],
  };
  // Both writers' drafts passed the linter by now, so the recorded lint is empty.
  return { draft, lint: [], writer, facts, ...(llm === null ? {} : { llm }) };
}

async function createGmailDraft(deps: FormLeadDeps, written: WrittenDraft, ctx: StepContext): Promise<GmailDraftRecord> {
  const { mail } = deps.connectors;
  const { draft } = written;
  const key = `${ctx.idempotencyKey}:draft`;
  const outcome = await performOnce({
    ledger: ctx.ledger,
    tenantId: ctx.tenantId,
    runId: ctx.runId,
    stepId: ctx.stepId,
    idempotencyKey: key,
    kind: 'mail.draft',
    now: () => ctx.now,
    call: async () => {
      const ref = await mail.createDraft(Object.assign({}, draft, { idempotencyKey: key }));
      return { externalId: ref.draftId, result: ref };
    },
    reconcile: async () => {
      const ref = await mail.findDraftByIdempotencyKey(key);
      return ref ? { externalId: ref.draftId, result: ref } : null;
    },
  });
  const ref = outcome.result;
  // The review record is idempotent per run, so a retried step finds the one it already saved.
  await deps.drafts?.saveDraft(
    Object.assign({ id: `draft-${ctx.runId}`, tenantId: ctx.tenantId, runId: ctx.runId }, draft, {
      threadId: ref.threadId,
      gmailDraftId: ref.draftId,
      gmailMessageId: ref.messageId,
      lint: written.lint,
      createdAt: ctx.now,
    }),
  );
  return {
    draftId: ref.draftId,
    messageId: ref.messageId,
    threadId: ref.threadId,
    threaded: draft.threadId === null || draft.threadId === ref.threadId,
    reused: outcome.reused,
  };
}

async function logCrmActivity(deps: FormLeadDeps, u: Understanding, gmail: GmailDraftRecord, ctx: StepContext): Promise<CrmActivity> {
  const { settings } = deps;
  const { crm } = deps.connectors;
  const calendar = createBusinessCalendar({
    timeZone: settings.seller.timeZone,
    workingHours: settings.workingHours,
    holidays: settings.holidays,
  });
  const dueAt = calendar.businessDaysLaterAtStartOfDay(ctx.now, settings.crm.taskDueBusinessDays);
  const contactId = u.resolved.contact.id;
  const ownerId = u.resolved.contact.ownerId;
  const who = [u.lead.firstName, u.lead.lastName].filter(Boolean).join(' ') || u.lead.email;
  const subject = `Follow up with ${who}${u.lead.company ? ` (${u.lead.company})` : ''}`;
  const body = taskBody(u, gmail);
  const base = { ledger: ctx.ledger, tenantId: ctx.tenantId, runId: ctx.runId, stepId: ctx.stepId, now: () => ctx.now };
  const taskKey = `${ctx.idempotencyKey}:task`;
  const task = await performOnce(Object.assign({}, base, {
    idempotencyKey: taskKey,
    kind: 'crm.task',
    call: async () => {
      const input = { contactId, subject, body, dueAt, priority: settings.crm.taskPriority, type: 'EMAIL' as const, ownerId };
      const ref = await crm.createTask(input, taskKey);
      return { externalId: ref.id, result: ref };
    },
    reconcile: async () => {
      const ref = await crm.findTaskByIdempotencyKey(taskKey);
      return ref ? { externalId: ref.id, result: ref } : null;
    },
  }));
  const noteKey = `${ctx.idempotencyKey}:note`;
  const noteBody = noteText(u, gmail);
  const note = await performOnce(Object.assign({}, base, {
    idempotencyKey: noteKey,
    kind: 'crm.note',
    call: async () => {
      const ref = await crm.createNote({ contactId, body: noteBody, timestamp: ctx.now, ownerId }, noteKey);
      return { externalId: ref.id, result: ref };
    },
    reconcile: async () => {
      const ref = await crm.findNoteByIdempotencyKey(noteKey);
      return ref ? { externalId: ref.id, result: ref } : null;
    },
  }));
  return {
    task: { id: task.externalId, subject, body, dueAt, contactId, priority: settings.crm.taskPriority },
    note: { id: note.externalId, body: noteBody },
  };
}

function taskBody(u: Understanding, gmail: GmailDraftRecord): string {
  return [
    `A reply draft is ready in Gmail (draft ${gmail.draftId}): review it and send.`,
    `Plan: ${u.plan.action}. ${u.plan.reason}`,
  ].join('\n');
}

function noteText(u: Understanding, gmail: GmailDraftRecord): string {
  const lines = [
    `Sales Agent handled a form submission${u.lead.source.formId ? ` (form ${u.lead.source.formId})` : ''}.`,
    `Plan: ${u.plan.action}. ${u.plan.reason}`,
    `Gmail draft ${gmail.draftId} saved in thread ${gmail.threadId}; nothing was sent.`,
  ];
  if (u.slots.slots.length > 0) lines.push(`Times offered: ${u.slots.slots.map((s) => s.label).join('; ')}.`);
  if (u.plan.shareAsset && u.assets.chosen) lines.push(`Asset shared: ${u.assets.chosen.name} (${u.assets.chosen.url}).`);
  if (u.reading.insight) lines.push(`Thread context: ${u.reading.insight.summary}`);
  return lines.join('\n');
}

async function labelThread(deps: FormLeadDeps, threadId: string): Promise<LabelRecord> {
  const { mail } = deps.connectors;
  const label = deps.settings.crm.gmailLabel;
  // Both calls are idempotent by nature (get-or-create, then add a label the thread may already have).
  const labelId = await mail.ensureLabel(label);
  await mail.applyLabel(threadId, labelId);
  return { label, labelId, threadId };
}
