// The audit log: every operator action and run transition, filtered by actor, action, run and date.
import { useEffect, useState, type FormEvent } from 'react';
import { useAudit } from '../api/queries.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { setParams, useLocation } from '../router.js';
import { AuditTable } from './run-detail-view.js';

function dayStart(day: string, plusDays = 0): string {
  if (day === '') return '';
  const date = new Date(`${day}T00:00:00`);
  date.setDate(date.getDate() + plusDays);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

const FIELDS = ['actor', 'action', 'runId', 'from', 'to'] as const;

export function AuditView() {
  const { params } = useLocation();
  const current = Object.fromEntries(FIELDS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FIELDS)[number], string>;
  const [form, setForm] = useState(current);
  const key = JSON.stringify(current);
  useEffect(() => setForm(JSON.parse(key) as typeof current), [key]);
  const audit = useAudit({ actor: current.actor, action: current.action, runId: current.runId, from: dayStart(current.from), to: dayStart(current.to, 1) });
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setParams(Object.fromEntries(FIELDS.map((f) => [f, form[f].trim()])));
  };
  const field = (name: (typeof FIELDS)[number], label: string, type = 'text', placeholder = '') => (
    <label>
      {label}
      <input type={type} value={form[name]} placeholder={placeholder} onChange={(e) => setForm({ ...form, [name]: e.target.value })} />
    </label>
  );

  return (
    <section aria-labelledby="audit-title">
      <div className="view-header">
        <h1 id="audit-title">Audit log</h1>
        <p className="subtle">Who did what, when. Append-only.</p>
      </div>
      <form className="filters" onSubmit={submit} role="search">
        {field('actor', 'Actor', 'text', 'user:ada@… or user:')}
        {field('action', 'Action', 'text', 'draft.approved or draft.')}
        {field('runId', 'Run id')}
        {field('from', 'From', 'date')}
        {field('to', 'To', 'date')}
        <button type="submit">Search</button>
      </form>
      {audit.isPending ? <Loading label="Loading the audit log" /> : audit.isError ? (
        <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
      ) : items.length === 0 ? (
        <Empty>No audit events match.</Empty>
      ) : (
        <>
          <AuditTable events={items} showRun />
          {audit.hasNextPage ? <div className="pager"><button type="button" onClick={() => void audit.fetchNextPage()}>Load more</button></div> : null}
        </>
      )}
    </section>
  );
}
