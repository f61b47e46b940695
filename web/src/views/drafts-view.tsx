// The drafts inbox: tabs by state with counts, a list with bulk approve, and the selected draft's
// preview, lint, facts, editor and actions. The selection lives in the URL (?state=&id=).
import { useState } from 'react';
import { runDraftAction, useDrafts } from '../api/queries.js';
import { DRAFT_STATES, type Draft, type DraftState, type Principal } from '../api/types.js';
import { canOperate } from '../app.js';
import { StatusBadge } from '../components/status-badge.js';
import { Empty, ErrorState, Loading, describeError } from '../components/states.js';
import { formatInstant } from '../format.js';
import { setParams, useLocation } from '../router.js';
import { useQueryClient } from '@tanstack/react-query';
import { keys } from '../api/queries.js';
import { DraftPanel } from './draft-panel.js';

export function DraftsView({ principal }: { principal: Principal }) {
  const { params } = useLocation();
  const state = (DRAFT_STATES as readonly string[]).includes(params.get('state') ?? '') ? (params.get('state') as DraftState) : 'pending';
  const selectedId = params.get('id');
  const drafts = useDrafts(state);
  const items = drafts.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = drafts.data?.pages[0]?.counts;
  const selected = items.find((d) => d.id === selectedId) ?? null;

  return (
    <section aria-labelledby="drafts-title">
      <div className="view-header">
        <h1 id="drafts-title">Drafts</h1>
        <p className="subtle">Review what the agent wrote before anything reaches a prospect.</p>
      </div>
      <div className="tabs" role="tablist" aria-label="Draft state">
        {DRAFT_STATES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === state} className="tab" onClick={() => setParams({ state: s, id: null }, { replace: false })}>
            {s} <span className="count" data-testid={`draft-count-${s}`}>{counts ? counts[s] : '…'}</span>
          </button>
        ))}
      </div>
      {drafts.isPending ? <Loading label="Loading drafts" /> : drafts.isError ? (
        <ErrorState error={drafts.error} onRetry={() => void drafts.refetch()} />
      ) : (
        <div className="split">
          <DraftList items={items} state={state} selectedId={selectedId} principal={principal} hasMore={drafts.hasNextPage} loadMore={() => void drafts.fetchNextPage()} />
          <div className="split-detail">
            {selected ? <DraftPanel key={selected.id} draft={selected} principal={principal} /> : (
              <Empty>{items.length === 0 ? `No ${state} drafts.` : 'Select a draft to preview, edit and decide on it.'}</Empty>
            )}
          </div>
        </div>
      )}
    </section>
  );
}

function DraftList(props: { items: Draft[]; state: DraftState; selectedId: string | null; principal: Principal; hasMore: boolean; loadMore: () => void }) {
  const { items, state, selectedId, principal } = props;
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [bulk, setBulk] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const client = useQueryClient();
  if (items.length === 0) return <div className="split-list"><Empty>No {state} drafts.</Empty></div>;
  const bulkable = state === 'pending' && canOperate(principal);

  const toggle = (id: string): void => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };

  const approveChecked = async (): Promise<void> => {
    setBulk({ busy: true, message: null });
    const ids = [...checked];
    const results = await Promise.allSettled(ids.map((id) => runDraftAction({ kind: 'approve', id })));
    const failed = results.map((r, i) => ({ r, id: ids[i] })).filter((x) => x.r.status === 'rejected');
    const reasons = failed.map((f) => (f.r.status === 'rejected' ? describeError(f.r.reason) : '')).slice(0, 3);
    setBulk({ busy: false, message: `Approved ${ids.length - failed.length} of ${ids.length}.${failed.length > 0 ? ` Not approved: ${reasons.join('; ')}` : ''}` });
    setChecked(new Set());
    await client.invalidateQueries({ queryKey: keys.drafts });
  };

  return (
    <div className="split-list">
      {bulkable ? (
        <div className="bulk-bar">
          <label className="inline">
            <input type="checkbox" checked={checked.size === items.length} onChange={(e) => setChecked(e.target.checked ? new Set(items.map((d) => d.id)) : new Set())} />
            Select all
          </label>
          <button type="button" disabled={checked.size === 0 || bulk.busy} onClick={() => void approveChecked()}>
            {bulk.busy ? 'Approving…' : `Approve selected (${checked.size})`}
          </button>
        </div>
      ) : null}
      {bulk.message ? <p className="notice" role="status">{bulk.message}</p> : null}
      <ul className="draft-list">
        {items.map((d) => (
          <li key={d.id} className={d.id === selectedId ? 'selected' : ''} data-testid="draft-item">
            {bulkable ? <input type="checkbox" aria-label={`Select the draft to ${d.to}`} checked={checked.has(d.id)} onChange={() => toggle(d.id)} /> : null}
            <button type="button" className="draft-item" aria-current={d.id === selectedId} onClick={() => setParams({ id: d.id })}>
              <span className="draft-to">{d.to}</span>
              <span className="draft-subject">{d.subject}</span>
              <span className="subtle">
                {formatInstant(d.createdAt)} {d.lint.length > 0 ? <span className="badge badge-failed">{d.lint.length} lint</span> : null} <StatusBadge status={d.state} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {props.hasMore ? <button type="button" onClick={props.loadMore}>Load more</button> : null}
    </div>
  );
}
