// One run: its header (status, timings, error, retry), the 13-step timeline with a readable summary
// of each step's output, links out to Gmail and HubSpot, the draft, the raw submission and the audit trail.
import { useRetryRun, useRun } from '../api/queries.js';
import type { AuditEvent, Principal, RunDetail, StepRecord } from '../api/types.js';
import { canOperate } from '../app.js';
import { Link } from '../components/link.js';
import { StatusBadge } from '../components/status-badge.js';
import { ActionError, ErrorState, Loading } from '../components/states.js';
import { formatDuration, formatInstant, formatTime, humanize, runDuration } from '../format.js';
import { useNow } from './runs-view.js';
import { findCrmIds, FORM_LEAD_STEPS, summarizeStep } from './step-summaries.js';

export function RunDetailView({ id, principal }: { id: string; principal: Principal }) {
  const detail = useRun(id);
  if (detail.isPending) return <Loading label="Loading the run" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  return <RunDetailBody detail={detail.data} principal={principal} />;
}

function RunDetailBody({ detail, principal }: { detail: RunDetail; principal: Principal }) {
  const { run, steps, submission, draft, audit } = detail;
  const retry = useRetryRun();
  const now = useNow();
  const lead = steps.find((s) => s.stepId === 'validate-submission' && s.status === 'succeeded')?.output as { email?: unknown; company?: unknown } | undefined;
  const title = typeof lead?.email === 'string' ? lead.email : (draft?.to ?? 'Run');
  const company = typeof lead?.company === 'string' ? lead.company : null;
  const canRetry = run.status === 'failed' || run.status === 'paused';

  return (
    <section aria-labelledby="run-title" className="run-detail">
      <p className="breadcrumb"><Link to="/runs">← Runs</Link></p>
      <div className="view-header row">
        <div>
          <h1 id="run-title">{title}{company ? <span className="subtle"> · {company}</span> : null}</h1>
          <p className="subtle mono">Run {run.id}</p>
        </div>
        <div className="actions">
          <StatusBadge status={run.status} deadLettered={run.deadLettered} />
          {canRetry ? (
            <button type="button" className="primary" disabled={!canOperate(principal) || retry.isPending} onClick={() => retry.mutate(run.id)} title={canOperate(principal) ? 'Resume from the failed step' : 'Viewers cannot retry runs'}>
              {retry.isPending ? 'Retrying…' : 'Retry from failed step'}
            </button>
          ) : null}
        </div>
      </div>
      <ActionError error={retry.error} />
      {retry.isSuccess ? <p className="notice" role="status">Retried: the run is back on the queue (attempt {retry.data.run.attempt}).</p> : null}
      <dl className="facts">
        <div><dt>Created</dt><dd>{formatInstant(run.createdAt)}</dd></div>
        <div><dt>Duration</dt><dd>{formatDuration(runDuration(run.createdAt, run.finishedAt, now))}</dd></div>
        <div><dt>Attempt</dt><dd>{run.attempt}</dd></div>
        <div><dt>Current step</dt><dd>{run.currentStep ? humanize(run.currentStep) : '—'}</dd></div>
      </dl>
      {run.error ? (
        <div className="error-box" role="note">
          <strong>{run.error.code}</strong>: {run.error.message}
        </div>
      ) : null}
      {run.reason ? <p className="notice">Skipped: {run.reason}</p> : null}
      <Links detail={detail} />
      <h2>Steps</h2>
      <ol className="timeline" data-testid="timeline">
        {FORM_LEAD_STEPS.map((stepId, index) => (
          <StepItem key={stepId} index={index + 1} stepId={stepId} attempts={steps.filter((s) => s.stepId === stepId)} current={run.currentStep === stepId} />
        ))}
      </ol>
      {draft ? (
        <>
          <h2>Draft</h2>
          <div className="card">
            <p><StatusBadge status={draft.state} /> <strong>{draft.subject}</strong> to {draft.to}</p>
            <p><Link to={`/drafts?state=${draft.state}&id=${encodeURIComponent(draft.id)}`}>Open in the drafts inbox</Link></p>
          </div>
        </>
      ) : null}
      <h2>Submission</h2>
      {submission ? (
        <details className="card">
          <summary>Raw payload ({submission.sourceKind}, received {formatInstant(submission.receivedAt)})</summary>
          <pre className="code">{pretty(submission.rawPayload)}</pre>
        </details>
      ) : <p className="subtle">No stored submission (the run was started without one).</p>}
      <h2>Audit events</h2>
      <AuditTable events={[...audit].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id))} />
    </section>
  );
}

function Links({ detail }: { detail: RunDetail }) {
  const { draft, submission, steps } = detail;
  const { contactId, taskId } = findCrmIds(steps);
  const portal = submission?.portalId ?? null;
  if (!draft?.gmailDraftId && !contactId && !taskId) return null;
  return (
    <div className="links card">
      <h2 className="small">Links</h2>
      <ul>
        {draft?.gmailDraftId ? (
          <li>
            Gmail draft <code>{draft.gmailDraftId}</code>{' '}
            <a href={`https://mail.google.com/mail/u/0/#drafts?compose=${encodeURIComponent(draft.gmailDraftId)}`} target="_blank" rel="noreferrer">
              open in Gmail (hint: works when signed in to the seller's mailbox)
            </a>
          </li>
        ) : null}
        {contactId ? (
          <li>
            HubSpot contact <code>{contactId}</code>
            {portal ? <> <a href={`https://app.hubspot.com/contacts/${encodeURIComponent(portal)}/record/0-1/${encodeURIComponent(contactId)}`} target="_blank" rel="noreferrer">open in HubSpot (hint)</a></> : null}
          </li>
        ) : null}
        {taskId ? <li>HubSpot task <code>{taskId}</code> (on the contact's timeline)</li> : null}
      </ul>
    </div>
  );
}

function StepItem({ index, stepId, attempts, current }: { index: number; stepId: string; attempts: StepRecord[]; current: boolean }) {
  const last = attempts.at(-1);
  const status = last?.status ?? 'not-started';
  const summary = last ? summarizeStep(stepId, last.status, last.output) : [];
  const failed = attempts.filter((a) => a.error !== null);
  return (
    <li className={`step step-${status}${current ? ' step-current' : ''}`} data-testid="step" data-step={stepId} data-status={status}>
      <div className="step-head">
        <span className="step-index" aria-hidden="true">{index}</span>
        <span className="step-name">{humanize(stepId)}</span>
        <StatusBadge status={status} />
        <span className="subtle">
          {attempts.length > 1 ? `${attempts.length} attempts · ` : attempts.length === 1 ? '1 attempt · ' : ''}
          {last ? `${formatDuration(last.durationMs)} · ${formatTime(last.startedAt)}` : 'not run'}
        </span>
      </div>
      {summary.length > 0 ? (
        <dl className="step-summary">
          {summary.map((s, i) => (
            <div key={`${s.label}-${i}`}>
              <dt>{s.label}</dt>
              <dd>{s.href ? <a href={s.href} target="_blank" rel="noreferrer">{s.value}</a> : s.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {failed.map((a) => (
        <p key={a.attempt} className="step-error">Attempt {a.attempt}: <strong>{a.error?.code}</strong> {a.error?.message}</p>
      ))}
    </li>
  );
}

export function AuditTable({ events, showRun = false }: { events: AuditEvent[]; showRun?: boolean }) {
  if (events.length === 0) return <p className="subtle">No audit events.</p>;
  return (
    <div className="table-wrap">
      <table className="table audit-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Actor</th>
            <th scope="col">Action</th>
            {showRun ? <th scope="col">Run</th> : null}
            <th scope="col">Step</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-testid="audit-row">
              <td>{formatInstant(e.at)}</td>
              <td className="mono">{e.actor}</td>
              <td>{e.action}</td>
              {showRun ? <td className="mono">{e.runId ? <Link to={`/runs/${encodeURIComponent(e.runId)}`}>{e.runId.slice(0, 8)}</Link> : '—'}</td> : null}
              <td>{e.stepId ?? '—'}</td>
              <td className="details">{compact(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function compact(details: Record<string, unknown>): string {
  const text = Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' · ');
  return text.length > 240 ? `${text.slice(0, 240)}…` : text;
}

function pretty(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}
