// The runs list: counts per status (also the status filter), date range and search, a table that
// pages with a cursor ("Load more"), and live updates through the query cache.
import { useEffect, useState, type FormEvent } from 'react';
import { useRuns, type RunFilters } from '../api/queries.js';
import { RUN_STATUSES, type RunStatus } from '../api/types.js';
import { Link } from '../components/link.js';
import { StatusBadge } from '../components/status-badge.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { formatDuration, formatInstant, humanize, runDuration } from '../format.js';
import { setParams, useLocation } from '../router.js';

/** `2026-11-25` (a date input) as the instant that day starts or ends in the viewer's zone. */
function dayToIso(day: string, end: boolean): string {
  if (day === '') return '';
  const date = new Date(`${day}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function RunsView() {
  const { params } = useLocation();
  const status = params.get('status') ?? '';
  const fromDay = params.get('from') ?? '';
  const toDay = params.get('to') ?? '';
  const q = params.get('q') ?? '';
  const filters: RunFilters = { status, from: dayToIso(fromDay, false), to: dayToIso(toDay, true), q };
  const runs = useRuns(filters);
  const now = useNow();
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  const counts = runs.data?.pages[0]?.counts;
  const items = runs.data?.pages.flatMap((p) => p.items) ?? [];
  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;

  const submitSearch = (event: FormEvent): void => {
    event.preventDefault();
    setParams({ q: search.trim() });
  };

  return (
    <section aria-labelledby="runs-title">
      <div className="view-header">
        <h1 id="runs-title">Runs</h1>
        <p className="subtle">Every lead's run through the 13 steps. New runs and changes appear on their own.</p>
      </div>
      <div className="chips" role="group" aria-label="Filter by status">
        <button type="button" className="chip" aria-pressed={status === ''} onClick={() => setParams({ status: null })}>
          All <span className="count">{total ?? '…'}</span>
        </button>
        {RUN_STATUSES.map((s: RunStatus) => (
          <button key={s} type="button" className={`chip chip-${s}`} aria-pressed={status === s} onClick={() => setParams({ status: status === s ? null : s })}>
            {s} <span className="count" data-testid={`count-${s}`}>{counts ? counts[s] : '…'}</span>
          </button>
        ))}
      </div>
      <form className="filters" onSubmit={submitSearch} role="search">
        <label>
          Search email or company
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="e.g. acme or jane@" />
        </label>
        <label>
          From
          <input type="date" value={fromDay} onChange={(e) => setParams({ from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={toDay} onChange={(e) => setParams({ to: e.target.value })} />
        </label>
        <button type="submit">Search</button>
        {status || fromDay || toDay || q ? (
          <button type="button" className="link-button" onClick={() => setParams({ status: null, from: null, to: null, q: null })}>Clear filters</button>
        ) : null}
      </form>
      {runs.isPending ? <Loading label="Loading runs" /> : runs.isError ? (
        <ErrorState error={runs.error} onRetry={() => void runs.refetch()} />
      ) : items.length === 0 ? (
        <Empty>
          {status || q || fromDay || toDay ? 'No run matches these filters.' : 'No runs yet. When a HubSpot form is submitted (or a lead is posted to /api/leads), its run appears here.'}
        </Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table className="table runs-table">
              <thead>
                <tr>
                  <th scope="col">Status</th>
                  <th scope="col">Prospect</th>
                  <th scope="col">Company</th>
                  <th scope="col">Form</th>
                  <th scope="col">Created</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Current step</th>
                </tr>
              </thead>
              <tbody>
                {items.map((run) => (
                  <tr key={run.id} data-testid="run-row" data-status={run.status}>
                    <td><StatusBadge status={run.status} deadLettered={run.deadLettered} /></td>
                    <td><Link to={`/runs/${encodeURIComponent(run.id)}`}>{run.email ?? '(no email)'}</Link></td>
                    <td>{run.company ?? '—'}</td>
                    <td className="mono" title={run.formId ?? ''}>{run.formId ? run.formId.slice(0, 8) : '—'}</td>
                    <td>{formatInstant(run.createdAt)}</td>
                    <td>{formatDuration(runDuration(run.createdAt, run.finishedAt, now))}</td>
                    <td>
                      {run.currentStep ? humanize(run.currentStep) : '—'}
                      {run.error ? <div className="cell-error" title={run.error.message}>{run.error.code}: {run.error.message}</div> : null}
                      {run.reason ? <div className="subtle">{run.reason}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="pager">
            <span className="subtle">{items.length} shown{total !== null && status === '' ? ` of ${total}` : ''}</span>
            {runs.hasNextPage ? (
              <button type="button" onClick={() => void runs.fetchNextPage()} disabled={runs.isFetchingNextPage}>
                {runs.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            ) : null}
          </div>
        </>
      )}
    </section>
  );
}
