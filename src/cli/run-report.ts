// Builds the CLI's run report (and its --json object) from a stored run and its step checkpoints.
// It reads step outputs by the workflow's step ids; it runs nothing.
import type { Lead } from '../domain/lead.js';
import type { RunRecord, StepRecord } from '../domain/ports/run-store.js';
import type { AssetSearch, LintProblem, NextStepPlan, ProposedSlot, ProspectResearch, SlotProposal } from '../domain/results.js';
import type {
  CrmActivity,
  GmailDraftRecord,
  LabelRecord,
  ResolvedContact,
  ThreadReading,
  WrittenDraft,
} from '../workflow/form-lead/form-lead-steps.js';
import { FORM_LEAD_STEPS } from '../workflow/form-lead/form-lead-steps.js';

export interface StepSummary {
  id: string;
  status: 'pending' | StepRecord['status'];
  attempts: number;
  durationMs: number;
  error: { code: string; message: string } | null;
  /** Why a skipped step was skipped. */
  reason: string | null;
}

export interface RunReport {
  runId: string;
  status: RunRecord['status'];
  reason: string | null;
  error: RunRecord['error'];
  clock: { now: string; source: string };
  systems: Record<'crm' | 'mail' | 'drive' | 'calendar' | 'llm', string>;
  steps: StepSummary[];
  lead: Lead | null;
  contact: { id: string; isNew: boolean; companyId: string | null } | null;
  research: ProspectResearch | null;
  thread: ThreadReading['insight'];
  slots: (ProposedSlot & { timeZone: string })[];
  slotProposal: Omit<SlotProposal, 'slots'> | null;
  asset: AssetSearch | null;
  plan: NextStepPlan | null;
  draft: (WrittenDraft['draft'] & { gmailDraftId: string | null; threaded: boolean | null }) | null;
  task: CrmActivity['task'] | null;
  note: CrmActivity['note'] | null;
  label: LabelRecord | null;
  lint: LintProblem[];
}

export function summariseSteps(steps: StepRecord[]): StepSummary[] {
  return FORM_LEAD_STEPS.map((id) => {
    const attempts = steps.filter((s) => s.stepId === id);
    const last = attempts.at(-1);
    if (!last) return { id, status: 'pending', attempts: 0, durationMs: 0, error: null, reason: null };
    const reason = last.status === 'skipped' ? ((last.output as { reason?: string } | null)?.reason ?? null) : null;
    return {
      id,
      status: last.status,
      attempts: attempts.length,
      durationMs: attempts.reduce((sum, s) => sum + (s.durationMs ?? 0), 0),
      error: last.error,
      reason,
    };
  });
}

export function buildRunReport(
  run: RunRecord,
  steps: StepRecord[],
  context: { clock: RunReport['clock']; systems: RunReport['systems'] },
): RunReport {
  const output = <T>(id: string): T | null => {
    const done = steps.filter((s) => s.stepId === id && s.status === 'succeeded').at(-1);
    return done ? (done.output as T) : null;
  };
  const resolved = output<ResolvedContact>('resolve-contact');
  const proposal = output<SlotProposal>('propose-slots');
  const written = output<WrittenDraft>('write-draft');
  const gmail = output<GmailDraftRecord>('create-gmail-draft');
  const crm = output<CrmActivity>('log-crm-activity');
  const { slots = [], ...proposalRest } = proposal ?? {};
  return {
    runId: run.id,
    status: run.status,
    reason: run.reason,
    error: run.error,
    clock: context.clock,
    systems: context.systems,
    steps: summariseSteps(steps),
    lead: output<Lead>('validate-submission'),
    contact: resolved ? { id: resolved.contact.id, isNew: resolved.isNewContact, companyId: resolved.contact.companyId } : null,
    research: output<ProspectResearch>('research-prospect'),
    thread: output<ThreadReading>('read-thread')?.insight ?? null,
    slots: slots.map((s) => ({ ...s, timeZone: proposal?.displayTimeZone ?? '' })),
    slotProposal: proposal ? (proposalRest as Omit<SlotProposal, 'slots'>) : null,
    asset: output<AssetSearch>('find-assets'),
    plan: output<NextStepPlan>('plan-next-step'),
    draft: written ? { ...written.draft, gmailDraftId: gmail?.draftId ?? null, threaded: gmail?.threaded ?? null } : null,
    task: crm?.task ?? null,
    note: crm?.note ?? null,
    label: output<LabelRecord>('label-thread'),
    lint: written?.lint ?? [],
  };
}
