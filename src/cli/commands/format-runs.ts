// Plain-text tables for `sales-agent runs`: the run list, and one run with every step attempt and its
// audit trail. Pure formatting of stored records; times print in UTC, as stored.
import type { AuditEvent } from '../../domain/ports/audit.js';
import type { RunListItem } from '../../domain/ports/run-queries.js';
import type { RunRecord, StepRecord } from '../../domain/ports/run-store.js';

export function formatRunList(items: RunListItem[]): string {
  if (items.length === 0) return 'No runs stored yet (sales-agent run <lead.json> makes one).';
  const rows = items.map((r) => [
    r.id,
    r.status,
    r.email ?? '-',
    r.company ?? '-',
    shortTime(r.createdAt),
    r.error ? `${r.currentStep ?? '-'}: [${r.error.code}] ${r.error.message}` : (r.reason ?? r.currentStep ?? '-'),
  ]);
  return table(['ID', 'STATUS', 'EMAIL', 'COMPANY', 'CREATED (UTC)', 'STEP / ERROR'], rows);
}

export function formatRunDetail(run: RunRecord, steps: StepRecord[], audit: AuditEvent[]): string {
  const out = [
    `Run ${run.id}: ${run.status.toUpperCase()}${run.reason ? ` (${run.reason})` : ''}`,
    `Workflow: ${run.workflow}, attempt ${run.attempt}, current step ${run.currentStep ?? '-'}`,
    `Idempotency key: ${run.idempotencyKey}`,
    `Created ${run.createdAt}, updated ${run.updatedAt}, finished ${run.finishedAt ?? '-'}`,
  ];
  if (run.error) out.push(`Error: [${run.error.code}] ${run.error.message}`);
  out.push('', 'Steps (every attempt)');
  const stepRows = steps.map((s) => [
    s.stepId,
    String(s.attempt),
    s.status,
    s.durationMs === null ? '-' : `${s.durationMs} ms`,
    s.error ? `[${s.error.code}] ${s.error.message}` : '',
  ]);
  out.push(steps.length === 0 ? '  (none yet)' : indent(table(['STEP', 'ATTEMPT', 'STATUS', 'DURATION', 'ERROR'], stepRows)));
  out.push('', 'Audit trail');
  const auditRows = audit.map((e) => [e.at, e.actor, e.action, e.stepId ?? '', compactDetails(e.details)]);
  out.push(audit.length === 0 ? '  (none)' : indent(table(['AT', 'ACTOR', 'ACTION', 'STEP', 'DETAILS'], auditRows)));
  return out.join('\n');
}

function table(header: string[], rows: string[][]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd())
    .join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** 2026-11-24T15:14:37.000Z -> 2026-11-24 15:14 */
function shortTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** The details on one line, without the nulls a transition carries by default. */
function compactDetails(details: Record<string, unknown>): string {
  const kept = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== null && v !== undefined));
  return Object.keys(kept).length === 0 ? '' : JSON.stringify(kept);
}
