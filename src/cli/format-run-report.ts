// The human-readable run report the CLI prints: steps, plan, slots, asset, the full draft, CRM writes.
import { DateTime } from 'luxon';
import type { RunReport, StepSummary } from './run-report.js';

export function formatRunReport(report: RunReport, sellerTimeZone: string): string {
  const out: string[] = [];
  const push = (...lines: string[]): void => void out.push(...lines);
  push(`Run ${report.runId}: ${report.status.toUpperCase()}${report.reason ? ` (${report.reason})` : ''}`);
  if (report.error) push(`Error: [${report.error.code}] ${report.error.message}`);
  push(`Clock: ${report.clock.now} (${report.clock.source})`);
  push(`Systems: ${Object.entries(report.systems).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (report.lead) {
    const l = report.lead;
    const name = [l.firstName, l.lastName].filter(Boolean).join(' ') || '(no name)';
    push(`Lead: ${name} <${l.email}>${l.company ? `, ${l.company}` : ''}${l.jobTitle ? `, ${l.jobTitle}` : ''}`);
    if (l.message) push(`  wrote: "${l.message}"`);
  }
  if (report.contact) push(`Contact: HubSpot ${report.contact.id} (${report.contact.isNew ? 'created now' : 'existing'})`);
  push('', 'Steps', ...report.steps.map(formatStep));
  if (report.thread) push('', `Thread: ${report.thread.subject} (${report.thread.messageCount} messages, last from ${report.thread.lastSpeaker})`, `  ${report.thread.summary}`);
  if (report.plan) push('', `Plan: ${report.plan.action}`, `  ${report.plan.reason}`);
  formatSlots(report, push);
  if (report.asset) {
    const a = report.asset.chosen;
    push('', a ? `Asset: ${a.name}` : `Asset: none (${report.asset.reason ?? 'nothing relevant'})`);
    if (a) push(`  ${a.url}`, `  why: ${a.reason} (folder ${a.folderPath.join('/')}; ${report.asset.eligible} of ${report.asset.considered} files allowlisted)`);
  }
  formatDraft(report, push);
  if (report.task) push('', `HubSpot task ${report.task.id}: "${report.task.subject}", ${report.task.priority}, due ${formatInstant(report.task.dueAt, sellerTimeZone)}, on contact ${report.task.contactId}`);
  if (report.note) push(`HubSpot note ${report.note.id}:`, ...indent(report.note.body));
  if (report.label) push(`Gmail label "${report.label.label}" applied to thread ${report.label.threadId}`);
  return out.join('\n');
}

function formatStep(step: StepSummary, index: number): string {
  const n = String(index + 1).padStart(3);
  const attempts = step.attempts === 1 ? '1 attempt ' : `${step.attempts} attempts`;
  const base = `${n} ${step.id.padEnd(20)} ${step.status.padEnd(9)} ${attempts} ${String(step.durationMs).padStart(5)} ms`;
  if (step.error) return `${base}  [${step.error.code}] ${step.error.message}`;
  if (step.reason) return `${base}  ${step.reason}`;
  return base;
}

function formatSlots(report: RunReport, push: (...l: string[]) => void): void {
  const proposal = report.slotProposal;
  if (!proposal) return;
  const zones = proposal.displayTimeZone === proposal.sellerTimeZone ? proposal.displayTimeZone : `${proposal.displayTimeZone}; seller in ${proposal.sellerTimeZone}`;
  if (report.slots.length === 0) {
    push('', `Slots: none (${proposal.noSlotsReason ?? 'no reason given'})`);
    return;
  }
  push('', `Slots (shown in ${zones}):`);
  for (const slot of report.slots) {
    const seller = slot.sellerLabel !== slot.label ? `  (seller: ${slot.sellerLabel})` : '';
    push(`  ${slot.label}${seller}`);
  }
}

function formatDraft(report: RunReport, push: (...l: string[]) => void): void {
  const d = report.draft;
  if (!d) return;
  const thread = d.threadId ? `reply in thread ${d.threadId}${d.threaded === false ? ' (WARNING: Gmail filed it in a new thread)' : ''}` : 'new thread';
  push('', 'Draft', `  To:      ${d.to}`, `  Subject: ${d.subject}`, `  Thread:  ${thread}`);
  if (d.gmailDraftId) push(`  Gmail draft: ${d.gmailDraftId} (saved, not sent)`);
  push('  ' + '-'.repeat(60), ...indent(d.body), '  ' + '-'.repeat(60));
  push(`  Lint: ${report.lint.length === 0 ? 'clean' : report.lint.map((p) => `${p.rule}: ${p.message}`).join('; ')}`);
}

function indent(text: string): string[] {
  return text.split('\n').map((line) => (line ? `  ${line}` : ''));
}

function formatInstant(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone }).toFormat("ccc, LLL d yyyy, h:mm a ZZZZ");
}
