// One draft: the preview as the prospect reads it, the lint result, the facts it may use, an editor
// (re-linted on save, problems inline), and approve / reject with a reason / send.
import { useState, type FormEvent } from 'react';
import { useDraftAction, useRun } from '../api/queries.js';
import type { Draft, LintProblem, Principal, RunDetail } from '../api/types.js';
import { canOperate } from '../app.js';
import { Link } from '../components/link.js';
import { ActionError } from '../components/states.js';
import { formatInstant } from '../format.js';
import { setParams } from '../router.js';
import { summarizeStep } from './step-summaries.js';

export function DraftPanel({ draft, principal }: { draft: Draft; principal: Principal }) {
  const action = useDraftAction();
  const run = useRun(draft.runId);
  const [editing, setEditing] = useState(false);
  const [subject, setSubject] = useState(draft.subject);
  const [body, setBody] = useState(draft.body);
  const [reason, setReason] = useState('');
  const operate = canOperate(principal);
  const editable = draft.state === 'pending' || draft.state === 'approved';

  /** After a decision the draft changes tab: follow it there. */
  const follow = (result: { draft: Draft }): void => setParams({ state: result.draft.state, id: result.draft.id }, { replace: false });
  // mutateAsync, not mutate's callbacks: the refetch after a decision unmounts this panel (the draft
  // leaves its tab) before per-call callbacks would run.
  const decide = (input: Parameters<typeof action.mutateAsync>[0]): void => void action.mutateAsync(input).then(follow, () => undefined);

  const save = (event: FormEvent): void => {
    event.preventDefault();
    action.mutate({ kind: 'edit', id: draft.id, subject, body }, { onSuccess: (r) => r.draft.lint.length === 0 && setEditing(false) });
  };

  return (
    <article className="draft-panel" aria-label={`Draft to ${draft.to}`}>
      {!operate ? <p className="notice">Read-only: your role ({principal.role}) cannot edit, approve, reject or send drafts.</p> : null}
      {editing ? (
        <form className="card editor" onSubmit={save}>
          <label>
            Subject
            <input value={subject} onChange={(e) => setSubject(e.target.value)} required data-testid="edit-subject" />
          </label>
          <label>
            Body
            <textarea value={body} onChange={(e) => setBody(e.target.value)} rows={14} required data-testid="edit-body" />
          </label>
          <LintResult lint={draft.lint} heading="Lint after the last save" />
          <div className="actions">
            <button type="submit" className="primary" disabled={action.isPending}>{action.isPending ? 'Saving…' : 'Save and re-lint'}</button>
            <button type="button" onClick={() => { setEditing(false); setSubject(draft.subject); setBody(draft.body); }}>Cancel</button>
          </div>
        </form>
      ) : (
        <div className="email-preview card" data-testid="draft-preview">
          <div className="email-head">
            <div><span className="subtle">To</span> {draft.to}</div>
            <div><span className="subtle">Subject</span> <strong>{draft.subject}</strong></div>
            {draft.threadId ? <div className="subtle">Gmail thread {draft.threadId}</div> : null}
          </div>
          <div className="email-body">{draft.body}</div>
          <LintResult lint={draft.lint} heading="Lint" />
        </div>
      )}
      <ActionError error={action.error} />
      <Decision draft={draft} />
      {operate ? (
        <div className="actions draft-actions">
          {editable && !editing ? <button type="button" onClick={() => setEditing(true)}>Edit</button> : null}
          {draft.state === 'pending' ? (
            <button type="button" className="primary" disabled={action.isPending || draft.lint.length > 0} title={draft.lint.length > 0 ? 'Fix the lint problems first' : undefined} onClick={() => decide({ kind: 'approve', id: draft.id })}>
              Approve
            </button>
          ) : null}
          {draft.state === 'approved' ? (
            <button type="button" className="danger" disabled={action.isPending} onClick={() => decide({ kind: 'send', id: draft.id })}>Send now</button>
          ) : null}
          {editable ? (
            <form className="inline-form" onSubmit={(e) => { e.preventDefault(); decide({ kind: 'reject', id: draft.id, reason }); }}>
              <label className="sr-only" htmlFor={`reason-${draft.id}`}>Reason for rejecting</label>
              <input id={`reason-${draft.id}`} placeholder="Reason for rejecting" value={reason} onChange={(e) => setReason(e.target.value)} required />
              <button type="submit" disabled={action.isPending || reason.trim() === ''}>Reject</button>
            </form>
          ) : null}
        </div>
      ) : null}
      <h2 className="small">Facts the draft may use</h2>
      {run.data ? <Facts detail={run.data} /> : run.isError ? <p className="subtle">The run could not be loaded.</p> : <p className="subtle">Loading…</p>}
      <p><Link to={`/runs/${encodeURIComponent(draft.runId)}`}>Open the run</Link></p>
    </article>
  );
}

function LintResult({ lint, heading }: { lint: LintProblem[]; heading: string }) {
  if (lint.length === 0) return <p className="lint-ok" data-testid="lint-ok">✓ {heading}: passes every rule</p>;
  return (
    <div className="lint-problems" role="alert" data-testid="lint-problems">
      <p><strong>{heading}: {lint.length} problem{lint.length === 1 ? '' : 's'}</strong></p>
      <ul>
        {lint.map((p, i) => (
          <li key={`${p.rule}-${i}`}><code>{p.rule}</code> {p.message}{p.excerpt ? <> — “<mark>{p.excerpt}</mark>”</> : null}</li>
        ))}
      </ul>
    </div>
  );
}

function Decision({ draft }: { draft: Draft }) {
  if (draft.decidedBy === null && draft.sentAt === null) return null;
  return (
    <p className="subtle">
      {draft.state} {draft.decidedBy ? `by ${draft.decidedBy}` : ''} {draft.decidedAt ? formatInstant(draft.decidedAt) : ''}
      {draft.decisionReason ? ` · reason: ${draft.decisionReason}` : ''}
      {draft.sentAt ? ` · sent ${formatInstant(draft.sentAt)}` : ''}
    </p>
  );
}

function Facts({ detail }: { detail: RunDetail }) {
  const stepOut = (id: string) => detail.steps.filter((s) => s.stepId === id && s.status === 'succeeded').at(-1);
  const sections = ['read-thread', 'find-assets', 'propose-slots', 'plan-next-step'].map((id) => {
    const step = stepOut(id);
    return { id, lines: step ? summarizeStep(id, step.status, step.output) : [] };
  });
  return (
    <dl className="step-summary facts-used">
      {sections.flatMap((s) => s.lines.map((l, i) => (
        <div key={`${s.id}-${i}`}>
          <dt>{l.label}</dt>
          <dd>{l.href ? <a href={l.href} target="_blank" rel="noreferrer">{l.value}</a> : l.value}</dd>
        </div>
      )))}
    </dl>
  );
}
